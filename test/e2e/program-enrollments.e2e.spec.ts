import { randomUUID } from 'node:crypto';
import { expectOk, TestApp } from '../support/test-app';

const PROGRAM = randomUUID();
const CURRICULUM = randomUUID();

describe('Program enrollments over HTTP (seed 001 integrity rules)', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await TestApp.start();
    expectOk(await app.command('RegisterOrganisation', { organisationId: 'u-mit', type: 'provider', name: 'University' }));
    expectOk(await app.command('RegisterOrganisation', { organisationId: 'd-a', type: 'district', name: 'District A' }));
    expectOk(await app.command('RegisterStudent', { studentId: 'st-1', districtId: 'd-a', username: 'learner1', givenName: 'Lee', familyName: 'Learner' }));
  });
  afterAll(() => app.stop());

  const enroll = (body: object) => app.command('EnrollInProgram', { programId: PROGRAM, curriculumId: CURRICULUM, status: 'pending', ...body });

  it('enrolls by key only: the enrollment waits for a student', async () => {
    const created = expectOk(await enroll({ programEnrollmentId: 'pe-1', externalUserKey: 'mit-0001', organisationId: 'u-mit' }));
    expect(created.body).toMatchObject({ aggregateId: 'pe-1', streamId: 'program-enrollment-pe-1', events: [{ type: 'ProgramEnrollmentCreated', revision: 0 }] });
    const waiting = await app.get(`/v1/programs/${PROGRAM}/enrollments?linked=false`, { minPosition: created.body.position });
    expect(waiting.body.items).toEqual([expect.objectContaining({ programEnrollmentId: 'pe-1', studentId: null, linked: false, status: 'pending' })]);
  });

  it('the same key, program and curriculum again is 409', async () => {
    const again = await enroll({ programEnrollmentId: 'pe-2', externalUserKey: 'mit-0001', organisationId: 'u-mit' });
    expect(again.status).toBe(409);
    expect(again.body.error).toBe('DuplicateProgramEnrollment');
  });

  it('neither student nor key is 400 naming both fields', async () => {
    const neither = await enroll({ programEnrollmentId: 'pe-3' });
    expect(neither.status).toBe(400);
    expect(neither.body.error).toBe('ValidationFailed');
    expect(neither.body.details.map((d: { field: string }) => d.field).sort()).toEqual(['externalUserKey', 'studentId']);
  });

  it('linking by key realizes the enrollment: it is listed as linked and on the student record', async () => {
    const linked = expectOk(await app.command('LinkProgramEnrollmentsByKey', { externalUserKey: 'mit-0001', organisationId: 'u-mit', studentId: 'st-1' }));
    expect(linked.body).toEqual({ affected: 1, position: expect.any(String), correlationId: expect.any(String) });
    const list = await app.get(`/v1/programs/${PROGRAM}/enrollments?curriculumId=${CURRICULUM}&linked=true`, { minPosition: linked.body.position });
    expect(list.status).toBe(200);
    expect(list.headers.get('x-total-count')).toBe('1');
    expect(list.body.items).toEqual([expect.objectContaining({ programEnrollmentId: 'pe-1', studentId: 'st-1', linked: true })]);
    const record = await app.get('/v1/students/st-1', { minPosition: linked.body.position });
    expect(record.body.programEnrollments).toEqual([expect.objectContaining({ programEnrollmentId: 'pe-1', programId: PROGRAM, curriculumId: CURRICULUM })]);
    const again = expectOk(await app.command('LinkProgramEnrollmentsByKey', { externalUserKey: 'mit-0001', organisationId: 'u-mit', studentId: 'st-1' }));
    expect(again.body.affected).toBe(0);
  });

  it('the same student enrolled directly in that program and curriculum is 409 DuplicateProgramEnrollment', async () => {
    const direct = await enroll({ programEnrollmentId: 'pe-4', studentId: 'st-1', status: 'enrolled' });
    expect(direct.status).toBe(409);
    expect(direct.body.error).toBe('DuplicateProgramEnrollment');
  });

  it('linking the same enrollment to the same student again is 200 with no events', async () => {
    const again = expectOk(await app.command('LinkProgramEnrollment', { programEnrollmentId: 'pe-1', studentId: 'st-1' }));
    expect(again.body.events).toEqual([]);
    expect(again.body.revision).toBe(1);
  });

  it('two enrollments of one student in one program and curriculum at once: exactly one succeeds, 30 times over', async () => {
    for (let round = 0; round < 30; round++) {
      const programId = randomUUID();
      const curriculumId = randomUUID();
      const answers = await Promise.all(
        [randomUUID(), randomUUID()].map((programEnrollmentId) =>
          app.command('EnrollInProgram', { programEnrollmentId, programId, curriculumId, studentId: 'st-1', status: 'enrolled' }),
        ),
      );
      expect(answers.map((a) => a.status).sort()).toEqual([200, 409]);
      expect(answers.find((a) => a.status === 409)?.body.error).toBe('DuplicateProgramEnrollment');
    }
  });
});
