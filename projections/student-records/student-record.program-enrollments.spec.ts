import { project } from '../../test/support/projector-spec';
import { ProgramEnrollmentEvent } from '../../src/enrollments/program-enrollment.events';
import { StudentEvent } from '../../src/students/student.events';
import { studentRecordsProjection } from './student-records.projector';
import { STUDENT_RECORDS } from './student-records.read-model';

const registered = (studentId: string): StudentEvent & { streamId: string } => ({
  streamId: `student-${studentId}`,
  type: 'StudentRegistered',
  data: { studentId, districtId: 'd-1', username: studentId, givenName: 'Given', familyName: 'Family' },
});
const events: ((StudentEvent | ProgramEnrollmentEvent) & { streamId: string })[] = [
  registered('st-1'),
  registered('st-2'),
  {
    streamId: 'program-enrollment-pe-1',
    type: 'ProgramEnrollmentCreated',
    data: { programEnrollmentId: 'pe-1', programId: 'p-1', curriculumId: 'c-1', externalUserKey: 'k-1', organisationId: 'u-1', status: 'pending' },
  },
  {
    streamId: 'program-enrollment-pe-2',
    type: 'ProgramEnrollmentCreated',
    data: { programEnrollmentId: 'pe-2', programId: 'p-1', curriculumId: 'c-2', studentId: 'st-1', status: 'enrolled' },
  },
  {
    streamId: 'program-enrollment-pe-1',
    type: 'ProgramEnrollmentLinked',
    data: { programEnrollmentId: 'pe-1', programId: 'p-1', curriculumId: 'c-1', studentId: 'st-1', externalUserKey: 'k-1', organisationId: 'u-1', status: 'pending' },
  },
  {
    streamId: 'program-enrollment-pe-2',
    type: 'ProgramEnrollmentStatusChanged',
    data: { programEnrollmentId: 'pe-2', programId: 'p-1', curriculumId: 'c-2', studentId: 'st-1', status: 'suspended', previousStatus: 'enrolled' },
  },
];

describe('student record: programEnrollments section', () => {
  it('lists the student’s realized enrollments with their current status; waiting ones appear once linked', async () => {
    const given = await project(studentRecordsProjection, events);
    expect((await given.get(STUDENT_RECORDS, 'st-1'))?.programEnrollments).toEqual([
      { programEnrollmentId: 'pe-2', programId: 'p-1', curriculumId: 'c-2', externalUserKey: null, organisationId: null, status: 'suspended' },
      { programEnrollmentId: 'pe-1', programId: 'p-1', curriculumId: 'c-1', externalUserKey: 'k-1', organisationId: 'u-1', status: 'pending' },
    ]);
    expect((await given.get(STUDENT_RECORDS, 'st-2'))?.programEnrollments).toEqual([]);
    await given.close();
  });

  it('before linking, a waiting enrollment is on no record', async () => {
    const given = await project(studentRecordsProjection, events.slice(0, 3));
    expect((await given.get(STUDENT_RECORDS, 'st-1'))?.programEnrollments).toEqual([]);
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
