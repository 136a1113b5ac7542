import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expectOk, TestApp, TOKENS, writeTokensFile } from '../support/test-app';

const CLI_JS = join(__dirname, '..', '..', 'dist', 'src', 'cli.js');

/** Values no other fixture uses, so finding one anywhere means it leaked. */
const ZEPHYRINE = {
  username: 'zquill77',
  givenName: 'Zephyrine',
  familyName: 'Quillfeather',
  middleName: 'Ottoline',
  birthDate: '2011-03-14',
  email: 'zephyrine.q@example.org',
  stateStudentId: 'SSID-88231',
  externalIds: [{ source: 'sis', id: 'EXT-551902' }],
};
const VALUES = ['zquill77', 'Zephyrine', 'Quillfeather', 'Ottoline', '2011-03-14', 'zephyrine.q@example.org', 'SSID-88231', 'EXT-551902'];

const mentions = (body: unknown, values = VALUES) => values.filter((value) => JSON.stringify(body).includes(value));

/** domain/audit.md "Personal data of students": erasure by destroying the student's key, over HTTP. */
describe('EraseStudentPersonalData (embedded backend)', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'ledger-erasure-'));
  let app: TestApp;
  let position = '0';

  const ok = async (name: string, body: object, token?: string) => {
    const answer = expectOk(await app.command(name, body, { token }));
    position = answer.body.position;
    return answer.body;
  };
  const read = async (path: string, token?: string) => {
    const answer = await app.request('GET', `${path}${path.includes('?') ? '&' : '?'}minPosition=${position}`, { token });
    expect(answer.status).toBe(200);
    return answer.body;
  };
  const views = async () => ({
    record: await read('/v1/students/st-z'),
    school: await read('/v1/schools/s-1/students'),
    classroom: await read('/v1/classrooms/c-1/roster?asOf=2025-10-01'),
    directory: await read('/v1/districts/d-1/students'),
    audit: await read('/v1/audit/streams/student-st-z', TOKENS.auditor),
  });

  beforeAll(async () => {
    if (!existsSync(CLI_JS)) throw new Error(`${CLI_JS} is missing: run npm run build first (npm test does)`);
    app = await TestApp.start({}, dataDir);
    await ok('RegisterOrganisation', { organisationId: 'd-1', type: 'district', name: 'District One' });
    await ok('RegisterOrganisation', { organisationId: 's-1', type: 'school', name: 'School One', parentId: 'd-1' });
    await ok('RegisterStudent', { studentId: 'st-z', districtId: 'd-1', ...ZEPHYRINE });
    await ok('AdmitStudentToSchool', { studentId: 'st-z', schoolId: 's-1', entryDate: '2025-08-01', entryGradeLevel: '05' });
    await ok('CreateClassroom', { classroomId: 'c-1', schoolId: 's-1', title: 'Maths 5', classType: 'scheduled', subjects: ['Math'] });
    await ok('EnrollInClassroom', { enrollmentId: 'e-1', classroomId: 'c-1', role: 'student', studentId: 'st-z', beginDate: '2025-09-01' });
    await ok('RecordStudentWork', { studentId: 'st-z', workId: 'w-1', completedAt: '2025-09-10T10:00:00Z', activity: 'practice', minutes: 25, points: 7, score: 80 });
    await ok('RecordStudentWork', { studentId: 'st-z', workId: 'w-2', completedAt: '2025-09-11T10:00:00Z', activity: 'quiz', minutes: 15, points: 3 });
  }, 60_000);
  afterAll(async () => {
    await app.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('a student read once, erased: every view shows [erased] and none of the values, also after rebuilding every projection', async () => {
    const before = await views();
    expect(before.record).toMatchObject({ givenName: 'Zephyrine', email: 'zephyrine.q@example.org', username: 'zquill77' });
    const totals = (await read('/v1/classrooms/c-1/work?from=2025-09-01&to=2025-10-01')).totals;
    expect(totals).toEqual({ items: 2, minutes: 40, points: 10, averageScore: 80 });
    const streamBefore = before.audit.items.map((e: { type: string; revision: number }) => [e.type, e.revision]);

    const erased = await ok('EraseStudentPersonalData', { studentId: 'st-z', reason: 'erasure request ER-1' });
    expect(erased.events).toEqual([{ type: 'StudentPersonalDataErased', revision: 4 }]);

    const check = async () => {
      const after = await views();
      for (const [view, body] of Object.entries(after)) expect([view, mentions(body)]).toEqual([view, []]);
      expect(after.record).toMatchObject({ studentId: 'st-z', districtId: 'd-1', givenName: '[erased]', familyName: '[erased]', email: '[erased]', username: '[erased]', birthDate: '[erased]' });
      expect(after.school.items).toEqual([expect.objectContaining({ studentId: 'st-z', givenName: '[erased]', familyName: '[erased]' })]);
      expect(after.directory.items).toEqual([expect.objectContaining({ studentId: 'st-z', username: '[erased]' })]);
      expect(JSON.stringify(after.classroom)).toContain('[erased]');
      // History, counts and work attribution stay exactly as they were.
      expect(after.audit.items.map((e: { type: string; revision: number }) => [e.type, e.revision])).toEqual([...streamBefore, ['StudentPersonalDataErased', 4]]);
      expect(after.audit.items[0].data).toMatchObject({ studentId: 'st-z', districtId: 'd-1', givenName: '[erased]' });
      expect((await read('/v1/classrooms/c-1/work?from=2025-09-01&to=2025-10-01')).totals).toEqual(totals);
      expect((await read('/v1/students/st-z/work?from=2025-09-01&to=2025-10-01')).items.map((w: { workId: string; classroomId: string }) => [w.workId, w.classroomId])).toEqual([
        ['w-1', 'c-1'],
        ['w-2', 'c-1'],
      ]);
    };
    await check();

    for (const name of (await read('/v1/projections')).items.map((p: { name: string }) => p.name)) {
      const rebuilt = await app.request('POST', `/v1/projections/${name}/rebuild`);
      expect([name, rebuilt.status]).toEqual([name, 200]);
    }
    await check();
  });

  it('erasing again changes nothing; erasure needs the admin role and a reason; erased fields cannot be set again', async () => {
    expect((await ok('EraseStudentPersonalData', { studentId: 'st-z', reason: 'again' })).events).toEqual([]);
    expect((await app.command('EraseStudentPersonalData', { studentId: 'st-z', reason: 'x' }, { token: TOKENS.sis })).status).toBe(403);
    expect((await app.command('EraseStudentPersonalData', { studentId: 'st-z' })).body.error).toBe('ValidationFailed');
    expect((await app.command('EraseStudentPersonalData', { studentId: 'st-nobody', reason: 'x' })).status).toBe(404);
    expect((await app.command('UpdateStudentDetails', { studentId: 'st-z', givenName: 'Zeph' })).body.error).toBe('StudentPersonalDataErased');
  });

  it('the erased username registers again in the district', async () => {
    await ok('RegisterStudent', { studentId: 'st-new', districtId: 'd-1', username: 'ZQUILL77', givenName: 'New', familyName: 'Student' });
    expect((await read('/v1/students/st-new')).username).toBe('ZQUILL77');
  });

  it('the disclosure log shows the earlier reads of the student, with who and through which endpoint', async () => {
    const log = await read('/v1/audit/disclosures?studentId=st-z', TOKENS.auditor);
    const endpoints = log.items.map((d: { endpoint: string }) => d.endpoint);
    expect(endpoints).toContain('GET /v1/students/:id');
    expect(endpoints).toContain('GET /v1/students/:id/work');
    expect(endpoints).toContain('GET /v1/audit/streams/:streamId');
    expect(log.items[0]).toEqual({ at: expect.any(String), token: 'admin', actingUserId: null, studentId: 'st-z', endpoint: 'GET /v1/students/:id' });
    expect((await app.request('GET', '/v1/audit/disclosures?studentId=st-z', { token: TOKENS.dashboard })).status).toBe(403);
    const later = await read(`/v1/audit/disclosures?studentId=st-z&from=${encodeURIComponent(new Date(Date.now() + 60_000).toISOString())}`, TOKENS.auditor);
    expect(later.items).toEqual([]);
  });

  it('events:export shows [erased] and none of the values', async () => {
    await app.stop();
    const run = spawnSync(process.execPath, [CLI_JS, 'events:export'], {
      env: { ...process.env, DATA_DIR: dataDir, AUTH_TOKENS_FILE: writeTokensFile(dataDir), LOG_LEVEL: 'error' },
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(run.status).toBe(0);
    const events = run.stdout.trim().split('\n').map((line) => JSON.parse(line));
    expect(events.find((e) => e.type === 'StudentRegistered' && e.data.studentId === 'st-z').data).toMatchObject({ givenName: '[erased]', username: '[erased]' });
    expect(mentions(run.stdout)).toEqual([]);
    // A student not erased: personal fields sealed in the export too, never in clear.
    const kept = events.find((e) => e.type === 'StudentRegistered' && e.data.studentId === 'st-new').data;
    expect(Object.keys(kept).sort()).toEqual(['districtId', 'personalData', 'studentId']);
    expect(run.stdout).not.toContain('ZQUILL77');
    app = await TestApp.start({}, dataDir);
  });
});
