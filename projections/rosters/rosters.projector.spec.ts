import { recorded } from '../../test/support/event-builders';
import { project } from '../../test/support/projector-spec';
import { EventStore } from '../../src/event-store/event-store.port';
import { ProjectionRunner } from '../subscription/projection-runner';
import { ClassroomEvent } from '../../src/classrooms/classroom.events';
import { EnrollmentEvent } from '../../src/enrollments/enrollment.events';
import { DomainEvent } from '../../src/shared/event';
import { StaffUserEvent } from '../../src/staff-users/staff-user.events';
import { StudentEvent } from '../../src/students/student.events';
import { rostersProjection } from './rosters.projector';
import { DISTRICT_STUDENTS, ROSTER_CLASSROOMS, ROSTER_ENROLLMENTS, ROSTER_USERS, SCHOOL_STUDENTS, schoolRosterSortKey } from './rosters.read-model';

type Given = (StudentEvent | ClassroomEvent | EnrollmentEvent | StaffUserEvent) & { streamId: string };

const students: Given[] = [
  { streamId: 'student-st-1', type: 'StudentRegistered', data: { studentId: 'st-1', districtId: 'd-1', username: 'JSmith', givenName: 'Jo', familyName: 'Smith' } },
  { streamId: 'student-st-1', type: 'StudentAdmittedToSchool', data: { studentId: 'st-1', schoolId: 's-1', entryDate: '2025-09-01', entryGradeLevel: '05', primary: true } },
  { streamId: 'student-st-1', type: 'StudentAdmittedToSchool', data: { studentId: 'st-1', schoolId: 's-2', entryDate: '2025-09-02', entryGradeLevel: '05', primary: true, previousPrimary: { schoolId: 's-1', entryDate: '2025-09-01' } } },
  { streamId: 'student-st-1', type: 'StudentUsernameChanged', data: { studentId: 'st-1', districtId: 'd-1', username: 'jo.smith', previousUsername: 'JSmith' } },
  { streamId: 'student-st-1', type: 'StudentWithdrawnFromSchool', data: { studentId: 'st-1', schoolId: 's-1', entryDate: '2025-09-01', exitDate: '2025-12-01' } },
];

const student = { enrollmentId: 'e-1', classroomId: 'c-1', schoolId: 's-2', role: 'student', studentId: 'st-1' } as const;
const teacher = { enrollmentId: 'e-2', classroomId: 'c-1', schoolId: 's-2', role: 'teacher', userId: 'u-1' } as const;
const classrooms: Given[] = [
  { streamId: 'user-u-1', type: 'UserRegistered', data: { userId: 'u-1', email: 'ann@example.org', givenName: 'Ann', familyName: 'Teach', service: 'roster' } },
  { streamId: 'classroom-c-1', type: 'ClassroomCreated', data: { classroomId: 'c-1', schoolId: 's-2', title: 'Maths 5', classType: 'scheduled', subjects: [], grades: ['05'], termIds: [] } },
  { streamId: 'classroom-c-1', type: 'ClassroomUpdated', data: { classroomId: 'c-1', schoolId: 's-2', subjects: ['Mathematics'] } },
  { streamId: 'enrollment-e-1', type: 'EnrollmentStarted', data: { ...student, beginDate: '2025-09-02', primary: false } },
  { streamId: 'enrollment-e-2', type: 'EnrollmentStarted', data: { ...teacher, beginDate: '2025-09-01', primary: true } },
  { streamId: 'enrollment-e-1', type: 'EnrollmentEnded', data: { ...student, beginDate: '2025-09-02', endDate: '2026-01-01' } },
  { streamId: 'enrollment-e-3', type: 'EnrollmentStarted', data: { ...student, enrollmentId: 'e-3', beginDate: '2026-01-05', primary: false } },
  { streamId: 'enrollment-e-3', type: 'EnrollmentCancelled', data: { ...student, enrollmentId: 'e-3', beginDate: '2026-01-05', reason: 'sync' } },
  { streamId: 'student-st-1', type: 'StudentDetailsUpdated', data: { studentId: 'st-1', familyName: 'Smyth', middleName: null } },
  { streamId: 'student-st-1', type: 'StudentDeactivated', data: { studentId: 'st-1' } },
  { streamId: 'classroom-c-1', type: 'ClassroomClosed', data: { classroomId: 'c-1', schoolId: 's-2' } },
];

const everything: DomainEvent[] = [...students, ...classrooms];
const collections = [DISTRICT_STUDENTS, SCHOOL_STUDENTS, ROSTER_CLASSROOMS, ROSTER_ENROLLMENTS, ROSTER_USERS];

describe('rosters projector', () => {
  it('keeps the district directory entry and one roster row per school association', async () => {
    const given = await project(rostersProjection, students);
    expect(await given.get(DISTRICT_STUDENTS, 'st-1')).toEqual({
      studentId: 'st-1', districtId: 'd-1', username: 'jo.smith', usernameKey: 'jo.smith', givenName: 'Jo', familyName: 'Smith', status: 'active', grades: [],
    });
    expect(await given.get(SCHOOL_STUDENTS, 's-1|st-1|2025-09-01')).toMatchObject({ exitDate: '2025-12-01', primary: false, username: 'jo.smith' });
    expect(await given.get(SCHOOL_STUDENTS, 's-2|st-1|2025-09-02')).toMatchObject({
      exitDate: null, primary: true, username: 'jo.smith', entryGradeLevel: '05', entryGradeLevelDescriptor: 'uri://ed-fi.org/GradeLevelDescriptor#Fifth grade',
    });
    await given.close();
  });

  it('keeps each roster row’s sort key current with the names', async () => {
    const given = await project(rostersProjection, students);
    expect(await given.get(SCHOOL_STUDENTS, 's-2|st-1|2025-09-02')).toMatchObject({ sortKey: schoolRosterSortKey('Smith', 'Jo', 'st-1') });
    await given.close();
    const renamed = await project(rostersProjection, everything);
    expect(await renamed.get(SCHOOL_STUDENTS, 's-1|st-1|2025-09-01')).toMatchObject({ sortKey: schoolRosterSortKey('Smyth', 'Jo', 'st-1') });
    expect(await renamed.get(SCHOOL_STUDENTS, 's-2|st-1|2025-09-02')).toMatchObject({ sortKey: schoolRosterSortKey('Smyth', 'Jo', 'st-1') });
    await renamed.close();
  });

  it('the sort key orders as (family name, given name, student id) does, in UTF-8 byte order', () => {
    const names = ['', 'A', 'a', 'Ab', 'A b', 'A\u0000', 'A\u0001', 'A\u0002', 'A\u0003', '\u0001', 'Zoë', 'Zoe', 'Émile', '𝒜', 'ﬀ'];
    const triples = names.flatMap((family) => names.map((given) => [family, given, 'st-' + given.length] as const));
    const bytes = (s: string) => Buffer.from(s, 'utf8');
    const byParts = [...triples].sort((x, y) => Buffer.compare(bytes(x[0]), bytes(y[0])) || Buffer.compare(bytes(x[1]), bytes(y[1])) || Buffer.compare(bytes(x[2]), bytes(y[2])));
    const byKey = [...triples].sort((x, y) => Buffer.compare(bytes(schoolRosterSortKey(...x)), bytes(schoolRosterSortKey(...y))));
    expect(byKey).toEqual(byParts);
    expect(triples.every((t) => !schoolRosterSortKey(...t).includes('\u0000'))).toBe(true);
  });

  it('deactivation shows in the directory status; changed names reach every roster row', async () => {
    const given = await project(rostersProjection, everything);
    expect(await given.get(DISTRICT_STUDENTS, 'st-1')).toMatchObject({ status: 'deactivated', familyName: 'Smyth', givenName: 'Jo' });
    expect(await given.get(SCHOOL_STUDENTS, 's-2|st-1|2025-09-02')).toMatchObject({ familyName: 'Smyth' });
    expect(await given.get(ROSTER_ENROLLMENTS, 'e-1')).toMatchObject({ familyName: 'Smyth', username: 'jo.smith' });
    await given.close();
  });

  it('keeps each classroom with only the changed fields updated, and its closing', async () => {
    const given = await project(rostersProjection, everything);
    expect(await given.get(ROSTER_CLASSROOMS, 'c-1')).toEqual({
      classroomId: 'c-1', schoolId: 's-2', title: 'Maths 5', classCode: null, classType: 'scheduled', subjects: ['Mathematics'], grades: ['05'],
      academicYearId: null, termIds: [], status: 'closed',
    });
    await given.close();
  });

  it('keeps one row per enrollment with its dates and the person’s name; a cancelled one is gone', async () => {
    const given = await project(rostersProjection, everything);
    expect(await given.get(ROSTER_ENROLLMENTS, 'e-1')).toEqual({
      enrollmentId: 'e-1', classroomId: 'c-1', schoolId: 's-2', role: 'student', studentId: 'st-1', userId: null, beginDate: '2025-09-02', endDate: '2026-01-01',
      primary: false, username: 'jo.smith', givenName: 'Jo', familyName: 'Smyth',
    });
    expect(await given.get(ROSTER_ENROLLMENTS, 'e-2')).toMatchObject({ role: 'teacher', userId: 'u-1', studentId: null, username: null, givenName: 'Ann', familyName: 'Teach', primary: true, endDate: null });
    expect(await given.get(ROSTER_ENROLLMENTS, 'e-3')).toBeNull();
    expect(await given.get(ROSTER_USERS, 'u-1')).toEqual({ userId: 'u-1', givenName: 'Ann', familyName: 'Teach' });
    await given.close();
  });

  it('the same events delivered twice change nothing', async () => {
    const given = await project(rostersProjection, everything);
    const before = await Promise.all(collections.map((c) => given.all(c)));
    await given.replayed();
    expect(await Promise.all(collections.map((c) => given.all(c)))).toEqual(before);
    await given.close();
  });

  it('events delivered again from any point on (a crash after the writes, before the checkpoint) change nothing', async () => {
    const stream = recorded(everything);
    for (let from = 0; from < stream.length; from++) {
      const given = await project(rostersProjection, everything);
      const before = await Promise.all(collections.map((c) => given.all(c)));
      const resumed = new ProjectionRunner(rostersProjection, {} as EventStore, given.documents, { checkpointId: `resumed-${from}` });
      await resumed.prepare();
      await resumed.applyBatch(stream.slice(from));
      expect(await Promise.all(collections.map((c) => given.all(c)))).toEqual(before);
      await given.close();
    }
  });
});
