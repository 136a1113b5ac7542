import { STUDENT_PERSONAL_FIELDS } from '../students/student.personal-data';

/** Which events carry personal data, and whose: the one list the cipher and the migration follow. */
export interface PersonalDataCatalog {
  /** The personal fields of this event type, or undefined when it has none. */
  fieldsOf(type: string): readonly string[] | undefined;
  /** Whose data it is: the key it is encrypted with. */
  subjectOf(streamId: string, data: Record<string, unknown>): string | undefined;
}

const STUDENT_STREAM = 'student-';

export const studentPersonalData: PersonalDataCatalog = {
  fieldsOf: (type) => (STUDENT_PERSONAL_FIELDS as Record<string, readonly string[] | undefined>)[type],
  subjectOf: (streamId, data) => (streamId.startsWith(STUDENT_STREAM) && typeof data.studentId === 'string' ? data.studentId : undefined),
};
