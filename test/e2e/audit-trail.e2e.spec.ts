import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expectOk, realStoreEnv, TestApp, TOKENS, writeTokensFile } from '../support/test-app';

const CLI_JS = join(__dirname, '..', '..', 'dist', 'src', 'cli.js');
const today = new Date();
const startYear = today.getUTCMonth() >= 8 ? today.getUTCFullYear() : today.getUTCFullYear() - 1;
const YEAR = { academicYearId: `ay-${startYear}`, name: `${startYear}/${startYear + 1}`, startsOn: `${startYear}-09-01`, endsOn: `${startYear + 1}-08-31` };

describe('Audit over HTTP: state as of, following a correlation id (embedded backend)', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'ledger-audit-'));
  let app: TestApp;
  let stopped = false;
  const audit = (path: string) => app.request('GET', path, { token: TOKENS.auditor });
  /** The clean-up process runs after the command that triggers it: wait for its effect, with a deadline. */
  const eventually = async <T>(read: () => Promise<T>, done: (value: T) => boolean, what: string): Promise<T> => {
    const deadline = Date.now() + 10_000;
    for (;;) {
      const value = await read();
      if (done(value)) return value;
      if (Date.now() > deadline) throw new Error(`Timed out waiting until ${what}; last: ${JSON.stringify(value)}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  };

  beforeAll(async () => {
    app = await TestApp.start({}, dataDir);
    expectOk(await app.command('RegisterOrganisation', { organisationId: 'd-1', type: 'district', name: 'D' }));
    expectOk(await app.command('RegisterStudent', { studentId: 'st-1', districtId: 'd-1', username: 'jo', givenName: 'Jo', familyName: 'S' }));
    // Events a millisecond or more apart, so an instant between two of them exists.
    await new Promise((r) => setTimeout(r, 5));
    expectOk(await app.command('ChangeStudentUsername', { studentId: 'st-1', username: 'jo2' }));
    await new Promise((r) => setTimeout(r, 5));
    expectOk(await app.command('ChangeStudentUsername', { studentId: 'st-1', username: 'jo3' }));
    expectOk(await app.command('DefineAcademicYear', YEAR));
  }, 30_000);
  afterAll(async () => {
    if (!stopped) await app.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  describe('state as of (rule 2)', () => {
    let history: { revision: number; position: string; metadata: { occurredAt: string } }[];
    beforeAll(async () => {
      history = (await audit('/v1/audit/streams/student-st-1')).body.items;
    });

    it('answers the state at a revision with that revision and the instant of its event', async () => {
      const answer = await audit('/v1/audit/aggregates/student/st-1?atRevision=1');
      expect(answer.status).toBe(200);
      expect(answer.body).toEqual({
        type: 'student',
        id: 'st-1',
        streamId: 'student-st-1',
        revision: 1,
        position: history[1].position,
        occurredAt: history[1].metadata.occurredAt,
        state: expect.objectContaining({ status: 'active', studentId: 'st-1', username: 'jo2', details: { givenName: 'Jo', familyName: 'S' }, work: {} }),
      });
    });

    it('answers as of an instant with the last event at or before it, and without a point the current state', async () => {
      const between = new Date(Date.parse(history[0].metadata.occurredAt) + 1).toISOString();
      expect(Date.parse(between)).toBeLessThan(Date.parse(history[1].metadata.occurredAt));
      expect((await audit(`/v1/audit/aggregates/student/st-1?asOf=${between}`)).body).toMatchObject({ revision: 0, state: { username: 'jo' } });
      expect((await audit(`/v1/audit/aggregates/student/st-1?asOf=${history[2].metadata.occurredAt}`)).body).toMatchObject({ revision: 2, state: { username: 'jo3' } });
      expect((await audit('/v1/audit/aggregates/student/st-1')).body).toMatchObject({ revision: 2, state: { username: 'jo3' } });
    });

    it('answers registries as aggregates too, their Maps and Sets as plain JSON', async () => {
      const answer = await audit('/v1/audit/aggregates/academic-years/registry');
      expect(answer.status).toBe(200);
      expect(answer.body).toMatchObject({ streamId: 'academic-years-registry', revision: 0 });
      expect(JSON.stringify(answer.body.state)).toContain(YEAR.academicYearId);
    });

    it('is 404 for an unknown aggregate or type, 422 past the end or before the first event, 400 for a malformed point, 403 without the audit role', async () => {
      const answers = await Promise.all([
        audit('/v1/audit/aggregates/student/nobody'),
        audit('/v1/audit/aggregates/spaceship/st-1'),
        audit('/v1/audit/aggregates/student/st-1?atRevision=3'),
        audit('/v1/audit/aggregates/student/st-1?asOf=2000-01-01T00:00:00Z'),
        audit('/v1/audit/aggregates/student/st-1?atRevision=1&asOf=2000-01-01T00:00:00Z'),
        audit('/v1/audit/aggregates/student/st-1?asOf=yesterday'),
        app.request('GET', '/v1/audit/aggregates/student/st-1', { token: TOKENS.dashboard }),
      ]);
      expect(answers.map((a) => [a.status, a.body.error])).toEqual([
        [404, 'NotFound'],
        [404, 'NotFound'],
        [422, 'RevisionOutOfRange'],
        [422, 'BeforeFirstEvent'],
        [400, 'ValidationFailed'],
        [400, 'ValidationFailed'],
        [403, 'Forbidden'],
      ]);
      expect(answers[2].body.details).toEqual([{ lastRevision: 2 }]);
    });
  });

  describe('following one request (rule 3)', () => {
    it('lists every event of a correlation id, with the events a process manager appended in response chained by causation', async () => {
      const ok = async (name: string, body: unknown, headers: Record<string, string> = {}) => expectOk(await app.command(name, body, { headers }));
      await ok('RegisterOrganisation', { organisationId: 's-1', type: 'school', name: 'School One' });
      await ok('OnboardOrganisation', { organisationId: 's-1', service: 'placements' });
      await ok('AddOrganisationContact', { organisationId: 's-1', contactId: 's-1-lead', givenName: 'Pat', familyName: 'Lead', email: 'lead@s-1.example' });
      await ok('DefineSubject', { subjectId: 'maths', name: 'Mathematics', code: 'G1', phase: 'secondary' });
      await ok('RecordHostingInterest', { schoolId: 's-1', academicYearId: YEAR.academicYearId, appetite: 'actively_looking' });
      await ok('CreatePlacement', { placementId: 'pl-1', schoolId: 's-1', academicYearId: YEAR.academicYearId, subjectId: 'maths' });
      await ok('CreatePlacement', { placementId: 'pl-2', schoolId: 's-1', academicYearId: YEAR.academicYearId, subjectId: 'maths' });

      const change = await ok('RecordHostingInterest', { schoolId: 's-1', academicYearId: YEAR.academicYearId, appetite: 'not_interested', reasons: ['Staff shortage'] }, { 'X-Correlation-Id': 'sync-2026-42' });
      expect(change.body.correlationId).toBe('sync-2026-42');
      const feed = await eventually(
        async () => (await audit('/v1/audit/events?correlationId=sync-2026-42')).body.items as any[],
        (items) => items.length >= 3,
        'the clean-up process has deleted both placements',
      );

      expect(feed.map((e) => [e.streamId, e.type])).toEqual([
        [`hosting-interest-s-1.${YEAR.academicYearId}`, 'HostingInterestRecorded'],
        ['placement-pl-1', 'PlacementDeleted'],
        ['placement-pl-2', 'PlacementDeleted'],
      ]);
      const [cause, ...effects] = feed;
      expect(cause.metadata).toMatchObject({ correlationId: 'sync-2026-42', command: 'RecordHostingInterest', actor: { type: 'token', id: 'admin' } });
      expect(cause.metadata.causationId).not.toBe(cause.eventId);
      for (const effect of effects) {
        expect(effect.metadata).toMatchObject({ correlationId: 'sync-2026-42', causationId: cause.eventId, command: 'DeletePlacement', actor: { type: 'system', id: 'placement-cleanup' } });
      }
      expect((await audit('/v1/audit/events?correlationId=no-such-request')).body.items).toEqual([]);
    });
  });

  it('ledger state prints what GET /v1/audit/aggregates answers (service stopped)', async () => {
    const [atRevision, current] = await Promise.all([audit('/v1/audit/aggregates/student/st-1?atRevision=0'), audit('/v1/audit/aggregates/student/st-1')]);
    await app.stop();
    stopped = true;
    const ledger = (...args: string[]) =>
      spawnSync(process.execPath, [CLI_JS, ...args], {
        env: { ...process.env, ...realStoreEnv(app.dataDir), DATA_DIR: app.dataDir, AUTH_TOKENS_FILE: writeTokensFile(app.dataDir), LOG_LEVEL: 'error' },
        encoding: 'utf8',
        timeout: 60_000,
      });

    const run = ledger('state', 'student', 'st-1', '--at-revision', '0');
    expect(run.status).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual(atRevision.body);
    expect(JSON.parse(ledger('state', 'student', 'st-1', '--as-of', current.body.occurredAt).stdout)).toEqual(current.body);
    expect(ledger('state', 'student', 'st-1', '--at-revision', '7').status).toBe(1);
    expect(ledger('state', 'student', 'st-1', '--at-revision', 'x').status).toBe(2);
  }, 60_000);
});
