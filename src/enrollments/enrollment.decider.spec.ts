import { specFor } from '../../test/support/decider-spec';
import { EnrollInClassroom } from './enrollment.commands';
import { enrollmentDecider, EnrollmentLookups } from './enrollment.decider';
import { EnrollmentEvent } from './enrollment.events';

const lookups: EnrollmentLookups = {
  classroom: { classroomId: 'c-1', status: 'active', schoolId: 's-1' },
  student: { id: 'st-1', status: 'active' },
  user: { id: 'u-1', status: 'active' },
};
const spec = specFor(enrollmentDecider, lookups);

const enroll: EnrollInClassroom = { type: 'EnrollInClassroom', enrollmentId: 'e-1', classroomId: 'c-1', role: 'student', studentId: 'st-1', beginDate: '2025-09-01' };
const parties = { enrollmentId: 'e-1', classroomId: 'c-1', schoolId: 's-1', role: 'student', studentId: 'st-1' } as const;
const started: EnrollmentEvent = { type: 'EnrollmentStarted', data: { ...parties, beginDate: '2025-09-01', primary: false } };
const cancelled: EnrollmentEvent = { type: 'EnrollmentCancelled', data: { ...parties, beginDate: '2025-09-01' } };

describe('Enrollment decider', () => {
  it('enrolls a student, with the school taken from the classroom', () => spec.given().when(enroll).then([started]));

  it('enrolling again with the same details decides nothing; with others is AlreadyExists', () => {
    spec.given([started]).when(enroll).then([]);
    spec.given([started]).when({ ...enroll, beginDate: '2025-09-02' }).thenFails('AlreadyExists');
  });

  describe('rule 1: beginDate inclusive, endDate exclusive, endDate after beginDate', () => {
    it('refuses an end on the begin date', () => {
      const failure = spec.given().when({ ...enroll, endDate: '2025-09-01' }).thenFails('InvalidEnrollmentDates');
      expect(failure.details).toEqual([{ beginDate: '2025-09-01', endDate: '2025-09-01' }]);
    });
    it('accepts a one-day enrollment (end the next day)', () => {
      spec.given().when({ ...enroll, endDate: '2025-09-02' }).then([{ type: 'EnrollmentStarted', data: { ...parties, beginDate: '2025-09-01', endDate: '2025-09-02', primary: false } }]);
    });
    it('refuses to end an enrollment before it began', () => {
      spec.given([started]).when({ type: 'EndEnrollment', enrollmentId: 'e-1', endDate: '2025-08-31' }).thenFails('InvalidEnrollmentDates');
    });
    it('refuses changed dates that end before they begin', () => {
      spec.given([started]).when({ type: 'ChangeEnrollmentDates', enrollmentId: 'e-1', beginDate: '2025-10-01', endDate: '2025-09-15' }).thenFails('InvalidEnrollmentDates');
    });
  });

  describe('rule 2: a student role needs studentId of an active student; other roles need userId of an existing user', () => {
    it('refuses a student role without studentId, or with a userId', () => {
      spec.given().when({ ...enroll, studentId: undefined, userId: 'u-1' }).thenFails('StudentIdRequired');
    });
    it('refuses a student that does not exist', () => {
      spec.given().when(enroll, { lookups: { student: { id: 'st-1', status: 'none' } } }).thenFails('StudentNotFound');
    });
    it('rule 8 (Student): refuses a deactivated student', () => {
      spec.given().when(enroll, { lookups: { student: { id: 'st-1', status: 'deactivated' } } }).thenFails('StudentDeactivated');
    });
    it('enrolls a teacher by userId', () => {
      spec.given().when({ ...enroll, role: 'teacher', studentId: undefined, userId: 'u-1', primary: true }).then([
        { type: 'EnrollmentStarted', data: { enrollmentId: 'e-1', classroomId: 'c-1', schoolId: 's-1', role: 'teacher', userId: 'u-1', beginDate: '2025-09-01', primary: true } },
      ]);
    });
    it('refuses a teacher named by studentId', () => {
      spec.given().when({ ...enroll, role: 'teacher' }).thenFails('UserIdRequired');
    });
    it('refuses a user that does not exist', () => {
      spec.given().when({ ...enroll, role: 'aide', studentId: undefined, userId: 'u-9' }, { lookups: { user: { id: 'u-9', status: 'none' } } }).thenFails('UserNotFound');
    });
  });

  describe('the classroom exists and is not closed', () => {
    it('refuses a classroom that does not exist', () => {
      spec.given().when(enroll, { lookups: { classroom: { classroomId: 'c-1', status: 'none' } } }).thenFails('ClassroomNotFound');
    });
    it('refuses a closed classroom', () => {
      spec.given().when(enroll, { lookups: { classroom: { classroomId: 'c-1', status: 'closed', schoolId: 's-1' } } }).thenFails('ClassroomClosed');
    });
  });

  // Rules 3 (no overlap per classroom, role and person) and 4 (any number of classrooms and schools) span
  // enrollments: enrollment.membership.decider.spec.ts and test/e2e/rostering.e2e.spec.ts test them.

  describe('dates, ends and cancellations', () => {
    it('changes dates, saying what they were', () => {
      spec.given([started]).when({ type: 'ChangeEnrollmentDates', enrollmentId: 'e-1', beginDate: '2025-09-08', endDate: '2026-07-20' }).then([
        { type: 'EnrollmentDatesChanged', data: { ...parties, beginDate: '2025-09-08', endDate: '2026-07-20', previousBeginDate: '2025-09-01' } },
      ]);
    });
    it('the same dates decide nothing', () => {
      spec.given([started]).when({ type: 'ChangeEnrollmentDates', enrollmentId: 'e-1', beginDate: '2025-09-01' }).then([]);
    });
    it('ends an enrollment; ending it again on the same day decides nothing', () => {
      const ended: EnrollmentEvent = { type: 'EnrollmentEnded', data: { ...parties, beginDate: '2025-09-01', endDate: '2025-12-20' } };
      spec.given([started]).when({ type: 'EndEnrollment', enrollmentId: 'e-1', endDate: '2025-12-20' }).then([ended]);
      spec.given([started, ended]).when({ type: 'EndEnrollment', enrollmentId: 'e-1', endDate: '2025-12-20' }).then([]);
      expect(spec.given([started, ended]).state).toMatchObject({ status: 'enrolled', endDate: '2025-12-20' });
    });
    it('reopening by changed dates without an end drops the end', () => {
      const ended: EnrollmentEvent = { type: 'EnrollmentEnded', data: { ...parties, beginDate: '2025-09-01', endDate: '2025-12-20' } };
      const state = spec.given([started, ended]).when({ type: 'ChangeEnrollmentDates', enrollmentId: 'e-1', beginDate: '2025-09-01' }).state();
      expect(state).not.toHaveProperty('endDate');
    });
    it('cancels with a reason; cancelling again decides nothing', () => {
      spec.given([started]).when({ type: 'CancelEnrollment', enrollmentId: 'e-1', reason: 'sync withdrew the row' }).then([
        { type: 'EnrollmentCancelled', data: { ...parties, beginDate: '2025-09-01', reason: 'sync withdrew the row' } },
      ]);
      spec.given([started, cancelled]).when({ type: 'CancelEnrollment', enrollmentId: 'e-1' }).then([]);
    });
    it('a cancelled enrollment takes no more changes, and its id is spent', () => {
      spec.given([started, cancelled]).when({ type: 'EndEnrollment', enrollmentId: 'e-1', endDate: '2025-12-20' }).thenFails('EnrollmentCancelled');
      spec.given([started, cancelled]).when(enroll).thenFails('EnrollmentCancelled');
    });
    it('refuses to change an enrollment that does not exist', () => {
      spec.given().when({ type: 'CancelEnrollment', enrollmentId: 'e-1' }).thenFails('NotFound');
    });
  });
});
