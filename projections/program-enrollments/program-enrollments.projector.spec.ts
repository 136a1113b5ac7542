import { project } from '../../test/support/projector-spec';
import { ProgramEnrollmentEvent } from '../../src/enrollments/program-enrollment.events';
import { programEnrollmentsProjection } from './program-enrollments.projector';
import { PROGRAM_ENROLLMENTS } from './program-enrollments.read-model';

const at = (minute: number) => `2025-10-01T09:${String(minute).padStart(2, '0')}:00.000Z`;
const events: (ProgramEnrollmentEvent & { streamId: string; occurredAt: string })[] = [
  {
    streamId: 'program-enrollment-pe-1',
    occurredAt: at(0),
    type: 'ProgramEnrollmentCreated',
    data: { programEnrollmentId: 'pe-1', programId: 'p-1', curriculumId: 'c-1', externalUserKey: 'k-1', organisationId: 'u-1', status: 'pending' },
  },
  {
    streamId: 'program-enrollment-pe-2',
    occurredAt: at(1),
    type: 'ProgramEnrollmentCreated',
    data: { programEnrollmentId: 'pe-2', programId: 'p-1', curriculumId: 'c-2', studentId: 'st-2', status: 'enrolled' },
  },
  {
    streamId: 'program-enrollment-pe-1',
    occurredAt: at(2),
    type: 'ProgramEnrollmentLinked',
    data: { programEnrollmentId: 'pe-1', programId: 'p-1', curriculumId: 'c-1', studentId: 'st-1', externalUserKey: 'k-1', organisationId: 'u-1', status: 'pending' },
  },
  {
    streamId: 'program-enrollment-pe-1',
    occurredAt: at(3),
    type: 'ProgramEnrollmentStatusChanged',
    data: { programEnrollmentId: 'pe-1', programId: 'p-1', curriculumId: 'c-1', studentId: 'st-1', externalUserKey: 'k-1', organisationId: 'u-1', status: 'enrolled', previousStatus: 'pending' },
  },
];

describe('program-enrollments projector', () => {
  it('keeps one document per enrollment: created waiting, then linked, then enrolled', async () => {
    const given = await project(programEnrollmentsProjection, events);
    expect(await given.get(PROGRAM_ENROLLMENTS, 'pe-1')).toEqual({
      programEnrollmentId: 'pe-1', programId: 'p-1', curriculumId: 'c-1', studentId: 'st-1', externalUserKey: 'k-1', organisationId: 'u-1',
      status: 'enrolled', linked: true, createdAt: at(0), linkedAt: at(2), updatedAt: at(3),
    });
    expect(await given.get(PROGRAM_ENROLLMENTS, 'pe-2')).toEqual({
      programEnrollmentId: 'pe-2', programId: 'p-1', curriculumId: 'c-2', studentId: 'st-2', externalUserKey: null, organisationId: null,
      status: 'enrolled', linked: true, createdAt: at(1), linkedAt: at(1), updatedAt: at(1),
    });
    await given.close();
  });

  it('a waiting enrollment is not linked', async () => {
    const given = await project(programEnrollmentsProjection, events.slice(0, 1));
    expect(await given.get(PROGRAM_ENROLLMENTS, 'pe-1')).toMatchObject({ studentId: null, linked: false, linkedAt: null, status: 'pending' });
    await given.close();
  });

  it('the same events delivered twice change nothing', async () => {
    const given = await project(programEnrollmentsProjection, events);
    const before = await given.all(PROGRAM_ENROLLMENTS);
    await given.replayed();
    expect(await given.all(PROGRAM_ENROLLMENTS)).toEqual(before);
    await given.close();
  });
});
