import type { StudentEvent } from '../../src/students/student.events';
import type { RecordedOf } from '../../src/shared/event';
import { STUDENT_EVENT_TYPES } from '../../src/students/student.events';
import type { ProjectionDefinition } from '../subscription/projection';
import {
  DISTRICT_STUDENTS, DistrictStudentDocument, rosterCollections, SCHOOL_STUDENTS, SchoolStudentDocument, schoolStudentId,
} from './rosters.read-model';

export const rostersProjection: ProjectionDefinition = {
  name: 'rosters',
  version: 1,
  collections: rosterCollections,
  handles: STUDENT_EVENT_TYPES,
  async apply(recorded, context) {
    const event = recorded as RecordedOf<StudentEvent>;
    const directory = context.collection<DistrictStudentDocument>(DISTRICT_STUDENTS);
    const schools = context.collection<SchoolStudentDocument>(SCHOOL_STUDENTS);
    switch (event.type) {
      case 'StudentRegistered': {
        const d = event.data;
        await directory.put(d.studentId, {
          studentId: d.studentId,
          districtId: d.districtId,
          username: d.username,
          usernameKey: d.username.trim().toLowerCase(),
          givenName: d.givenName,
          familyName: d.familyName,
          status: 'active',
          grades: d.grades ?? [],
        });
        return;
      }
      case 'StudentUsernameChanged': {
        const { studentId, username } = event.data;
        await directory.update(studentId, (doc) => doc && { ...doc, username, usernameKey: username.trim().toLowerCase() });
        for (const row of await schools.find({ studentId })) {
          await schools.update(schoolStudentId(row.schoolId, studentId, row.entryDate), (doc) => doc && { ...doc, username });
        }
        return;
      }
      case 'StudentAdmittedToSchool': {
        const d = event.data;
        const student = await directory.get(d.studentId);
        if (d.previousPrimary) {
          const { schoolId, entryDate } = d.previousPrimary;
          await schools.update(schoolStudentId(schoolId, d.studentId, entryDate), (doc) => doc && { ...doc, primary: false });
        }
        await schools.put(schoolStudentId(d.schoolId, d.studentId, d.entryDate), {
          schoolId: d.schoolId,
          studentId: d.studentId,
          entryDate: d.entryDate,
          exitDate: null,
          entryGradeLevel: d.entryGradeLevel,
          primary: d.primary,
          username: student?.username ?? '',
          givenName: student?.givenName ?? '',
          familyName: student?.familyName ?? '',
        });
        return;
      }
      case 'StudentWithdrawnFromSchool': {
        const d = event.data;
        await schools.update(schoolStudentId(d.schoolId, d.studentId, d.entryDate), (doc) => doc && { ...doc, exitDate: d.exitDate });
        return;
      }
    }
  },
};
