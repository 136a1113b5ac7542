import { specFor } from '../../test/support/decider-spec';
import { EnrollInProgram } from './program-enrollment.commands';
import { isWaitingUnder, programEnrollmentDecider, ProgramEnrollmentLookups } from './program-enrollment.decider';
import { ProgramEnrollmentEvent, ProgramEnrollmentStatus } from './program-enrollment.events';
import { programKeyRegistryDecider } from './program-enrollment.key-registry.decider';
import { programEnrollmentReservations } from './program-enrollment.reservations';

const PROGRAM = '0f8fad5b-d9cb-469f-a165-70867728950e';
const CURRICULUM = '7c9e6679-7425-40de-944b-e07fc1f90ae7';
const spec = specFor(programEnrollmentDecider, { student: { id: 'st-1', exists: true }, organisation: { id: 'u-1', exists: true } } as ProgramEnrollmentLookups);

const byKey: EnrollInProgram = { type: 'EnrollInProgram', programEnrollmentId: 'pe-1', programId: PROGRAM, curriculumId: CURRICULUM, externalUserKey: 'abc-123', organisationId: 'u-1', status: 'pending' };
const createdByKey: ProgramEnrollmentEvent = {
  type: 'ProgramEnrollmentCreated',
  data: { programEnrollmentId: 'pe-1', programId: PROGRAM, curriculumId: CURRICULUM, externalUserKey: 'abc-123', organisationId: 'u-1', status: 'pending' },
};
const linked: ProgramEnrollmentEvent = {
  type: 'ProgramEnrollmentLinked',
  data: { programEnrollmentId: 'pe-1', programId: PROGRAM, curriculumId: CURRICULUM, studentId: 'st-1', externalUserKey: 'abc-123', organisationId: 'u-1', status: 'pending' },
};
const statusChanged = (previousStatus: ProgramEnrollmentStatus, status: ProgramEnrollmentStatus): ProgramEnrollmentEvent => ({
  type: 'ProgramEnrollmentStatusChanged',
  data: { programEnrollmentId: 'pe-1', programId: PROGRAM, curriculumId: CURRICULUM, externalUserKey: 'abc-123', organisationId: 'u-1', status, previousStatus },
});
const claimed = (events: ProgramEnrollmentEvent[]) => programEnrollmentReservations(events).claim.map((k) => [k.kind, k.scope, k.value, k.conflictCode]);

describe('ProgramEnrollment decider', () => {
  describe('rule 1: at least one of studentId, externalUserKey', () => {
    it('refuses an enrollment with neither, naming both fields', () => {
      const error = spec.given().when({ ...byKey, externalUserKey: undefined }).thenFails('ValidationFailed');
      expect(error.kind).toBe('invalid');
      expect(error.details.map((d) => (d as { field: string }).field)).toEqual(['studentId', 'externalUserKey']);
    });
    it('enrolls by key only, waiting for a student', () => {
      spec.given().when(byKey).then([createdByKey]);
      expect(spec.given([createdByKey]).state).toMatchObject({ stage: 'waiting', externalUserKey: 'abc-123' });
    });
    it('enrolls a known student without a key, realized at once', () => {
      spec.given().when({ ...byKey, externalUserKey: undefined, organisationId: undefined, studentId: 'st-1', status: 'enrolled' }).then([
        { type: 'ProgramEnrollmentCreated', data: { programEnrollmentId: 'pe-1', programId: PROGRAM, curriculumId: CURRICULUM, studentId: 'st-1', status: 'enrolled' } },
      ]);
    });
  });

  describe('rule 2: unique (studentId, programId, curriculumId) among enrollments with a student', () => {
    it('creating with a student claims the student triple', () => {
      const created: ProgramEnrollmentEvent = { type: 'ProgramEnrollmentCreated', data: { programEnrollmentId: 'pe-2', programId: PROGRAM, curriculumId: CURRICULUM, studentId: 'st-1', status: 'enrolled' } };
      expect(claimed([created])).toEqual([['program-enrollment-student', `${PROGRAM}/${CURRICULUM}`, 'st-1', 'DuplicateProgramEnrollment']]);
    });
    it('the same student in another curriculum is another reservation', () => {
      const a = programEnrollmentReservations([linked]).claim[0];
      const b = programEnrollmentReservations([{ ...linked, data: { ...linked.data, curriculumId: 'other' } } as ProgramEnrollmentEvent]).claim[0];
      expect(a.scope).not.toBe(b.scope);
    });
    it('refuses a student that does not exist', () => {
      spec.given().when({ ...byKey, studentId: 'ghost' }, { lookups: { student: { id: 'ghost', exists: false } } }).thenFails('StudentNotFound');
    });
  });

  describe('rule 3: unique (externalUserKey, programId, curriculumId) among enrollments with a key', () => {
    it('creating with a key claims the key triple', () => {
      expect(claimed([createdByKey])).toEqual([['program-enrollment-key', `${PROGRAM}/${CURRICULUM}`, 'abc-123', 'DuplicateProgramEnrollment']]);
    });
    it('an enrollment missing a field is not constrained by that field’s triple', () => {
      const studentOnly: ProgramEnrollmentEvent = { type: 'ProgramEnrollmentCreated', data: { programEnrollmentId: 'pe-3', programId: PROGRAM, curriculumId: CURRICULUM, studentId: 'st-9', status: 'enrolled' } };
      expect(claimed([studentOnly]).map(([kind]) => kind)).toEqual(['program-enrollment-student']);
      expect(claimed([createdByKey]).map(([kind]) => kind)).toEqual(['program-enrollment-key']);
    });
    it('an enrollment with both fields claims both triples', () => {
      const both: ProgramEnrollmentEvent = { type: 'ProgramEnrollmentCreated', data: { ...createdByKey.data, studentId: 'st-1' } } as ProgramEnrollmentEvent;
      expect(claimed([both]).map(([kind]) => kind)).toEqual(['program-enrollment-student', 'program-enrollment-key']);
    });
  });

  describe('rule 4: linking sets the student on a waiting enrollment', () => {
    it('links a waiting enrollment, carrying its program, curriculum and key', () => {
      spec.given([createdByKey]).when({ type: 'LinkProgramEnrollment', programEnrollmentId: 'pe-1', studentId: 'st-1' }).then([linked]);
    });
    it('linking claims the student triple, so a clash with rule 2 is refused atomically by the reservation', () => {
      expect(claimed([linked])).toEqual([['program-enrollment-student', `${PROGRAM}/${CURRICULUM}`, 'st-1', 'DuplicateProgramEnrollment']]);
    });
    it('linking again to the same student decides nothing', () => {
      spec.given([createdByKey, linked]).when({ type: 'LinkProgramEnrollment', programEnrollmentId: 'pe-1', studentId: 'st-1' }).then([]);
    });
    it('linking to a different student is AlreadyLinked', () => {
      spec.given([createdByKey, linked]).when({ type: 'LinkProgramEnrollment', programEnrollmentId: 'pe-1', studentId: 'st-2' }).thenFails('AlreadyLinked');
    });
    it('linking to a student that does not exist is StudentNotFound', () => {
      spec.given([createdByKey]).when({ type: 'LinkProgramEnrollment', programEnrollmentId: 'pe-1', studentId: 'ghost' }, { lookups: { student: { id: 'ghost', exists: false } } }).thenFails('StudentNotFound');
    });
    it('linking an enrollment that does not exist is NotFound', () => {
      spec.given().when({ type: 'LinkProgramEnrollment', programEnrollmentId: 'pe-1', studentId: 'st-1' }).thenFails('NotFound');
    });
    it('only waiting enrollments under the same organisation and key are linked by key', () => {
      const waiting = spec.given([createdByKey]).state;
      expect(isWaitingUnder(waiting, 'u-1', 'abc-123')).toBe(true);
      expect(isWaitingUnder(waiting, 'u-2', 'abc-123')).toBe(false);
      expect(isWaitingUnder(waiting, 'u-1', 'ABC-123')).toBe(false);
      expect(isWaitingUnder(spec.given([createdByKey, linked]).state, 'u-1', 'abc-123')).toBe(false);
    });
  });

  it('rule 5: one student with a second key in the same program and curriculum claims the same student triple, so the second link conflicts', () => {
    const secondKey: ProgramEnrollmentEvent = { ...linked, data: { ...linked.data, programEnrollmentId: 'pe-2', externalUserKey: 'xyz-999' } } as ProgramEnrollmentEvent;
    const first = programEnrollmentReservations([linked]).claim[0];
    const second = programEnrollmentReservations([secondKey]).claim[0];
    expect([second.kind, second.scope, second.value]).toEqual([first.kind, first.scope, first.value]);
    expect(second.conflictCode).toBe('DuplicateProgramEnrollment');
  });

  describe('rule 6: programId and curriculumId are UUIDs or API ids', () => {
    it('accepts UUIDs and API ids', () => {
      spec.given().when({ ...byKey, programId: 'prog:masters.2025', curriculumId: CURRICULUM }).then([
        { ...createdByKey, data: { ...createdByKey.data, programId: 'prog:masters.2025' } } as ProgramEnrollmentEvent,
      ]);
    });
    it('refuses anything else, naming the field', () => {
      const error = spec.given().when({ ...byKey, programId: 'program one', curriculumId: '' }).thenFails('ValidationFailed');
      expect(error.details.map((d) => (d as { field: string }).field)).toEqual(['programId', 'curriculumId']);
    });
  });

  describe('rule 7: enrolled ↔ suspended, pending → enrolled, any → canceled | ended; canceled and ended are final', () => {
    const change = (status: ProgramEnrollmentStatus) => ({ type: 'ChangeProgramEnrollmentStatus' as const, programEnrollmentId: 'pe-1', status });
    const at = (status: ProgramEnrollmentStatus): ProgramEnrollmentEvent[] =>
      status === 'pending' ? [createdByKey] : [createdByKey, statusChanged('pending', 'enrolled'), ...(status === 'enrolled' ? [] : [statusChanged('enrolled', status)])];
    const allowed: [ProgramEnrollmentStatus, ProgramEnrollmentStatus][] = [
      ['pending', 'enrolled'], ['enrolled', 'suspended'], ['suspended', 'enrolled'],
      ['pending', 'canceled'], ['enrolled', 'canceled'], ['suspended', 'canceled'],
      ['pending', 'ended'], ['enrolled', 'ended'], ['suspended', 'ended'],
    ];
    it.each(allowed)('%s → %s is allowed', (from, to) => {
      spec.given(at(from)).when(change(to)).then([statusChanged(from, to)]);
    });
    const refused: [ProgramEnrollmentStatus, ProgramEnrollmentStatus][] = [
      ['pending', 'suspended'], ['enrolled', 'pending'], ['suspended', 'pending'],
      ['canceled', 'enrolled'], ['canceled', 'ended'], ['ended', 'enrolled'], ['ended', 'canceled'],
    ];
    it.each(refused)('%s → %s is InvalidProgramEnrollmentTransition', (from, to) => {
      const error = spec.given(at(from)).when(change(to)).thenFails('InvalidProgramEnrollmentTransition');
      expect(error.details).toEqual([expect.objectContaining({ from, to })]);
    });
    it('changing to the current status decides nothing', () => {
      spec.given(at('canceled')).when(change('canceled')).then([]);
    });
    it('a linked enrollment’s status change carries its student', () => {
      spec.given([createdByKey, linked]).when(change('enrolled')).then([
        { type: 'ProgramEnrollmentStatusChanged', data: { ...linked.data, status: 'enrolled', previousStatus: 'pending' } },
      ]);
    });
    it('canceled and ended keep their reservations: the unique constraints hold whatever the status', () => {
      expect(programEnrollmentReservations([statusChanged('enrolled', 'canceled'), statusChanged('enrolled', 'ended')])).toEqual({ claim: [], release: [] });
    });
  });

  describe('EnrollInProgram repeated', () => {
    it('with the same details decides nothing, even after the enrollment was linked', () => {
      spec.given([createdByKey, linked]).when(byKey).then([]);
    });
    it('with other details is AlreadyExists', () => {
      spec.given([createdByKey]).when({ ...byKey, externalUserKey: 'other' }).thenFails('AlreadyExists');
    });
  });

  it('refuses an organisation that does not exist', () => {
    spec.given().when(byKey, { lookups: { organisation: { id: 'u-1', exists: false } } }).thenFails('OrganisationNotFound');
  });

  it('the key registry lists each enrollment once', () => {
    const register = { type: 'RegisterProgramEnrollmentKey' as const, organisationId: 'u-1', programEnrollmentId: 'pe-1' };
    const registered = programKeyRegistryDecider.decide(register, programKeyRegistryDecider.initialState, { now: new Date(), lookups: undefined });
    expect(registered).toEqual([{ type: 'ProgramEnrollmentKeyRegistered', data: { organisationId: 'u-1', programEnrollmentId: 'pe-1' } }]);
    const state = registered.reduce(programKeyRegistryDecider.evolve, programKeyRegistryDecider.initialState);
    expect(programKeyRegistryDecider.decide(register, state, { now: new Date(), lookups: undefined })).toEqual([]);
  });
});
