import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { expectOk, TestApp, TOKENS } from '../support/test-app';
import { CLI_JS, ledger } from '../support/ledger-cli';

/**
 * Tampering with the embedded log behind the service's back: each case edits its own copy of the
 * stopped service's events.sqlite directly, then `ledger events:verify` must name the event.
 */
const onEventStoreDb = Boolean(process.env.EVENTSTORE_CONNECTION_STRING);
(onEventStoreDb ? describe.skip : describe)(
  onEventStoreDb
    ? 'events:verify tamper tests (skipped: they edit the embedded SQLite log, and EVENTSTORE_CONNECTION_STRING is set)'
    : 'events:verify finds edits made to the stored log (audit rule 6; embedded store, service stopped)',
  () => {
  const root = mkdtempSync(join(tmpdir(), 'ledger-tamper-'));
  const original = join(root, 'original');
  let verifiedOverHttp: unknown;

  /** A copy of the stopped service's log, edited with SQL. */
  function tampered(name: string, edit: (db: Database.Database) => void): string {
    const dir = join(root, name);
    mkdirSync(dir);
    copyFileSync(join(original, 'events.sqlite'), join(dir, 'events.sqlite'));
    const db = new Database(join(dir, 'events.sqlite'));
    try {
      edit(db);
    } finally {
      db.close();
    }
    return dir;
  }

  const positionOf = (db: Database.Database, streamId: string, revision: number) =>
    (db.prepare('SELECT position FROM events WHERE stream_id = ? AND revision = ?').get(streamId, revision) as { position: number }).position;

  beforeAll(async () => {
    if (!existsSync(CLI_JS)) throw new Error(`${CLI_JS} is missing: run npm run build first (npm test does)`);
    mkdirSync(original);
    const app = await TestApp.start({}, original);
    expectOk(await app.command('RegisterOrganisation', { organisationId: 'd-1', type: 'district', name: 'D' }));
    expectOk(await app.command('RegisterStudent', { studentId: 'st-1', districtId: 'd-1', username: 'jo', givenName: 'Jo', familyName: 'S' }));
    expectOk(await app.command('ChangeStudentUsername', { studentId: 'st-1', username: 'jo2' }));
    expectOk(await app.command('ChangeStudentUsername', { studentId: 'st-1', username: 'jo3' }));
    expectOk(await app.command('ChangeStudentUsername', { studentId: 'st-1', username: 'jo4' }));
    expectOk(await app.command('DefineAcademicYear', { academicYearId: 'ay-2025', name: '2025/26', startsOn: '2025-09-01', endsOn: '2026-08-31' }));
    verifiedOverHttp = (await app.request('GET', '/v1/audit/streams/student-st-1/verify', { token: TOKENS.auditor })).body;
    await app.stop();
  }, 60_000);
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('hashes every stored event, reservation and registry streams included', () => {
    const db = new Database(join(original, 'events.sqlite'), { readonly: true });
    const streams = db.prepare('SELECT stream_id, COUNT(*) AS events, COUNT(hash) AS hashed FROM events GROUP BY stream_id').all() as { stream_id: string; events: number; hashed: number }[];
    db.close();
    expect(streams.filter((s) => s.events !== s.hashed)).toEqual([]);
    expect(streams.map((s) => s.stream_id)).toEqual(expect.arrayContaining(['student-st-1', 'academic-years-registry', expect.stringMatching(/^reservation-/)]));
  });

  it('exits 0 on the untouched log, and GET /v1/audit/streams/{id}/verify says ok', () => {
    const run = ledger(tampered('untouched', () => undefined), 'events:verify');
    expect(run.stdout).toMatch(/^\d+ events in \d+ streams: every chain holds$/m);
    expect(run.stdout).not.toMatch(/BROKEN/);
    expect(run.status).toBe(0);
    expect(verifiedOverHttp).toEqual({ streamId: 'student-st-1', events: 4, unhashedBeforeChain: 0, ok: true });
  });

  it("names one event's changed data (exit 1)", () => {
    let position = 0;
    const dir = tampered('data-changed', (db) => {
      position = positionOf(db, 'student-st-1', 2);
      db.prepare(`UPDATE events SET data = json_set(data, '$.username', 'mallory') WHERE stream_id = 'student-st-1' AND revision = 2`).run();
    });
    const run = ledger(dir, 'events:verify');
    expect(run.stdout).toContain(`BROKEN student-st-1 revision 2 position ${position}: data changed`);
    expect(run.stdout).toMatch(/: 1 broken$/m);
    expect(run.status).toBe(1);
  });

  it('names an event deleted from the middle of a stream (exit 1)', () => {
    let next = 0;
    const dir = tampered('event-missing', (db) => {
      next = positionOf(db, 'student-st-1', 2);
      db.prepare(`DELETE FROM events WHERE stream_id = 'student-st-1' AND revision = 1`).run();
    });
    const run = ledger(dir, 'events:verify');
    expect(run.stdout).toContain(`BROKEN student-st-1 revision 1 position ${next}: event missing (revision 1 is not in the log`);
    expect(run.status).toBe(1);
  });

  it("names two events whose data were swapped (exit 1)", () => {
    let position = 0;
    const dir = tampered('swapped', (db) => {
      position = positionOf(db, 'student-st-1', 1);
      const data = (revision: number) => (db.prepare(`SELECT data FROM events WHERE stream_id = 'student-st-1' AND revision = ?`).get(revision) as { data: string }).data;
      const [first, second] = [data(1), data(3)];
      const set = db.prepare(`UPDATE events SET data = ? WHERE stream_id = 'student-st-1' AND revision = ?`);
      set.run(second, 1);
      set.run(first, 3);
    });
    const run = ledger(dir, 'events:verify');
    expect(run.stdout).toContain(`BROKEN student-st-1 revision 1 position ${position}: events reordered (revision 1 holds content written at another revision; what was written here is now at revision 3`);
    expect(run.status).toBe(1);
  });

  it('names an event whose hash was removed, on a reservation stream (exit 1)', () => {
    let target = { stream_id: '', revision: 0, position: 0 };
    const dir = tampered('hash-missing', (db) => {
      target = db.prepare(`SELECT stream_id, revision, position FROM events WHERE stream_id LIKE 'reservation-%' ORDER BY position LIMIT 1`).get() as typeof target;
      db.prepare('UPDATE events SET hash = NULL WHERE position = ?').run(target.position);
    });
    const run = ledger(dir, 'events:verify');
    expect(run.stdout).toContain(`BROKEN ${target.stream_id} revision ${target.revision} position ${target.position}: hash missing`);
    expect(run.status).toBe(1);
  });

  it('answers GET /v1/audit/streams/{id}/verify on a tampered log with the first bad revision and the reason', async () => {
    const dir = tampered('over-http', (db) => {
      db.prepare(`UPDATE events SET data = json_set(data, '$.username', 'mallory') WHERE stream_id = 'student-st-1' AND revision = 2`).run();
    });
    const app = await TestApp.start({}, dir);
    try {
      const answer = await app.request('GET', '/v1/audit/streams/student-st-1/verify', { token: TOKENS.auditor });
      expect(answer.status).toBe(200);
      expect(answer.body).toMatchObject({ streamId: 'student-st-1', events: 4, ok: false, firstBadRevision: 2, reason: 'data changed' });
      expect((await app.request('GET', '/v1/audit/streams/student-nobody/verify', { token: TOKENS.auditor })).status).toBe(404);
      expect((await app.request('GET', '/v1/audit/streams/student-st-1/verify', { token: TOKENS.dashboard })).status).toBe(403);
    } finally {
      await app.stop();
    }
  }, 30_000);
  },
);
