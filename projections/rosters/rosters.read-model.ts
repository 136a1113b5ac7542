import type { IndexSpec } from '../../src/read-store/document-store.port';
import type { ClassType } from '../../src/classrooms/classroom.events';
import type { EnrollmentRole } from '../../src/enrollments/enrollment.events';

/** `district_students`: the district directory, one document per student (id = studentId). */
export const DISTRICT_STUDENTS = 'district_students';
/** `school_students`: one document per school association (id = `schoolId|studentId|entryDate`). */
export const SCHOOL_STUDENTS = 'school_students';
/** `roster_classrooms`: one document per classroom (id = classroomId). */
export const ROSTER_CLASSROOMS = 'roster_classrooms';
/** `roster_enrollments`: one document per classroom enrollment; a cancelled one is deleted (id = enrollmentId). */
export const ROSTER_ENROLLMENTS = 'roster_enrollments';
/** `roster_users`: staff names for classroom rosters, from `UserRegistered` (id = userId). */
export const ROSTER_USERS = 'roster_users';

export interface DistrictStudentDocument extends Record<string, unknown> {
  studentId: string;
  districtId: string;
  username: string;
  /** Lower-cased trimmed username: what lookups compare. */
  usernameKey: string;
  givenName: string;
  familyName: string;
  status: 'active' | 'deactivated';
  grades: string[];
}

/** A school roster row as the API answers it. */
export interface SchoolStudent extends Record<string, unknown> {
  schoolId: string;
  studentId: string;
  entryDate: string;
  /** Exclusive: the student is on the roster on days entryDate ≤ d < exitDate; null while open. */
  exitDate: string | null;
  entryGradeLevel: string;
  /** The same grade as an Ed-Fi GradeLevelDescriptor, for Ed-Fi consumers. */
  entryGradeLevelDescriptor: string | null;
  primary: boolean;
  username: string;
  givenName: string;
  familyName: string;
}

/** The stored row: the answer's fields and an internal one the query sorts by. */
export interface SchoolStudentDocument extends SchoolStudent {
  /** Internal: `schoolRosterSortKey(familyName, givenName, studentId)`, the roster's order as one string. Not in API answers. */
  sortKey: string;
}

/**
 * One string that sorts (binary, as SQLite and MongoDB compare strings) as the triple
 * (familyName, givenName, studentId) does: the parts joined by U+0001, which sorts below every
 * character left in them once U+0000, U+0001 and U+0002 are escaped order-preservingly as U+0002
 * followed by U+0002, U+0003, U+0004. (U+0000 is never written: SQLite's JSON text functions stop at it.)
 */
export function schoolRosterSortKey(familyName: string, givenName: string, studentId: string): string {
  return [familyName, givenName, studentId].map(escapeSortPart).join('\u0001');
}

const escapeSortPart = (part: string): string => part.replace(/[\u0000-\u0002]/g, (c) => '\u0002' + String.fromCharCode(c.charCodeAt(0) + 2));

/** The row with its `sortKey` (re)computed: when the row is created and whenever its names change. */
export function withRosterKeys(row: SchoolStudent): SchoolStudentDocument {
  return { ...row, sortKey: schoolRosterSortKey(row.familyName, row.givenName, row.studentId) };
}

export interface ClassroomDocument extends Record<string, unknown> {
  classroomId: string;
  schoolId: string;
  title: string;
  classCode: string | null;
  classType: ClassType;
  subjects: string[];
  grades: string[];
  academicYearId: string | null;
  termIds: string[];
  status: 'active' | 'closed';
}

export interface RosterEnrollmentDocument extends Record<string, unknown> {
  enrollmentId: string;
  classroomId: string;
  schoolId: string;
  role: EnrollmentRole;
  studentId: string | null;
  userId: string | null;
  beginDate: string;
  /** Exclusive; null while open. */
  endDate: string | null;
  primary: boolean;
  /** Students only. */
  username: string | null;
  givenName: string;
  familyName: string;
}

export interface RosterUserDocument extends Record<string, unknown> {
  userId: string;
  givenName: string;
  familyName: string;
}

export const schoolStudentId = (schoolId: string, studentId: string, entryDate: string) => `${schoolId}|${studentId}|${entryDate}`;

export const rosterCollections: Record<string, IndexSpec[]> = {
  [DISTRICT_STUDENTS]: [{ fields: [['districtId', 1], ['usernameKey', 1]] }, { fields: [['districtId', 1], ['familyName', 1], ['givenName', 1]] }],
  [SCHOOL_STUDENTS]: [{ fields: [['schoolId', 1], ['entryDate', 1]] }, { fields: [['studentId', 1]] }],
  [ROSTER_CLASSROOMS]: [{ fields: [['schoolId', 1], ['title', 1]] }],
  [ROSTER_ENROLLMENTS]: [{ fields: [['classroomId', 1], ['role', 1], ['beginDate', 1]] }, { fields: [['studentId', 1]] }],
  [ROSTER_USERS]: [],
};
