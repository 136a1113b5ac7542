import { STUDENT_PERSONAL_FIELDS } from '../students/student.personal-data';

/** Which events carry personal data, and whose: the one list the cipher and the migration follow. */
export interface PersonalDataCatalog {
  /** The personal fields of this event type, or undefined when it has none. */
  fieldsOf(type: string): readonly string[] | undefined;
  /** Whose data a stream holds: the key its events are sealed with. From the stream id alone, so a read need not parse the event to find its key. */
  subjectOf(streamId: string): string | undefined;
}

const STUDENT_STREAM = 'student-';

export const studentPersonalData: PersonalDataCatalog = {
  fieldsOf: (type) => (STUDENT_PERSONAL_FIELDS as Record<string, readonly string[] | undefined>)[type],
  subjectOf: (streamId) => (streamId.startsWith(STUDENT_STREAM) && streamId.length > STUDENT_STREAM.length ? streamId.slice(STUDENT_STREAM.length) : undefined),
};
