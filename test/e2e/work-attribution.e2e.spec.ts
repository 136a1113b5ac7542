import { expectOk, TestApp } from '../support/test-app';

/**
 * Seed 000, "Student work is tied to a classroom": the old system pinned work to the first synced
 * classroom. Here work is a fact about the student and the read model attributes it from the
 * enrollments in force, following the roster when it arrives late or is corrected.
 * Each test builds its own school, student, classrooms and enrollments (`world`), so none reads
 * another's work.
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

  /** A school with a student in two classrooms at once (maths and reading): the old system could only take the first. */
  const world = async (tag: string) => {
    const ids = { school: `s-${tag}`, student: `st-${tag}`, math: `c-math-${tag}`, reading: `c-read-${tag}`, mathEnrollment: `e-math-${tag}` };
    await ok('RegisterOrganisation', { organisationId: ids.school, type: 'school', name: `School ${tag}`, parentId: 'd-1' });
    await ok('RegisterStudent', { studentId: ids.student, districtId: 'd-1', username: ids.student, givenName: 'Sam', familyName: 'Lee' });
    await ok('AdmitStudentToSchool', { studentId: ids.student, schoolId: ids.school, entryDate: '2025-08-01', entryGradeLevel: '05' });
    await ok('CreateClassroom', { classroomId: ids.math, schoolId: ids.school, title: 'Maths 5', classType: 'scheduled', subjects: ['Math'] });
    await ok('CreateClassroom', { classroomId: ids.reading, schoolId: ids.school, title: 'Reading 5', classType: 'scheduled', subjects: ['Reading'] });
    await ok('EnrollInClassroom', { enrollmentId: ids.mathEnrollment, classroomId: ids.math, role: 'student', studentId: ids.student, beginDate: '2025-09-01' });
    await ok('EnrollInClassroom', { enrollmentId: `e-read-${tag}`, classroomId: ids.reading, role: 'student', studentId: ids.student, beginDate: '2025-09-01' });
    const record = async (workId: string, completedAt: string, extra: object = {}) =>
      app.command('RecordStudentWork', { studentId: ids.student, workId, completedAt, activity: 'practice', minutes: 10, points: 5, ...extra });
    return {
      ...ids,
      record,
      recorded: async (workId: string, completedAt: string, extra: object = {}) => {
        position = expectOk(await record(workId, completedAt, extra)).body.position;
      },
      /** The three items the old system got wrong: reported in reading, unreported maths, and before any enrollment. */
      recordThree: async function () {
        await this.recorded('w-reported', '2025-09-10T10:00:00Z', { classroomId: ids.reading, subject: 'math', score: 90 });
        await this.recorded('w-math', '2025-09-11T10:00:00Z', { subject: 'math', score: 70 });
        await this.recorded('w-early', '2025-08-20T10:00:00Z', { minutes: 15 });
      },
      where: async (workId: string) => {
        const item = (await read(`/v1/students/${ids.student}/work`)).items.find((w: { workId: string }) => w.workId === workId);
        return [item.classroomId, item.rule, item.reason];
      },
      totals: async (classroomId: string) => (await read(`/v1/classrooms/${classroomId}/work`)).totals,
      school: () => read(`/v1/schools/${ids.school}/work`),
    };
  };

  beforeAll(async () => {
    app = await TestApp.start();
    await ok('RegisterOrganisation', { organisationId: 'd-1', type: 'district', name: 'District One' });
  });
  afterAll(() => app.stop());

  it('work reported in the second classroom lands in the second classroom', async () => {
    const w = await world('reported');
    await w.recorded('w-reported', '2025-09-10T10:00:00Z', { classroomId: w.reading, subject: 'math', score: 90 });
    expect(await w.where('w-reported')).toEqual([w.reading, 'reported', null]);
    expect(await w.totals(w.reading)).toEqual({ items: 1, minutes: 10, points: 5, averageScore: 90 });
    expect(await w.totals(w.math)).toEqual({ items: 0, minutes: 0, points: 0, averageScore: null });
  });

  it('unreported math work lands in the math classroom', async () => {
    const w = await world('math');
    await w.recorded('w-math', '2025-09-11T10:00:00Z', { subject: 'math', score: 70 });
    expect(await w.where('w-math')).toEqual([w.math, 'subject', null]);
    const math = await read(`/v1/classrooms/${w.math}/work?from=2025-09-01&to=2025-10-01`);
    expect(math).toEqual({ classroomId: w.math, totals: { items: 1, minutes: 10, points: 5, averageScore: 70 }, students: [{ studentId: w.student, totals: { items: 1, minutes: 10, points: 5, averageScore: 70 } }] });
    expect((await read(`/v1/classrooms/${w.math}/work?from=2025-01-01&to=2025-09-11`)).totals.items).toBe(0);
  });

  it('work done before any enrollment is unattributed (no_enrollment) and counts for the school it was admitted to', async () => {
    const w = await world('early');
    await w.recordThree();
    expect(await w.where('w-early')).toEqual([null, 'unattributed', 'no_enrollment']);
    const school = await w.school();
    expect(school.classrooms.map((c: { classroomId: string; title: string; totals: { items: number } }) => [c.classroomId, c.title, c.totals.items])).toEqual([
      [w.math, 'Maths 5', 1],
      [w.reading, 'Reading 5', 1],
    ]);
    expect(school.unattributed.byReason.no_enrollment).toEqual({ items: 1, minutes: 15, points: 5, averageScore: null });
    expect(school.unattributed.totals.items).toBe(1);
  });

  it('a late roster row that backdates an enrollment moves that work into the classroom; cancelling it moves the work back out', async () => {
    const w = await world('late');
    await w.recordThree();
    await ok('EnrollInClassroom', { enrollmentId: 'e-read-summer', classroomId: w.reading, role: 'student', studentId: w.student, beginDate: '2025-08-15', endDate: '2025-09-01' });
    expect(await w.where('w-early')).toEqual([w.reading, 'single', null]);
    expect(await w.totals(w.reading)).toEqual({ items: 2, minutes: 25, points: 10, averageScore: 90 });
    expect((await w.school()).unattributed.totals.items).toBe(0);

    await ok('CancelEnrollment', { enrollmentId: 'e-read-summer', reason: 'row withdrawn by the SIS' });
    expect(await w.where('w-early')).toEqual([null, 'unattributed', 'no_enrollment']);
    expect(await w.totals(w.reading)).toEqual({ items: 1, minutes: 10, points: 5, averageScore: 90 });
    expect((await w.school()).unattributed.byReason.no_enrollment.items).toBe(1);
  });

  it('ending an enrollment early moves the later work out of the classroom', async () => {
    const w = await world('ending');
    await w.recorded('w-math', '2025-09-11T10:00:00Z', { subject: 'math', score: 70 });
    await ok('ChangeEnrollmentDates', { enrollmentId: w.mathEnrollment, beginDate: '2025-09-01', endDate: '2025-09-11' });
    expect(await w.where('w-math')).toEqual([w.reading, 'single', null]);
    await ok('ChangeEnrollmentDates', { enrollmentId: w.mathEnrollment, beginDate: '2025-09-01' });
    expect(await w.where('w-math')).toEqual([w.math, 'subject', null]);
  });

  it('a duplicate RecordStudentWork with the same content appends nothing; with different content it is 409', async () => {
    const w = await world('duplicate');
    await w.recordThree();
    const same = expectOk(await w.record('w-math', '2025-09-11T12:00:00+02:00', { subject: 'math', score: 70 }));
    expect(same.body.events).toEqual([]);
    const other = await w.record('w-math', '2025-09-11T10:00:00Z', { subject: 'math', score: 71 });
    expect([other.status, other.body.error]).toEqual([409, 'WorkAlreadyRecorded']);
    expect((await read(`/v1/students/${w.student}/work`)).items).toHaveLength(3);
  });

  it('work figures out of range, or work from the future, are refused with 422; a bad shape with 400', async () => {
    const w = await world('refused');
    const figures = await w.record('w-bad', '2025-09-12T10:00:00Z', { minutes: -1, score: 101 });
    expect([figures.status, figures.body.error, figures.body.details.map((d: { field: string }) => d.field)]).toEqual([422, 'WorkFiguresOutOfRange', ['minutes', 'score']]);
    const future = await w.record('w-later', new Date(Date.now() + 60 * 60_000).toISOString());
    expect([future.status, future.body.error]).toEqual([422, 'CompletedInFuture']);
    const shape = await app.command('RecordStudentWork', { studentId: w.student, workId: 'w-shape', completedAt: 'yesterday', activity: '', minutes: 1.5 });
    expect([shape.status, shape.body.error]).toEqual([400, 'ValidationFailed']);
    expect(shape.body.details.map((d: { field: string }) => d.field).sort()).toEqual(['activity', 'completedAt', 'minutes']);
    expect((await read(`/v1/students/${w.student}/work`)).items).toEqual([]);
  });

  it('an explicit attribution needs an enrollment then (NotEnrolledThen), wins over the rules, and clearing it goes back to them', async () => {
    const w = await world('explicit');
    await w.recordThree();
    const notThen = await app.command('AttributeStudentWork', { studentId: w.student, workId: 'w-early', classroomId: w.math, reason: 'maths club' });
    expect([notThen.status, notThen.body.error]).toEqual([422, 'NotEnrolledThen']);

    await ok('AttributeStudentWork', { studentId: w.student, workId: 'w-math', classroomId: w.reading, reason: 'done in the reading lesson' });
    expect(await w.where('w-math')).toEqual([w.reading, 'explicit', 'done in the reading lesson']);
    expect((await w.totals(w.math)).items).toBe(0);

    await ok('ClearWorkAttribution', { studentId: w.student, workId: 'w-math' });
    expect(await w.where('w-math')).toEqual([w.math, 'subject', null]);
    expect((await w.totals(w.math)).items).toBe(1);
  });

  it('the history still shows what was reported; unknown classrooms are 404 and an empty range 400, with their codes', async () => {
    const w = await world('history');
    await w.recordThree();
    await ok('AttributeStudentWork', { studentId: w.student, workId: 'w-math', classroomId: w.reading, reason: 'done in the reading lesson' });
    await ok('ClearWorkAttribution', { studentId: w.student, workId: 'w-math' });
    const history = await app.get(`/v1/audit/streams/student-${w.student}`);
    expect(history.body.items.map((e: { type: string }) => e.type).filter((t: string) => t.startsWith('StudentWork'))).toEqual([
      'StudentWorkRecorded', 'StudentWorkRecorded', 'StudentWorkRecorded', 'StudentWorkAttributed', 'StudentWorkAttributionCleared',
    ]);
    const unknown = await app.get('/v1/classrooms/c-none/work?from=2025-01-01&to=2026-01-01');
    expect([unknown.status, unknown.body.error]).toEqual([404, 'NotFound']);
    const empty = await app.get(`/v1/students/${w.student}/work?from=2025-09-10&to=2025-09-10`);
    expect([empty.status, empty.body.error]).toEqual([400, 'ValidationFailed']);
  });

  it('every work query needs from and to, at most 400 days apart (security.md D3)', async () => {
    const w = await world('period');
    for (const path of [`/v1/classrooms/${w.math}/work`, `/v1/schools/s-period/work`, `/v1/students/${w.student}/work`]) {
      const open = await app.get(path);
      expect([path, open.status, open.body]).toEqual([path, 400, expect.objectContaining({ details: [expect.objectContaining({ field: 'from' }), expect.objectContaining({ field: 'to' })] })]);
      expect((await app.get(`${path}?from=2024-01-01&to=2025-02-05`)).body.details).toEqual([{ field: 'to', message: 'must be at most 400 days after from' }]);
      expect((await app.get(`${path}?from=2024-01-01&to=2025-02-04`)).status).toBe(200);
    }
  });
});
