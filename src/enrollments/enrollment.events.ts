import { DomainEvent } from '../shared/event';

export type EnrollmentRole = 'student' | 'teacher' | 'aide' | 'administrator' | 'proctor';

/** Who is enrolled where: every enrollment event carries it, so projections need no joins. */
export interface EnrollmentParties {
  enrollmentId: string;
  classroomId: string;
  schoolId: string;
  role: EnrollmentRole;
  /** Set when role is student. */
  studentId?: string;
  /** Set for the other roles. */
  userId?: string;
}

/** Dates are half-open: beginDate inclusive, endDate exclusive (absent = open). */
export type EnrollmentStarted = DomainEvent<'EnrollmentStarted', EnrollmentParties & { beginDate: string; endDate?: string; primary: boolean }>;
export type EnrollmentDatesChanged = DomainEvent<
  'EnrollmentDatesChanged',
  EnrollmentParties & { beginDate: string; endDate?: string; previousBeginDate: string; previousEndDate?: string }
>;
export type EnrollmentEnded = DomainEvent<'EnrollmentEnded', EnrollmentParties & { beginDate: string; endDate: string; previousEndDate?: string }>;
/** As if it never was: a roster sync withdrew the row. */
export type EnrollmentCancelled = DomainEvent<'EnrollmentCancelled', EnrollmentParties & { beginDate: string; endDate?: string; reason?: string }>;

export type EnrollmentEvent = EnrollmentStarted | EnrollmentDatesChanged | EnrollmentEnded | EnrollmentCancelled;

export const ENROLLMENT_EVENT_TYPES: ReadonlySet<EnrollmentEvent['type']> = new Set([
  'EnrollmentStarted',
  'EnrollmentDatesChanged',
  'EnrollmentEnded',
  'EnrollmentCancelled',
]);
