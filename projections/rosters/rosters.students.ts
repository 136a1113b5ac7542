import type { StudentEvent } from '../../src/students/student.events';
import type { RecordedOf } from '../../src/shared/event';
import { ERASED, STUDENT_EVENT_TYPES } from '../../src/students/student.events';
import { toEdFiDescriptor } from '../../src/students/grade-levels';
import type { ProjectionPart } from '../subscription/compose';
import { DISTRICT_STUDENTS, DistrictStudentDocument, SCHOOL_STUDENTS, SchoolStudentDocument, schoolStudentId, withRosterKeys } from './rosters.read-model';

/** The district directory and the school rosters (one row per school association). */
export const studentRostersPart: ProjectionPart = {
  handles: STUDENT_EVENT_TYPES,
  async apply(recorded, context) {
    const event = recorded as RecordedOf<StudentEvent>;
    const directory = context.collection<DistrictStudentDocument>(DISTRICT_STUDENTS);
    const schools = context.collection<SchoolStudentDocument>(SCHOOL_STUDENTS);
    const everyRowOf = async (studentId: string, change: (row: SchoolStudentDocument) => SchoolStudentDocument) => {
      for (const row of await schools.find({ studentId })) {
        await schools.update(schoolStudentId(row.schoolId, studentId, row.entryDate), (doc) => doc && withRosterKeys(change(doc)));
      }
    };
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
        await everyRowOf(studentId, (row) => ({ ...row, username }));
        return;
      }
      case 'StudentDetailsUpdated': {
        const { studentId, givenName, familyName, grades } = event.data;
        const names = { ...(givenName !== undefined ? { givenName } : {}), ...(familyName !== undefined ? { familyName } : {}) };
        await directory.update(studentId, (doc) => doc && { ...doc, ...names, ...(grades !== undefined ? { grades } : {}) });
        if (Object.keys(names).length) await everyRowOf(studentId, (row) => ({ ...row, ...names }));
        return;
      }
      case 'StudentPersonalDataErased': {
        const erased = { username: ERASED, givenName: ERASED, familyName: ERASED };
        await directory.update(event.data.studentId, (doc) => doc && { ...doc, ...erased, usernameKey: ERASED });
        await everyRowOf(event.data.studentId, (row) => ({ ...row, ...erased }));
        return;
      }
      case 'StudentDeactivated':
      case 'StudentReactivated': {
        const status = event.type === 'StudentDeactivated' ? 'deactivated' : 'active';
        await directory.update(event.data.studentId, (doc) => doc && { ...doc, status });
        return;
      }
      case 'StudentAdmittedToSchool': {
        const d = event.data;
        const student = await directory.get(d.studentId);
        if (d.previousPrimary) {
          const { schoolId, entryDate } = d.previousPrimary;
          await schools.update(schoolStudentId(schoolId, d.studentId, entryDate), (doc) => doc && { ...doc, primary: false });
        }
        await schools.put(schoolStudentId(d.schoolId, d.studentId, d.entryDate), withRosterKeys({
          schoolId: d.schoolId,
          studentId: d.studentId,
          entryDate: d.entryDate,
          exitDate: null,
          entryGradeLevel: d.entryGradeLevel,
          entryGradeLevelDescriptor: toEdFiDescriptor(d.entryGradeLevel),
          primary: d.primary,
          username: student?.username ?? '',
          givenName: student?.givenName ?? '',
          familyName: student?.familyName ?? '',
        }));
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
