import { project } from '../../test/support/projector-spec';
import { EnrollmentEvent } from '../../src/enrollments/enrollment.events';
import { StudentEvent } from '../../src/students/student.events';
import { studentRecordsProjection } from './student-records.projector';
import { LIST_LIMIT, STUDENT_RECORDS, StudentRecordDocument } from './student-records.read-model';

const inClass = (enrollmentId: string, classroomId: string, schoolId: string) =>
  ({ enrollmentId, classroomId, schoolId, role: 'student', studentId: 'st-1' }) as const;
const events: ((StudentEvent | EnrollmentEvent) & { streamId: string })[] = [
  {
    streamId: 'student-st-1',
    type: 'StudentRegistered',
    data: { studentId: 'st-1', districtId: 'd-1', username: 'jo', givenName: 'Jo', familyName: 'Smith', middleName: 'Ann', email: 'jo@example.org' },
  },
  { streamId: 'enrollment-e-1', type: 'EnrollmentStarted', data: { ...inClass('e-1', 'c-1', 's-1'), beginDate: '2025-09-01', primary: true } },
  { streamId: 'enrollment-e-2', type: 'EnrollmentStarted', data: { ...inClass('e-2', 'c-2', 's-2'), beginDate: '2025-09-01', primary: false } },
  { streamId: 'enrollment-e-3', type: 'EnrollmentStarted', data: { ...inClass('e-3', 'c-3', 's-1'), beginDate: '2025-09-01', primary: false } },
  {
    streamId: 'enrollment-e-9',
    type: 'EnrollmentStarted',
    data: { enrollmentId: 'e-9', classroomId: 'c-1', schoolId: 's-1', role: 'teacher', userId: 'u-1', beginDate: '2025-09-01', primary: true },
  },
  { streamId: 'enrollment-e-1', type: 'EnrollmentEnded', data: { ...inClass('e-1', 'c-1', 's-1'), beginDate: '2025-09-01', endDate: '2025-12-20' } },
  {
    streamId: 'enrollment-e-2',
    type: 'EnrollmentDatesChanged',
    data: { ...inClass('e-2', 'c-2', 's-2'), beginDate: '2025-09-08', endDate: '2026-07-20', previousBeginDate: '2025-09-01' },
  },
  { streamId: 'enrollment-e-3', type: 'EnrollmentCancelled', data: { ...inClass('e-3', 'c-3', 's-1'), beginDate: '2025-09-01', reason: 'sync withdrew the row' } },
  { streamId: 'student-st-1', type: 'StudentDetailsUpdated', data: { studentId: 'st-1', familyName: 'Smyth', email: null } },
  { streamId: 'student-st-1', type: 'StudentDeactivated', data: { studentId: 'st-1', reason: 'moved away' } },
];

describe('student record: enrollments section and details changes', () => {
  it('lists every classroom enrollment of the student, in any school, with current dates; a cancelled one is gone', async () => {
    const given = await project(studentRecordsProjection, events);
    expect((await given.get<StudentRecordDocument>(STUDENT_RECORDS, 'st-1'))?.enrollments).toEqual([
      { enrollmentId: 'e-1', classroomId: 'c-1', schoolId: 's-1', beginDate: '2025-09-01', endDate: '2025-12-20', primary: true },
      { enrollmentId: 'e-2', classroomId: 'c-2', schoolId: 's-2', beginDate: '2025-09-08', endDate: '2026-07-20', primary: false },
    ]);
    await given.close();
  });

  it('changed details replace the old ones, a cleared field reads null, and deactivation shows in the status', async () => {
    const given = await project(studentRecordsProjection, events);
    expect(await given.get(STUDENT_RECORDS, 'st-1')).toMatchObject({ givenName: 'Jo', familyName: 'Smyth', middleName: 'Ann', email: null, status: 'deactivated' });
    await given.close();
  });

  it('reactivation shows in the status', async () => {
    const given = await project(studentRecordsProjection, [...events, { streamId: 'student-st-1', type: 'StudentReactivated', data: { studentId: 'st-1' } }]);
    expect(await given.get(STUDENT_RECORDS, 'st-1')).toMatchObject({ status: 'active' });
    await given.close();
  });

  it('the same events delivered twice change nothing', async () => {
    const given = await project(studentRecordsProjection, events);
    const before = await given.all(STUDENT_RECORDS);
    await given.replayed();
    expect(await given.all(STUDENT_RECORDS)).toEqual(before);
    await given.close();
  });
});

describe('student record: lists are bounded', () => {
  it(`keeps the latest ${LIST_LIMIT} classroom enrollments and school associations, oldest first`, async () => {
    const extra = 30;
    const history: ((StudentEvent | EnrollmentEvent) & { streamId: string })[] = [events[0]];
    for (let i = 0; i < LIST_LIMIT + extra; i++) {
      history.push({ streamId: `enrollment-x-${i}`, type: 'EnrollmentStarted', data: { ...inClass(`x-${i}`, `c-${i}`, 's-1'), beginDate: '2025-09-01', primary: false } });
      history.push({
        streamId: 'student-st-1',
        type: 'StudentAdmittedToSchool',
        data: { studentId: 'st-1', schoolId: `s-${i}`, entryDate: '2025-09-01', entryGradeLevel: '03', primary: false },
      });
    }
    const given = await project(studentRecordsProjection, history);
    const record = await given.get<StudentRecordDocument>(STUDENT_RECORDS, 'st-1');
    expect(record?.enrollments.map((e) => e.enrollmentId)).toEqual(Array.from({ length: LIST_LIMIT }, (_, i) => `x-${i + extra}`));
    expect(record?.schoolAssociations.map((a) => a.schoolId)).toEqual(Array.from({ length: LIST_LIMIT }, (_, i) => `s-${i + extra}`));
    await given.close();
  });
});
