import type { ProgramEnrollmentEvent, ProgramEnrollmentStatus } from '../../src/enrollments/program-enrollment.events';
import type { RecordedOf } from '../../src/shared/event';
import { PROGRAM_ENROLLMENT_EVENT_TYPES } from '../../src/enrollments/program-enrollment.events';
import type { ProjectionPart } from '../subscription/compose';
import { STUDENT_RECORDS, StudentRecordDocument, withLatest } from './student-records.read-model';

/** One entry of the record's `programEnrollments` section. */
export interface ProgramEnrollmentEntry extends Record<string, unknown> {
  programEnrollmentId: string;
  programId: string;
  curriculumId: string;
  externalUserKey: string | null;
  organisationId: string | null;
  status: ProgramEnrollmentStatus;
}

const entriesOf = (doc: StudentRecordDocument) => doc.programEnrollments as ProgramEnrollmentEntry[];

/** Replaces the entry with the same id, or adds it. */
function withEntry(doc: StudentRecordDocument, entry: ProgramEnrollmentEntry, updatedAt: string): StudentRecordDocument {
  const others = entriesOf(doc).filter((e) => e.programEnrollmentId !== entry.programEnrollmentId);
  return { ...doc, programEnrollments: withLatest(others, entry), updatedAt };
}

/** The student's program enrollments: realized ones only (a waiting enrollment has no student yet). */
export const studentProgramEnrollmentsPart: ProjectionPart = {
  handles: PROGRAM_ENROLLMENT_EVENT_TYPES,
  async apply(recorded, context) {
    const event = recorded as RecordedOf<ProgramEnrollmentEvent>;
    const { studentId } = event.data;
    if (studentId === undefined) return;
    const records = context.collection<StudentRecordDocument>(STUDENT_RECORDS);
    const updatedAt = event.metadata.occurredAt;
    switch (event.type) {
      case 'ProgramEnrollmentCreated':
      case 'ProgramEnrollmentLinked': {
        const d = event.data;
        const entry: ProgramEnrollmentEntry = {
          programEnrollmentId: d.programEnrollmentId,
          programId: d.programId,
          curriculumId: d.curriculumId,
          externalUserKey: d.externalUserKey ?? null,
          organisationId: d.organisationId ?? null,
          status: d.status,
        };
        await records.update(studentId, (doc) => doc && withEntry(doc, entry, updatedAt));
        return;
      }
      case 'ProgramEnrollmentStatusChanged': {
        const { programEnrollmentId, status } = event.data;
        await records.update(studentId, (doc) =>
          doc && {
            ...doc,
            programEnrollments: entriesOf(doc).map((e) => (e.programEnrollmentId === programEnrollmentId ? { ...e, status } : e)),
            updatedAt,
          },
        );
        return;
      }
    }
  },
};
