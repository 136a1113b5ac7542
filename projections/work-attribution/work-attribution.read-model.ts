import type { IndexSpec } from '../../src/read-store/document-store.port';

export type AttributionRule = 'explicit' | 'reported' | 'subject' | 'single' | 'unattributed';
export type UnattributedReason = 'no_enrollment' | 'ambiguous' | 'reported_not_enrolled';
export const UNATTRIBUTED_REASONS: readonly UnattributedReason[] = ['no_enrollment', 'ambiguous', 'reported_not_enrolled'];

/** `work_items`: one document per piece of work (id = `studentId|workId`), with the attribution the rules give it now. */
export const WORK_ITEMS = 'work_items';
/** `work_classroom_days`: totals of one student's work attributed to one classroom on one day (id = `classroomId|studentId|day`). */
export const WORK_CLASSROOM_DAYS = 'work_classroom_days';
/** `work_unattributed_days`: one student's unattributed work on one day, per school admitted to and reason (id = `schoolId|studentId|day|reason`). */
export const WORK_UNATTRIBUTED_DAYS = 'work_unattributed_days';
/** `work_student_days`: which work items and day totals one student's day has (id = `studentId|day`): the unit the rules re-run on. */
export const WORK_STUDENT_DAYS = 'work_student_days';
/** `work_students`: what the rules know about a student: enrollments and school associations (id = studentId). */
export const WORK_STUDENTS = 'work_students';
/** `work_enrollments`: student enrollments by classroom, to find whose work a classroom's subject change touches (id = enrollmentId). */
export const WORK_ENROLLMENTS = 'work_enrollments';
/** `work_classrooms`: each classroom's school, title and subjects (id = classroomId). */
export const WORK_CLASSROOMS = 'work_classrooms';

export interface WorkItemDocument extends Record<string, unknown> {
  studentId: string;
  workId: string;
  /** ISO-8601 UTC instant; its first 10 characters are the day enrollments are checked against. */
  completedAt: string;
  activity: string;
  subject: string | null;
  minutes: number | null;
  points: number | null;
  score: number | null;
  reportedClassroomId: string | null;
  /** The latest explicit attribution not cleared. */
  explicit: { classroomId: string; reason: string } | null;
  classroomId: string | null;
  rule: AttributionRule;
  /** Unattributed: why; explicit: the correction's reason; otherwise null. */
  reason: string | null;
}

/** Sums kept exact: whole minutes and points; scores as a sum and a count, averaged only when read. */
export interface DayTotals {
  items: number;
  minutes: number;
  points: number;
  scoreSum: number;
  scored: number;
}

export interface ClassroomDayDocument extends DayTotals, Record<string, unknown> {
  classroomId: string;
  /** The classroom's school (null only if the classroom was never seen). */
  schoolId: string | null;
  studentId: string;
  day: string;
}

export interface UnattributedDayDocument extends DayTotals, Record<string, unknown> {
  schoolId: string;
  studentId: string;
  day: string;
  reason: UnattributedReason;
}

/** Lists the documents that make up one student's day, so the hot path reads them by id. */
export interface StudentDayDocument extends Record<string, unknown> {
  studentId: string;
  day: string;
  workIds: string[];
  classroomDayIds: string[];
  unattributedDayIds: string[];
}

export interface StudentEnrollment {
  enrollmentId: string;
  classroomId: string;
  schoolId: string;
  beginDate: string;
  /** Exclusive; null while open. */
  endDate: string | null;
}

export interface SchoolStay {
  schoolId: string;
  entryDate: string;
  /** Exclusive; null while open. */
  exitDate: string | null;
}

export interface WorkStudentDocument extends Record<string, unknown> {
  studentId: string;
  /** Cancelled enrollments are removed: as if they never were. */
  enrollments: StudentEnrollment[];
  stays: SchoolStay[];
}

export interface WorkEnrollmentDocument extends StudentEnrollment, Record<string, unknown> {
  studentId: string;
}

export interface WorkClassroomDocument extends Record<string, unknown> {
  classroomId: string;
  schoolId: string;
  title: string;
  subjects: string[];
}

export const workItemId = (studentId: string, workId: string) => `${studentId}|${workId}`;
export const studentDayId = (studentId: string, day: string) => `${studentId}|${day}`;
export const classroomDayId = (classroomId: string, studentId: string, day: string) => `${classroomId}|${studentId}|${day}`;
export const unattributedDayId = (schoolId: string, studentId: string, day: string, reason: string) => `${schoolId}|${studentId}|${day}|${reason}`;

export const workAttributionCollections: Record<string, IndexSpec[]> = {
  [WORK_ITEMS]: [{ fields: [['studentId', 1], ['completedAt', 1]] }, { fields: [['classroomId', 1], ['completedAt', 1]] }],
  [WORK_CLASSROOM_DAYS]: [{ fields: [['classroomId', 1], ['day', 1]] }, { fields: [['schoolId', 1], ['day', 1]] }],
  [WORK_UNATTRIBUTED_DAYS]: [{ fields: [['schoolId', 1], ['day', 1]] }],
  [WORK_STUDENT_DAYS]: [{ fields: [['studentId', 1], ['day', 1]] }],
  [WORK_STUDENTS]: [],
  [WORK_ENROLLMENTS]: [{ fields: [['classroomId', 1]] }],
  [WORK_CLASSROOMS]: [{ fields: [['schoolId', 1]] }],
};
