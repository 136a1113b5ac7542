import { expectOk, TestApp } from '../support/test-app';

/**
 * Seed 000, "Student work is tied to a classroom": the old system pinned work to the first synced
 * classroom. Here work is a fact about the student and the read model attributes it from the
 * enrollments in force, following the roster when it arrives late or is corrected.
 */
describe('Student work and its attribution to classrooms over HTTP (embedded backend)', () => {
  let app: TestApp;
  let position = '0';

  const ok = async (name: string, body: object) => {
    const answer = expectOk(await app.command(name, body));
    position = answer.body.position;
    return answer.body;
  };
  /** Work queries need a period: the whole of the story's dates unless the test names one. */
  const read = async (path: string) => {
    const period = /[?&]from=/.test(path) ? path : `${path}${path.includes('?') ? '&' : '?'}from=2025-01-01&to=2026-01-01`;
    const answer = await app.get(period, { minPosition: position });
    expect(answer.status).toBe(200);
    return answer.body;
  };
  const itemOf = async (workId: string) => (await read('/v1/students/st-1/work')).items.find((w: { workId: string }) => w.workId === workId);
  const where = async (workId: string) => {
    const item = await itemOf(workId);
    return [item.classroomId, item.rule, item.reason];
  };
  const totals = async (classroomId: string) => (await read(`/v1/classrooms/${classroomId}/work`)).totals;
  const record = (workId: string, completedAt: string, extra: object = {}) =>
    app.command('RecordStudentWork', { studentId: 'st-1', workId, completedAt, activity: 'practice', minutes: 10, points: 5, ...extra });

  beforeAll(async () => {
    app = await TestApp.start();
    await ok('RegisterOrganisation', { organisationId: 'd-1', type: 'district', name: 'District One' });
    await ok('RegisterOrganisation', { organisationId: 's-1', type: 'school', name: 'School One', parentId: 'd-1' });
    await ok('RegisterStudent', { studentId: 'st-1', districtId: 'd-1', username: 'sam', givenName: 'Sam', familyName: 'Lee' });
    await ok('AdmitStudentToSchool', { studentId: 'st-1', schoolId: 's-1', entryDate: '2025-08-01', entryGradeLevel: '05' });
    await ok('CreateClassroom', { classroomId: 'c-math', schoolId: 's-1', title: 'Maths 5', classType: 'scheduled', subjects: ['Math'] });
    await ok('CreateClassroom', { classroomId: 'c-read', schoolId: 's-1', title: 'Reading 5', classType: 'scheduled', subjects: ['Reading'] });
    // The student is in two classrooms at once: the old system could only take the first.
    await ok('EnrollInClassroom', { enrollmentId: 'e-math', classroomId: 'c-math', role: 'student', studentId: 'st-1', beginDate: '2025-09-01' });
    await ok('EnrollInClassroom', { enrollmentId: 'e-read', classroomId: 'c-read', role: 'student', studentId: 'st-1', beginDate: '2025-09-01' });
  });
  afterAll(() => app.stop());

  it('work reported in the second classroom lands in the second classroom', async () => {
    position = expectOk(await record('w-reported', '2025-09-10T10:00:00Z', { classroomId: 'c-read', subject: 'math', score: 90 })).body.position;
    expect(await where('w-reported')).toEqual(['c-read', 'reported', null]);
    expect(await totals('c-read')).toEqual({ items: 1, minutes: 10, points: 5, averageScore: 90 });
  });

  it('unreported math work lands in the math classroom', async () => {
    position = expectOk(await record('w-math', '2025-09-11T10:00:00Z', { subject: 'math', score: 70 })).body.position;
    expect(await where('w-math')).toEqual(['c-math', 'subject', null]);
    const math = await read('/v1/classrooms/c-math/work?from=2025-09-01&to=2025-10-01');
    expect(math).toEqual({ classroomId: 'c-math', totals: { items: 1, minutes: 10, points: 5, averageScore: 70 }, students: [{ studentId: 'st-1', totals: { items: 1, minutes: 10, points: 5, averageScore: 70 } }] });
    expect((await read('/v1/classrooms/c-math/work?from=2025-01-01&to=2025-09-11')).totals.items).toBe(0);
  });

  it('work done before any enrollment is unattributed (no_enrollment) and counts for the school it was admitted to', async () => {
    position = expectOk(await record('w-early', '2025-08-20T10:00:00Z', { minutes: 15 })).body.position;
    expect(await where('w-early')).toEqual([null, 'unattributed', 'no_enrollment']);
    const school = await read('/v1/schools/s-1/work');
    expect(school.classrooms.map((c: { classroomId: string; title: string; totals: { items: number } }) => [c.classroomId, c.title, c.totals.items])).toEqual([
      ['c-math', 'Maths 5', 1],
      ['c-read', 'Reading 5', 1],
    ]);
    expect(school.unattributed.byReason.no_enrollment).toEqual({ items: 1, minutes: 15, points: 5, averageScore: null });
    expect(school.unattributed.totals.items).toBe(1);
  });

  it('a late roster row that backdates an enrollment moves that work into the classroom; cancelling it moves the work back out', async () => {
    await ok('EnrollInClassroom', { enrollmentId: 'e-read-summer', classroomId: 'c-read', role: 'student', studentId: 'st-1', beginDate: '2025-08-15', endDate: '2025-09-01' });
    expect(await where('w-early')).toEqual(['c-read', 'single', null]);
    expect(await totals('c-read')).toEqual({ items: 2, minutes: 25, points: 10, averageScore: 90 });
    expect((await read('/v1/schools/s-1/work')).unattributed.totals.items).toBe(0);

    await ok('CancelEnrollment', { enrollmentId: 'e-read-summer', reason: 'row withdrawn by the SIS' });
    expect(await where('w-early')).toEqual([null, 'unattributed', 'no_enrollment']);
    expect(await totals('c-read')).toEqual({ items: 1, minutes: 10, points: 5, averageScore: 90 });
    expect((await read('/v1/schools/s-1/work')).unattributed.byReason.no_enrollment.items).toBe(1);
  });

  it('ending an enrollment early moves the later work out of the classroom', async () => {
    await ok('ChangeEnrollmentDates', { enrollmentId: 'e-math', beginDate: '2025-09-01', endDate: '2025-09-11' });
    expect(await where('w-math')).toEqual(['c-read', 'single', null]);
    await ok('ChangeEnrollmentDates', { enrollmentId: 'e-math', beginDate: '2025-09-01' });
    expect(await where('w-math')).toEqual(['c-math', 'subject', null]);
  });

  it('a duplicate RecordStudentWork with the same content appends nothing; with different content it is 409', async () => {
    const same = expectOk(await record('w-math', '2025-09-11T12:00:00+02:00', { subject: 'math', score: 70 }));
    expect(same.body.events).toEqual([]);
    const other = await record('w-math', '2025-09-11T10:00:00Z', { subject: 'math', score: 71 });
    expect([other.status, other.body.error]).toEqual([409, 'WorkAlreadyRecorded']);
    expect((await read('/v1/students/st-1/work')).items).toHaveLength(3);
  });

  it('work figures out of range, or work from the future, are refused with 422; a bad shape with 400', async () => {
    const figures = await record('w-bad', '2025-09-12T10:00:00Z', { minutes: -1, score: 101 });
    expect([figures.status, figures.body.error, figures.body.details.map((d: { field: string }) => d.field)]).toEqual([422, 'WorkFiguresOutOfRange', ['minutes', 'score']]);
    const future = await record('w-later', new Date(Date.now() + 60 * 60_000).toISOString());
    expect([future.status, future.body.error]).toEqual([422, 'CompletedInFuture']);
    const shape = await app.command('RecordStudentWork', { studentId: 'st-1', workId: 'w-shape', completedAt: 'yesterday', activity: '', minutes: 1.5 });
    expect(shape.status).toBe(400);
    expect(shape.body.details.map((d: { field: string }) => d.field).sort()).toEqual(['activity', 'completedAt', 'minutes']);
  });

  it('an explicit attribution needs an enrollment then (NotEnrolledThen), wins over the rules, and clearing it goes back to them', async () => {
    const notThen = await app.command('AttributeStudentWork', { studentId: 'st-1', workId: 'w-early', classroomId: 'c-math', reason: 'maths club' });
    expect([notThen.status, notThen.body.error]).toEqual([422, 'NotEnrolledThen']);

    await ok('AttributeStudentWork', { studentId: 'st-1', workId: 'w-math', classroomId: 'c-read', reason: 'done in the reading lesson' });
    expect(await where('w-math')).toEqual(['c-read', 'explicit', 'done in the reading lesson']);
    expect((await totals('c-math')).items).toBe(0);

    await ok('ClearWorkAttribution', { studentId: 'st-1', workId: 'w-math' });
    expect(await where('w-math')).toEqual(['c-math', 'subject', null]);
    expect((await totals('c-math')).items).toBe(1);
  });

  it('the history still shows what was reported', async () => {
    const history = await app.get('/v1/audit/streams/student-st-1');
    expect(history.body.items.map((e: { type: string }) => e.type).filter((t: string) => t.startsWith('StudentWork'))).toEqual([
      'StudentWorkRecorded', 'StudentWorkRecorded', 'StudentWorkRecorded', 'StudentWorkAttributed', 'StudentWorkAttributionCleared',
    ]);
    expect((await app.get('/v1/classrooms/c-none/work?from=2025-01-01&to=2026-01-01')).status).toBe(404);
    expect((await app.get('/v1/students/st-1/work?from=2025-09-10&to=2025-09-10')).status).toBe(400);
  });

  it('every work query needs from and to, at most 400 days apart (security.md D3)', async () => {
    for (const path of ['/v1/classrooms/c-math/work', '/v1/schools/s-1/work', '/v1/students/st-1/work']) {
      const open = await app.get(path);
      expect([open.status, open.body.details.map((d: { field: string }) => d.field)]).toEqual([400, ['from', 'to']]);
      expect((await app.get(`${path}?from=2024-01-01&to=2025-02-05`)).body.details).toEqual([{ field: 'to', message: 'must be at most 400 days after from' }]);
      expect((await app.get(`${path}?from=2024-01-01&to=2025-02-04`)).status).toBe(200);
    }
  });
});
