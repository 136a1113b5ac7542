import { specFor } from '../../test/support/decider-spec';
import { toEdFiDescriptor, toGradeCode, GRADE_CODES } from './grade-levels';
import { RegisterStudent } from './student.commands';
import { studentDecider, StudentLookups } from './student.decider';
import { StudentEvent } from './student.events';
import { studentReservations } from './student.reservations';

const district = { id: 'd-1', type: 'district', closed: false };
const school = (id = 's-1', type = 'school', closed = false) => ({ school: { id, type, closed } });
const spec = specFor(studentDecider, { district } as StudentLookups);

const register: RegisterStudent = { type: 'RegisterStudent', studentId: 'st-1', districtId: 'd-1', username: 'jsmith', givenName: 'Jo', familyName: 'Smith' };
const registered: StudentEvent = { type: 'StudentRegistered', data: { studentId: 'st-1', districtId: 'd-1', username: 'jsmith', givenName: 'Jo', familyName: 'Smith' } };
const admitted = (schoolId: string, entryDate = '2025-09-01', primary = true, previousPrimary?: { schoolId: string; entryDate: string }): StudentEvent => ({
  type: 'StudentAdmittedToSchool',
  data: { studentId: 'st-1', schoolId, entryDate, entryGradeLevel: '09', primary, ...(previousPrimary ? { previousPrimary } : {}) },
});

describe('Student decider', () => {
  describe('rule 1: usernames are unique per district, not globally', () => {
    it('registering claims the username in the district, compared case-insensitively after trimming', () => {
      const changes = studentReservations([{ ...registered, data: { ...registered.data, username: ' JSmith ' } } as StudentEvent]);
      expect(changes.claim.map((k) => [k.kind, k.scope, k.value, k.conflictCode])).toEqual([['student-username', 'd-1', 'jsmith', 'UsernameTaken']]);
    });
    it('the same username in another district is another reservation', () => {
      const a = studentReservations([registered]).claim[0];
      const b = studentReservations([{ ...registered, data: { ...registered.data, districtId: 'd-2' } } as StudentEvent]).claim[0];
      expect(a.scope).not.toBe(b.scope);
    });
    it('a changed username claims the new one and frees the old one', () => {
      const events = spec.given([registered]).when({ type: 'ChangeStudentUsername', studentId: 'st-1', username: 'jsmith2' }).state();
      expect(events).toMatchObject({ username: 'jsmith2' });
      const changes = studentReservations([{ type: 'StudentUsernameChanged', data: { studentId: 'st-1', districtId: 'd-1', username: 'jsmith2', previousUsername: 'jsmith' } }]);
      expect(changes.claim.map((k) => k.value)).toEqual(['jsmith2']);
      expect(changes.release.map((k) => k.value)).toEqual(['jsmith']);
    });
    it('a change of case only keeps the same reservation', () => {
      const changes = studentReservations([{ type: 'StudentUsernameChanged', data: { studentId: 'st-1', districtId: 'd-1', username: 'JSmith', previousUsername: 'jsmith' } }]);
      expect(changes).toEqual({ claim: [], release: [] });
    });
  });

  it('rule 2: a stateStudentId is reserved per district', () => {
    const changes = studentReservations([{ ...registered, data: { ...registered.data, stateStudentId: '604822' } } as StudentEvent]);
    expect(changes.claim.map((k) => [k.kind, k.scope, k.conflictCode])).toContainEqual(['student-state-id', 'd-1', 'StateStudentIdTaken']);
  });

  describe('rule 3: districtId is an existing district', () => {
    it('registers in a district', () => spec.given().when(register).then([registered]));
    it('refuses a missing district', () => void spec.given().when(register, { lookups: { district: { id: 'd-1', type: null, closed: false } } }).thenFails('DistrictNotFound'));
    it('refuses a school as the district', () => void spec.given().when(register, { lookups: { district: { id: 'd-1', type: 'school', closed: false } } }).thenFails('NotADistrict'));
  });

  it('registering again with the same details decides nothing; with others is AlreadyExists', () => {
    spec.given([registered]).when(register).then([]);
    spec.given([registered]).when({ ...register, givenName: 'Joe' }).thenFails('AlreadyExists');
  });

  describe('rule 4: a student may attend several schools at once', () => {
    it('admits to a second school while the first stays open', () => {
      spec.given([registered, admitted('s-1')]).when({ type: 'AdmitStudentToSchool', studentId: 'st-1', schoolId: 's-2', entryDate: '2025-09-01', entryGradeLevel: '09' }, { lookups: school('s-2') }).then([
        admitted('s-2', '2025-09-01', false),
      ]);
    });
    it('admitting again to a school already open is AlreadyAdmitted', () => {
      spec.given([registered, admitted('s-1')]).when({ type: 'AdmitStudentToSchool', studentId: 'st-1', schoolId: 's-1', entryDate: '2025-10-01', entryGradeLevel: '09' }, { lookups: school() }).thenFails('AlreadyAdmitted');
    });
    it('keeps every stay after withdrawal and readmission (Ed-Fi key: student, school, entryDate)', () => {
      const state = spec
        .given([registered, admitted('s-1'), { type: 'StudentWithdrawnFromSchool', data: { studentId: 'st-1', schoolId: 's-1', entryDate: '2025-09-01', exitDate: '2025-12-01' } }])
        .when({ type: 'AdmitStudentToSchool', studentId: 'st-1', schoolId: 's-1', entryDate: '2026-01-05', entryGradeLevel: '09' }, { lookups: school() })
        .state();
      expect(state).toMatchObject({ associations: [{ schoolId: 's-1', entryDate: '2025-09-01', exitDate: '2025-12-01' }, { schoolId: 's-1', entryDate: '2026-01-05' }] });
    });
    it('refuses an organisation that is not a school', () => {
      spec.given([registered]).when({ type: 'AdmitStudentToSchool', studentId: 'st-1', schoolId: 'd-1', entryDate: '2025-09-01', entryGradeLevel: '09' }, { lookups: school('d-1', 'district') }).thenFails('NotASchool');
    });
  });

  it('rule 5: admitting with primary makes the earlier primary non-primary, and the event says so', () => {
    spec.given([registered, admitted('s-1')]).when({ type: 'AdmitStudentToSchool', studentId: 'st-1', schoolId: 's-2', entryDate: '2025-09-02', entryGradeLevel: '09', primary: true }, { lookups: school('s-2') }).then([
      admitted('s-2', '2025-09-02', true, { schoolId: 's-1', entryDate: '2025-09-01' }),
    ]);
  });

  describe('rule 6: withdrawal', () => {
    it('exitDate before the entryDate is refused', () => {
      spec.given([registered, admitted('s-1')]).when({ type: 'WithdrawStudentFromSchool', studentId: 'st-1', schoolId: 's-1', exitDate: '2025-08-01' }).thenFails('ExitBeforeEntry');
    });
    it('withdrawing from a school with no open association is NotAdmitted', () => {
      spec.given([registered]).when({ type: 'WithdrawStudentFromSchool', studentId: 'st-1', schoolId: 's-1', exitDate: '2025-10-01' }).thenFails('NotAdmitted');
    });
    it('withdraws the open association', () => {
      spec.given([registered, admitted('s-1')]).when({ type: 'WithdrawStudentFromSchool', studentId: 'st-1', schoolId: 's-1', exitDate: '2025-10-01', exitReason: 'moved' }).then([
        { type: 'StudentWithdrawnFromSchool', data: { studentId: 'st-1', schoolId: 's-1', entryDate: '2025-09-01', exitDate: '2025-10-01', exitReason: 'moved' } },
      ]);
    });
  });

  describe('rule 7: grade levels are OneRoster codes; Ed-Fi descriptors are stored as the code', () => {
    it('admits with an Ed-Fi descriptor and records the code', () => {
      spec.given([registered]).when({ type: 'AdmitStudentToSchool', studentId: 'st-1', schoolId: 's-1', entryDate: '2025-09-01', entryGradeLevel: 'uri://ed-fi.org/GradeLevelDescriptor#Ninth grade' }, { lookups: school() }).then([
        admitted('s-1'),
      ]);
    });
    it('refuses an unknown grade', () => {
      spec.given([registered]).when({ type: 'AdmitStudentToSchool', studentId: 'st-1', schoolId: 's-1', entryDate: '2025-09-01', entryGradeLevel: 'Grade Nine' }, { lookups: school() }).thenFails('UnknownGradeLevel');
    });
    it('maps every code to a descriptor and back', () => {
      for (const code of GRADE_CODES) expect(toGradeCode(toEdFiDescriptor(code)!)).toBe(code);
    });
  });

  describe('rule 8: a deactivated student accepts no admissions, enrollments or work until reactivated', () => {
    const deactivated: StudentEvent = { type: 'StudentDeactivated', data: { studentId: 'st-1', reason: 'left the district' } };
    const admit = { type: 'AdmitStudentToSchool', studentId: 'st-1', schoolId: 's-1', entryDate: '2025-09-01', entryGradeLevel: '09' } as const;
    it('deactivates with a reason', () => {
      spec.given([registered]).when({ type: 'DeactivateStudent', studentId: 'st-1', reason: 'left the district' }).then([deactivated]);
    });
    it('refuses an admission while deactivated', () => {
      spec.given([registered, deactivated]).when(admit, { lookups: school() }).thenFails('StudentDeactivated');
    });
    it('admits again once reactivated', () => {
      spec.given([registered, deactivated, { type: 'StudentReactivated', data: { studentId: 'st-1' } }]).when(admit, { lookups: school() }).then([admitted('s-1')]);
    });
    it('the state says so, which is what enrollments check', () => {
      expect(spec.given([registered, deactivated]).state).toMatchObject({ status: 'deactivated' });
    });
    it('deactivating twice or reactivating an active student decides nothing', () => {
      spec.given([registered, deactivated]).when({ type: 'DeactivateStudent', studentId: 'st-1' }).then([]);
      spec.given([registered]).when({ type: 'ReactivateStudent', studentId: 'st-1' }).then([]);
    });
    it('reactivates a deactivated student', () => {
      spec.given([registered, deactivated]).when({ type: 'ReactivateStudent', studentId: 'st-1' }).then([{ type: 'StudentReactivated', data: { studentId: 'st-1' } }]);
    });
    it('refuses to deactivate a student that does not exist', () => {
      spec.given().when({ type: 'DeactivateStudent', studentId: 'st-1' }).thenFails('NotFound');
    });
  });

  describe('UpdateStudentDetails records only the fields that changed', () => {
    const withMiddle: StudentEvent = {
      type: 'StudentRegistered',
      data: { studentId: 'st-1', districtId: 'd-1', username: 'jsmith', givenName: 'Jo', familyName: 'Smith', middleName: 'Ann', email: 'jo@example.org' },
    };
    it('records a changed name and new grades, not the unchanged ones', () => {
      spec.given([registered]).when({ type: 'UpdateStudentDetails', studentId: 'st-1', givenName: 'Jo', familyName: 'Smyth', grades: ['09'] }).then([
        { type: 'StudentDetailsUpdated', data: { studentId: 'st-1', familyName: 'Smyth', grades: ['09'] } },
      ]);
    });
    it('no event when nothing changed', () => {
      spec.given([withMiddle]).when({ type: 'UpdateStudentDetails', studentId: 'st-1', givenName: 'Jo', middleName: 'Ann' }).then([]);
    });
    it('null clears an optional field that is set, and is no change when it is not', () => {
      spec.given([withMiddle]).when({ type: 'UpdateStudentDetails', studentId: 'st-1', email: null, preferredName: null }).then([
        { type: 'StudentDetailsUpdated', data: { studentId: 'st-1', email: null } },
      ]);
      const state = spec.given([withMiddle]).when({ type: 'UpdateStudentDetails', studentId: 'st-1', email: null }).state();
      expect(state).toMatchObject({ details: { givenName: 'Jo', middleName: 'Ann' } });
      expect((state as { details: object }).details).not.toHaveProperty('email');
    });
    it('a deactivated student’s details can still be corrected', () => {
      spec.given([registered, { type: 'StudentDeactivated', data: { studentId: 'st-1' } }]).when({ type: 'UpdateStudentDetails', studentId: 'st-1', givenName: 'Joanne' }).then([
        { type: 'StudentDetailsUpdated', data: { studentId: 'st-1', givenName: 'Joanne' } },
      ]);
    });
    it('refuses a student that does not exist', () => {
      spec.given().when({ type: 'UpdateStudentDetails', studentId: 'st-1', givenName: 'X' }).thenFails('NotFound');
    });
  });

  describe('erasure (domain/audit.md "Personal data of students")', () => {
    const erase = { type: 'EraseStudentPersonalData' as const, studentId: 'st-1', reason: ' request ER-7 ' };
    const erased: StudentEvent = { type: 'StudentPersonalDataErased', data: { studentId: 'st-1', districtId: 'd-1', reason: 'request ER-7' } };
    it('erases a registered student, once', () => {
      spec.given([registered]).when(erase).then([erased]);
      spec.given([registered, erased]).when(erase).then([]);
    });
    it('refuses a student that does not exist', () => void spec.given().when(erase).thenFails('NotFound'));
    it('leaves every personal field [erased] and keeps ids, grades and associations', () => {
      const state = spec.given([{ ...registered, data: { ...registered.data, email: 'jo@example.org', grades: ['05'] } } as StudentEvent, admitted('s-1'), erased]).state;
      expect(state).toMatchObject({ studentId: 'st-1', districtId: 'd-1', username: '[erased]', details: { givenName: '[erased]', familyName: '[erased]', email: '[erased]', grades: ['05'] }, erased: true });
      expect(JSON.stringify(state)).not.toMatch(/jsmith|Smith|jo@example/);
    });
    it('personal data cannot be set again after erasure', () => {
      spec.given([registered, erased]).when({ type: 'UpdateStudentDetails', studentId: 'st-1', givenName: 'X' }).thenFails('StudentPersonalDataErased');
      spec.given([registered, erased]).when({ type: 'ChangeStudentUsername', studentId: 'st-1', username: 'x' }).thenFails('StudentPersonalDataErased');
    });
    it('frees the username and the state id', () => {
      const before = spec.given([{ ...registered, data: { ...registered.data, stateStudentId: '604822' } } as StudentEvent]).state;
      const changes = studentReservations([erased], before);
      expect(changes.release.map((k) => [k.kind, k.value])).toEqual([['student-username', 'jsmith'], ['student-state-id', '604822']]);
    });
  });
});
