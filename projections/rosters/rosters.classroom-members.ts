import type { EnrollmentEvent } from '../../src/enrollments/enrollment.events';
import type { RecordedOf } from '../../src/shared/event';
import type { UserRegistered } from '../../src/staff-users/staff-user.events';
import type { StudentDetailsUpdated, StudentPersonalDataErased, StudentUsernameChanged } from '../../src/students/student.events';
import { ERASED } from '../../src/students/student.events';
import { ENROLLMENT_EVENT_TYPES } from '../../src/enrollments/enrollment.events';
import type { ProjectionPart } from '../subscription/compose';
import {
  DISTRICT_STUDENTS, DistrictStudentDocument, ROSTER_ENROLLMENTS, ROSTER_USERS, RosterEnrollmentDocument, RosterUserDocument,
} from './rosters.read-model';

type MemberEvent = EnrollmentEvent | UserRegistered | StudentUsernameChanged | StudentDetailsUpdated | StudentPersonalDataErased;

/** Who is in each classroom when: one row per enrollment, with the person's name for sorting. */
export const classroomMembersPart: ProjectionPart = {
  handles: new Set<string>([...ENROLLMENT_EVENT_TYPES, 'UserRegistered', 'StudentUsernameChanged', 'StudentDetailsUpdated', 'StudentPersonalDataErased']),
  async apply(recorded, context) {
    const event = recorded as RecordedOf<MemberEvent>;
    const enrollments = context.collection<RosterEnrollmentDocument>(ROSTER_ENROLLMENTS);
    const users = context.collection<RosterUserDocument>(ROSTER_USERS);
    const studentRows = async (studentId: string, change: (row: RosterEnrollmentDocument) => RosterEnrollmentDocument) => {
      for (const row of await enrollments.find({ studentId })) await enrollments.update(row.enrollmentId, (doc) => doc && change(doc));
    };
    switch (event.type) {
      case 'UserRegistered': {
        const { userId, givenName, familyName } = event.data;
        await users.put(userId, { userId, givenName, familyName });
        return;
      }
      case 'StudentUsernameChanged':
        await studentRows(event.data.studentId, (row) => ({ ...row, username: event.data.username }));
        return;
      case 'StudentDetailsUpdated': {
        const { studentId, givenName, familyName } = event.data;
        if (givenName === undefined && familyName === undefined) return;
        await studentRows(studentId, (row) => ({ ...row, givenName: givenName ?? row.givenName, familyName: familyName ?? row.familyName }));
        return;
      }
      case 'StudentPersonalDataErased':
        await studentRows(event.data.studentId, (row) => ({ ...row, username: ERASED, givenName: ERASED, familyName: ERASED }));
        return;
      case 'EnrollmentStarted': {
        const d = event.data;
        const student = d.studentId ? await context.collection<DistrictStudentDocument>(DISTRICT_STUDENTS).get(d.studentId) : null;
        const user = d.userId ? await users.get(d.userId) : null;
        await enrollments.put(d.enrollmentId, {
          enrollmentId: d.enrollmentId,
          classroomId: d.classroomId,
          schoolId: d.schoolId,
          role: d.role,
          studentId: d.studentId ?? null,
          userId: d.userId ?? null,
          beginDate: d.beginDate,
          endDate: d.endDate ?? null,
          primary: d.primary,
          username: student?.username ?? null,
          givenName: student?.givenName ?? user?.givenName ?? '',
          familyName: student?.familyName ?? user?.familyName ?? '',
        });
        return;
      }
      case 'EnrollmentDatesChanged':
      case 'EnrollmentEnded': {
        const { enrollmentId, beginDate, endDate } = event.data;
        await enrollments.update(enrollmentId, (doc) => doc && { ...doc, beginDate, endDate: endDate ?? null });
        return;
      }
      // As if it never was: the roster forgets it (the event log keeps it).
      case 'EnrollmentCancelled':
        await enrollments.delete(event.data.enrollmentId);
        return;
    }
  },
};
