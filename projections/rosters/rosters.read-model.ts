import type { IndexSpec } from '../../src/read-store/document-store.port';

/** `district_students`: the district directory, one document per student (id = studentId). */
export const DISTRICT_STUDENTS = 'district_students';
/** `school_students`: one document per school association (id = `schoolId|studentId|entryDate`). */
export const SCHOOL_STUDENTS = 'school_students';

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

export interface SchoolStudentDocument extends Record<string, unknown> {
  schoolId: string;
  studentId: string;
  entryDate: string;
  /** Exclusive: the student is on the roster on days entryDate ≤ d < exitDate; null while open. */
  exitDate: string | null;
  entryGradeLevel: string;
  primary: boolean;
  username: string;
  givenName: string;
  familyName: string;
}

export const schoolStudentId = (schoolId: string, studentId: string, entryDate: string) => `${schoolId}|${studentId}|${entryDate}`;

export const rosterCollections: Record<string, IndexSpec[]> = {
  [DISTRICT_STUDENTS]: [{ fields: [['districtId', 1], ['usernameKey', 1]] }, { fields: [['districtId', 1], ['familyName', 1], ['givenName', 1]] }],
  [SCHOOL_STUDENTS]: [{ fields: [['schoolId', 1], ['entryDate', 1]] }, { fields: [['studentId', 1]] }],
};
