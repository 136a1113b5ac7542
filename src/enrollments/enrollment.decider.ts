import { assertNever, Decider } from '../shared/decider';
import { conflict, notFound, ruleBroken } from '../shared/domain-error';
import { EnrollInClassroom, EnrollmentCommand } from './enrollment.commands';
import { EnrollmentEvent, EnrollmentParties } from './enrollment.events';

export type EnrollmentState =
  | { status: 'none' }
  | ({ status: 'enrolled' | 'cancelled'; beginDate: string; endDate?: string; primary: boolean } & EnrollmentParties);

export type ClassroomFact = { classroomId: string; status: 'none' } | { classroomId: string; status: 'active' | 'closed'; schoolId: string };

/** A student or staff user as their own stream says they are now. */
export interface PersonFact {
  id: string;
  status: 'none' | 'active' | 'deactivated';
}

export interface EnrollmentLookups {
  classroom?: ClassroomFact;
  student?: PersonFact;
  user?: PersonFact;
}

/** Rule 1: begin inclusive, end exclusive, so the end must come after the begin. */
function checkDates(beginDate: string, endDate: string | undefined): void {
  if (endDate !== undefined && endDate <= beginDate) {
    throw ruleBroken('InvalidEnrollmentDates', `The end date ${endDate} must be after the begin date ${beginDate} (the end date is exclusive).`, [
      { beginDate, endDate },
    ]);
  }
}

/** Rule 2: a student role names a student, every other role a staff user. */
function checkPerson(command: EnrollInClassroom, { student, user }: EnrollmentLookups): void {
  if (command.role === 'student') {
    if (command.studentId === undefined || command.userId !== undefined) {
      throw ruleBroken('StudentIdRequired', 'A student enrollment names the student with studentId, and no userId.');
    }
    if (!student || student.status === 'none') throw notFound('StudentNotFound', `Student ${command.studentId} does not exist.`);
    // Student rule 8: a deactivated student takes no new enrollments until reactivated.
    if (student.status === 'deactivated') throw conflict('StudentDeactivated', `Student ${command.studentId} is deactivated; reactivate the student first.`);
    return;
  }
  if (command.userId === undefined || command.studentId !== undefined) {
    throw ruleBroken('UserIdRequired', `A ${command.role} enrollment names the staff user with userId, and no studentId.`);
  }
  if (!user || user.status === 'none') throw notFound('UserNotFound', `User ${command.userId} does not exist.`);
}

function checkClassroom(classroomId: string, classroom: ClassroomFact | undefined): string {
  if (!classroom || classroom.status === 'none') throw notFound('ClassroomNotFound', `Classroom ${classroomId} does not exist.`);
  if (classroom.status === 'closed') throw conflict('ClassroomClosed', `Classroom ${classroomId} is closed and takes no new enrollments.`);
  return classroom.schoolId;
}

function partiesOf(state: EnrollmentParties): EnrollmentParties {
  const { enrollmentId, classroomId, schoolId, role, studentId, userId } = state;
  return { enrollmentId, classroomId, schoolId, role, ...(studentId !== undefined ? { studentId } : {}), ...(userId !== undefined ? { userId } : {}) };
}

const sameStart = (state: Exclude<EnrollmentState, { status: 'none' }>, command: EnrollInClassroom) =>
  state.classroomId === command.classroomId &&
  state.role === command.role &&
  state.studentId === command.studentId &&
  state.userId === command.userId &&
  state.beginDate === command.beginDate &&
  state.endDate === command.endDate &&
  (command.primary === undefined || command.primary === state.primary);

const wasCancelled = (enrollmentId: string) =>
  conflict('EnrollmentCancelled', `Enrollment ${enrollmentId} was cancelled; enroll again with a new enrollmentId.`);

function mustBeEnrolled(state: EnrollmentState, enrollmentId: string): asserts state is Exclude<EnrollmentState, { status: 'none' }> & { status: 'enrolled' } {
  if (state.status === 'none') throw notFound('NotFound', `Enrollment ${enrollmentId} does not exist.`);
  if (state.status === 'cancelled') throw wasCancelled(enrollmentId);
}

export const enrollmentDecider: Decider<EnrollmentState, EnrollmentCommand, EnrollmentEvent, EnrollmentLookups> = {
  initialState: { status: 'none' },

  decide(command, state, { lookups }) {
    switch (command.type) {
      case 'EnrollInClassroom': {
        checkDates(command.beginDate, command.endDate);
        if (state.status === 'enrolled' && sameStart(state, command)) return [];
        if (state.status === 'cancelled') throw wasCancelled(command.enrollmentId);
        if (state.status !== 'none') throw conflict('AlreadyExists', `Enrollment ${command.enrollmentId} already exists with other details.`);
        checkPerson(command, lookups);
        const schoolId = checkClassroom(command.classroomId, lookups.classroom);
        const person = command.role === 'student' ? { studentId: command.studentId } : { userId: command.userId };
        return [
          {
            type: 'EnrollmentStarted',
            data: {
              enrollmentId: command.enrollmentId,
              classroomId: command.classroomId,
              schoolId,
              role: command.role,
              ...person,
              beginDate: command.beginDate,
              ...(command.endDate !== undefined ? { endDate: command.endDate } : {}),
              primary: command.primary ?? false,
            },
          },
        ];
      }
      case 'ChangeEnrollmentDates': {
        mustBeEnrolled(state, command.enrollmentId);
        checkDates(command.beginDate, command.endDate);
        if (command.beginDate === state.beginDate && command.endDate === state.endDate) return [];
        return [
          {
            type: 'EnrollmentDatesChanged',
            data: {
              ...partiesOf(state),
              beginDate: command.beginDate,
              ...(command.endDate !== undefined ? { endDate: command.endDate } : {}),
              previousBeginDate: state.beginDate,
              ...(state.endDate !== undefined ? { previousEndDate: state.endDate } : {}),
            },
          },
        ];
      }
      case 'EndEnrollment': {
        mustBeEnrolled(state, command.enrollmentId);
        checkDates(state.beginDate, command.endDate);
        if (command.endDate === state.endDate) return [];
        return [
          {
            type: 'EnrollmentEnded',
            data: {
              ...partiesOf(state),
              beginDate: state.beginDate,
              endDate: command.endDate,
              ...(state.endDate !== undefined ? { previousEndDate: state.endDate } : {}),
            },
          },
        ];
      }
      case 'CancelEnrollment': {
        if (state.status === 'cancelled') return [];
        mustBeEnrolled(state, command.enrollmentId);
        return [
          {
            type: 'EnrollmentCancelled',
            data: {
              ...partiesOf(state),
              beginDate: state.beginDate,
              ...(state.endDate !== undefined ? { endDate: state.endDate } : {}),
              ...(command.reason ? { reason: command.reason } : {}),
            },
          },
        ];
      }
      default:
        return assertNever(command);
    }
  },

  evolve(state, event) {
    switch (event.type) {
      case 'EnrollmentStarted': {
        const { beginDate, endDate, primary } = event.data;
        return { status: 'enrolled', ...partiesOf(event.data), beginDate, ...(endDate !== undefined ? { endDate } : {}), primary };
      }
      case 'EnrollmentDatesChanged':
      case 'EnrollmentEnded': {
        if (state.status === 'none') return state;
        const { endDate: _previous, ...rest } = state;
        const { beginDate, endDate } = event.data;
        return { ...rest, beginDate, ...(endDate !== undefined ? { endDate } : {}) };
      }
      case 'EnrollmentCancelled':
        return state.status === 'none' ? state : { ...state, status: 'cancelled' };
      default:
        return assertNever(event);
    }
  },
};
