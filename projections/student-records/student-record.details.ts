import type { StudentEvent } from '../../src/students/student.events';
import type { RecordedOf } from '../../src/shared/event';
import { ERASED, STUDENT_EVENT_TYPES } from '../../src/students/student.events';
import type { ProjectionPart } from '../subscription/compose';
import { STUDENT_RECORDS, StudentRecordDocument, withLatest } from './student-records.read-model';

/** The student's own details and school associations. */
export const studentDetailsPart: ProjectionPart = {
  handles: STUDENT_EVENT_TYPES,
  async apply(recorded, context) {
    const event = recorded as RecordedOf<StudentEvent>;
    const records = context.collection<StudentRecordDocument>(STUDENT_RECORDS);
    const updatedAt = event.metadata.occurredAt;
    switch (event.type) {
      case 'StudentRegistered': {
        const d = event.data;
        await records.put(d.studentId, {
          studentId: d.studentId,
          districtId: d.districtId,
          username: d.username,
          givenName: d.givenName,
          familyName: d.familyName,
          middleName: d.middleName ?? null,
          preferredName: d.preferredName ?? null,
          birthDate: d.birthDate ?? null,
          email: d.email ?? null,
          grades: d.grades ?? [],
          stateStudentId: d.stateStudentId ?? null,
          externalIds: d.externalIds ?? [],
          status: 'active',
          schoolAssociations: [],
          enrollments: [],
          programEnrollments: [],
          updatedAt,
        });
        return;
      }
      case 'StudentUsernameChanged':
        await records.update(event.data.studentId, (doc) => doc && { ...doc, username: event.data.username, updatedAt });
        return;
      case 'StudentDetailsUpdated': {
        const { studentId, ...changes } = event.data;
        // Absent fields stay; null clears an optional field, which the record shows as null.
        const set = Object.fromEntries(Object.entries(changes).filter(([, value]) => value !== undefined));
        await records.update(studentId, (doc) => doc && { ...doc, ...set, updatedAt });
        return;
      }
      // The record keeps its ids, status, associations and enrollments; every personal field reads ERASED (as after a rebuild).
      case 'StudentPersonalDataErased': {
        const personal = ['username', 'givenName', 'familyName', 'middleName', 'preferredName', 'birthDate', 'email', 'stateStudentId', 'externalIds'] as const;
        await records.update(event.data.studentId, (doc) => doc && { ...doc, ...Object.fromEntries(personal.map((field) => [field, ERASED])), updatedAt });
        return;
      }
      case 'StudentDeactivated':
      case 'StudentReactivated': {
        const status = event.type === 'StudentDeactivated' ? 'deactivated' : 'active';
        await records.update(event.data.studentId, (doc) => doc && { ...doc, status, updatedAt });
        return;
      }
      case 'StudentAdmittedToSchool': {
        const d = event.data;
        await records.update(d.studentId, (doc) => {
          if (!doc) return null;
          const previous = d.previousPrimary;
          const kept = doc.schoolAssociations.map((a) =>
            previous && a.schoolId === previous.schoolId && a.entryDate === previous.entryDate ? { ...a, primary: false } : a,
          );
          const added = { schoolId: d.schoolId, entryDate: d.entryDate, exitDate: null, exitReason: null, entryGradeLevel: d.entryGradeLevel, primary: d.primary };
          return { ...doc, schoolAssociations: withLatest(kept, added), updatedAt };
        });
        return;
      }
      case 'StudentWithdrawnFromSchool': {
        const d = event.data;
        await records.update(d.studentId, (doc) =>
          doc && {
            ...doc,
            schoolAssociations: doc.schoolAssociations.map((a) =>
              a.schoolId === d.schoolId && a.entryDate === d.entryDate ? { ...a, exitDate: d.exitDate, exitReason: d.exitReason ?? null } : a,
            ),
            updatedAt,
          },
        );
        return;
      }
    }
  },
};
