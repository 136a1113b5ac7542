import type { IndexSpec } from '../../src/read-store/document-store.port';

/** `student_records`: the full record of one student (id = studentId). */
export const STUDENT_RECORDS = 'student_records';

export interface SchoolAssociationEntry {
  schoolId: string;
  entryDate: string;
  exitDate: string | null;
  exitReason: string | null;
  entryGradeLevel: string;
  primary: boolean;
}

export interface StudentRecordDocument extends Record<string, unknown> {
  studentId: string;
  districtId: string;
  username: string;
  givenName: string;
  familyName: string;
  middleName: string | null;
  preferredName: string | null;
  birthDate: string | null;
  email: string | null;
  grades: string[];
  stateStudentId: string | null;
  externalIds: { source: string; id: string }[];
  status: 'active' | 'deactivated';
  schoolAssociations: SchoolAssociationEntry[];
  enrollments: Record<string, unknown>[];
  programEnrollments: Record<string, unknown>[];
  updatedAt: string;
}

/** Entries kept in each list of a record (`schoolAssociations`, `enrollments`, `programEnrollments`): the latest, so no document grows without bound; the rest is in the audit stream. */
export const LIST_LIMIT = 200;

/** The list with `entry` added last, keeping the latest LIST_LIMIT. */
export const withLatest = <T>(list: T[], entry: T): T[] => [...list, entry].slice(-LIST_LIMIT);

export const studentRecordIndexes: IndexSpec[] = [{ fields: [['districtId', 1]] }];
