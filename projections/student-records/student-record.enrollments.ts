import type { EnrollmentEvent } from '../../src/enrollments/enrollment.events';
import type { RecordedOf } from '../../src/shared/event';
import { ENROLLMENT_EVENT_TYPES } from '../../src/enrollments/enrollment.events';
import type { ProjectionPart } from '../subscription/compose';
import { STUDENT_RECORDS, StudentRecordDocument, withLatest } from './student-records.read-model';

/** One entry of the record's `enrollments` section: the student in one classroom over one interval. */
export interface ClassroomEnrollmentEntry extends Record<string, unknown> {
  enrollmentId: string;
  classroomId: string;
  schoolId: string;
  beginDate: string;
  /** Exclusive; null while open. */
  endDate: string | null;
  primary: boolean;
}

const entriesOf = (doc: StudentRecordDocument) => doc.enrollments as ClassroomEnrollmentEntry[];

/** The student's classroom enrollments in every school; a cancelled one leaves the record (as if it never was). */
export const studentEnrollmentsPart: ProjectionPart = {
  handles: ENROLLMENT_EVENT_TYPES,
  async apply(recorded, context) {
    const event = recorded as RecordedOf<EnrollmentEvent>;
    const { enrollmentId, studentId } = event.data;
    if (event.data.role !== 'student' || studentId === undefined) return;
    const records = context.collection<StudentRecordDocument>(STUDENT_RECORDS);
    const updatedAt = event.metadata.occurredAt;
    const others = (doc: StudentRecordDocument) => entriesOf(doc).filter((e) => e.enrollmentId !== enrollmentId);
    switch (event.type) {
      case 'EnrollmentStarted': {
        const d = event.data;
        const entry: ClassroomEnrollmentEntry = {
          enrollmentId,
          classroomId: d.classroomId,
          schoolId: d.schoolId,
          beginDate: d.beginDate,
          endDate: d.endDate ?? null,
          primary: d.primary,
        };
        await records.update(studentId, (doc) => doc && { ...doc, enrollments: withLatest(others(doc), entry), updatedAt });
        return;
      }
      case 'EnrollmentDatesChanged':
      case 'EnrollmentEnded': {
        const { beginDate, endDate } = event.data;
        await records.update(studentId, (doc) =>
          doc && {
            ...doc,
            enrollments: entriesOf(doc).map((e) => (e.enrollmentId === enrollmentId ? { ...e, beginDate, endDate: endDate ?? null } : e)),
            updatedAt,
          },
        );
        return;
      }
      case 'EnrollmentCancelled':
        await records.update(studentId, (doc) => doc && { ...doc, enrollments: others(doc), updatedAt });
        return;
    }
  },
};
