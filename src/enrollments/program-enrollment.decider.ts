import { assertNever, Decider } from '../shared/decider';
import { conflict, invalid, notFound } from '../shared/domain-error';
import { isValidId } from '../shared/ids';
import { EnrollInProgram, ProgramEnrollmentCommand } from './program-enrollment.commands';
import {
  ProgramEnrollmentCreated, ProgramEnrollmentEvent, ProgramEnrollmentParties, ProgramEnrollmentStatus,
} from './program-enrollment.events';

interface EnrollmentFacts {
  programEnrollmentId: string;
  programId: string;
  curriculumId: string;
  externalUserKey?: string;
  organisationId?: string;
  status: ProgramEnrollmentStatus;
  /** What EnrollInProgram recorded: repeating exactly that is a no-op. */
  created: ProgramEnrollmentCreated['data'];
}

/** Waiting: known only by its key until it is linked to a student (rule 4). */
export type ProgramEnrollmentState =
  | { stage: 'none' }
  | ({ stage: 'waiting' } & EnrollmentFacts)
  | ({ stage: 'linked'; studentId: string } & EnrollmentFacts);

/** Whether an aggregate exists, as the handler found it. */
export interface ExistenceFact {
  id: string;
  exists: boolean;
}

export interface ProgramEnrollmentLookups {
  student?: ExistenceFact;
  organisation?: ExistenceFact;
}

export const LEARNER_REQUIRED = 'give studentId, externalUserKey, or both';
export const PROGRAM_ID_FORMAT = 'must be a UUID or an id of 1–128 characters A–Z a–z 0–9 . _ - : @';

const CREATION_FIELDS = ['programId', 'curriculumId', 'studentId', 'externalUserKey', 'organisationId', 'status'] as const;

/** Rule 7: enrolled ↔ suspended, pending → enrolled, any → canceled | ended; canceled and ended are final. */
const NEXT_STATUSES: Record<ProgramEnrollmentStatus, ProgramEnrollmentStatus[]> = {
  enrolled: ['suspended', 'canceled', 'ended'],
  suspended: ['enrolled', 'canceled', 'ended'],
  pending: ['enrolled', 'canceled', 'ended'],
  canceled: [],
  ended: [],
};

/** Rules 1 and 6, checked here too so a command from any source (not only HTTP) obeys them. */
function checkShape(command: EnrollInProgram): void {
  const problems: { field: string; message: string }[] = [];
  if (command.studentId === undefined && command.externalUserKey === undefined) {
    problems.push({ field: 'studentId', message: LEARNER_REQUIRED }, { field: 'externalUserKey', message: LEARNER_REQUIRED });
  }
  for (const field of ['programId', 'curriculumId'] as const) {
    if (!isValidId(command[field])) problems.push({ field, message: `${field} ${PROGRAM_ID_FORMAT}` });
  }
  if (problems.length) throw invalid(`The command has ${problems.length} invalid field${problems.length === 1 ? '' : 's'}; see details.`, problems);
}

function requireExisting(fact: ExistenceFact | undefined, id: string, code: string, noun: string): void {
  if (!fact || !fact.exists) throw notFound(code, `${noun} ${id} does not exist.`);
}

function createdEvent(command: EnrollInProgram): ProgramEnrollmentCreated {
  const { programEnrollmentId, programId, curriculumId, studentId, externalUserKey, organisationId, status } = command;
  return {
    type: 'ProgramEnrollmentCreated',
    data: {
      programEnrollmentId,
      programId,
      curriculumId,
      ...(studentId !== undefined ? { studentId } : {}),
      ...(externalUserKey !== undefined ? { externalUserKey } : {}),
      ...(organisationId !== undefined ? { organisationId } : {}),
      status,
    },
  };
}

function partiesOf(state: Exclude<ProgramEnrollmentState, { stage: 'none' }>): ProgramEnrollmentParties {
  return {
    programEnrollmentId: state.programEnrollmentId,
    programId: state.programId,
    curriculumId: state.curriculumId,
    ...(state.stage === 'linked' ? { studentId: state.studentId } : {}),
    ...(state.externalUserKey !== undefined ? { externalUserKey: state.externalUserKey } : {}),
    ...(state.organisationId !== undefined ? { organisationId: state.organisationId } : {}),
  };
}

/** What LinkProgramEnrollmentsByKey links: enrollments still waiting under exactly that organisation and key. */
export const isWaitingUnder = (state: ProgramEnrollmentState, organisationId: string, externalUserKey: string): boolean =>
  state.stage === 'waiting' && state.organisationId === organisationId && state.externalUserKey === externalUserKey;

export const programEnrollmentDecider: Decider<ProgramEnrollmentState, ProgramEnrollmentCommand, ProgramEnrollmentEvent, ProgramEnrollmentLookups> = {
  initialState: { stage: 'none' },

  decide(command, state, { lookups }) {
    switch (command.type) {
      case 'EnrollInProgram': {
        checkShape(command);
        const event = createdEvent(command);
        if (state.stage !== 'none') {
          if (CREATION_FIELDS.every((field) => event.data[field] === state.created[field])) return [];
          throw conflict('AlreadyExists', `Program enrollment ${command.programEnrollmentId} already exists with other details.`);
        }
        if (command.studentId !== undefined) requireExisting(lookups.student, command.studentId, 'StudentNotFound', 'Student');
        if (command.organisationId !== undefined) requireExisting(lookups.organisation, command.organisationId, 'OrganisationNotFound', 'Organisation');
        return [event];
      }
      case 'LinkProgramEnrollment': {
        if (state.stage === 'none') throw notFound('NotFound', `Program enrollment ${command.programEnrollmentId} does not exist.`);
        if (state.stage === 'linked') {
          if (state.studentId === command.studentId) return [];
          throw conflict('AlreadyLinked', `Program enrollment ${command.programEnrollmentId} is already linked to another student.`);
        }
        requireExisting(lookups.student, command.studentId, 'StudentNotFound', 'Student');
        return [{ type: 'ProgramEnrollmentLinked', data: { ...partiesOf(state), studentId: command.studentId, status: state.status } }];
      }
      case 'ChangeProgramEnrollmentStatus': {
        if (state.stage === 'none') throw notFound('NotFound', `Program enrollment ${command.programEnrollmentId} does not exist.`);
        if (state.status === command.status) return [];
        const allowed = NEXT_STATUSES[state.status];
        if (!allowed.includes(command.status)) {
          throw conflict(
            'InvalidProgramEnrollmentTransition',
            `A program enrollment that is ${state.status} cannot become ${command.status}${allowed.length ? `; it can become ${allowed.join(', ')}` : ` (${state.status} is final)`}.`,
            [{ from: state.status, to: command.status, allowed }],
          );
        }
        return [{ type: 'ProgramEnrollmentStatusChanged', data: { ...partiesOf(state), status: command.status, previousStatus: state.status } }];
      }
      default:
        return assertNever(command);
    }
  },

  evolve(state, event) {
    switch (event.type) {
      case 'ProgramEnrollmentCreated': {
        const { studentId, ...facts } = event.data;
        const common = { ...facts, created: event.data };
        return studentId === undefined ? { stage: 'waiting', ...common } : { stage: 'linked', studentId, ...common };
      }
      case 'ProgramEnrollmentLinked':
        return state.stage === 'none' ? state : { ...state, stage: 'linked', studentId: event.data.studentId };
      case 'ProgramEnrollmentStatusChanged':
        return state.stage === 'none' ? state : { ...state, status: event.data.status };
      default:
        return assertNever(event);
    }
  },
};
