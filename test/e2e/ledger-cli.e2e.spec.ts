import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { auditEvent } from '../../src/audit/audit-event';
import { createEventStore } from '../../src/event-store/event-store.factory';
import { upcast } from '../../src/event-store/upcasting';
import '../../src/placements/placement.upcasters';
import { expectOk, realStoreEnv, TestApp } from '../support/test-app';
import { CLI_JS, ledger } from '../support/ledger-cli';

describe('npm run ledger (the command line)', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'ledger-cli-'));
  beforeAll(async () => {
    if (!existsSync(CLI_JS)) throw new Error(`${CLI_JS} is missing: run npm run build first (npm test does)`);
    const app = await TestApp.start({}, dataDir);
    expectOk(await app.command('RegisterOrganisation', { organisationId: 'd-1', type: 'district', name: 'D' }));
    expectOk(await app.command('RegisterStudent', { studentId: 'st-1', districtId: 'd-1', username: 'jo', givenName: 'Jo', familyName: 'S' }));
    const last = expectOk(await app.command('ChangeStudentUsername', { studentId: 'st-1', username: 'jo2' }));
    await app.get('/v1/students/st-1', { minPosition: last.body.position });
    await app.get('/v1/districts/d-1/students', { minPosition: last.body.position });
    await app.get('/v1/organisations/d-1', { minPosition: last.body.position });
    await app.stop();
  }, 60_000);
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('projections:verify finds every read model identical to a rebuild (exit 0) (audit rule 4)', () => {
    const run = ledger(dataDir, 'projections:verify');
    expect(run.stderr).not.toMatch(/Error/);
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/rosters: identical/);
  });

  it('projections:rebuild rebuilds one projection and says from how many events (audit rule 4)', () => {
    const run = ledger(dataDir, 'projections:rebuild', 'rosters');
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/^rosters: rebuilt from \d+ events to position \d+/m);
  });

  it('history prints a stream with who and which command', () => {
    const run = ledger(dataDir, 'history', 'student-st-1');
    expect(run.status).toBe(0);
    expect(run.stdout.trim().split('\n')).toHaveLength(2);
    expect(run.stdout).toMatch(/StudentUsernameChanged\tby admin\tvia ChangeStudentUsername/);
  });

  describe('events:export, checked against the log (audit rule 5)', () => {
    /** The log as the store holds it, each event as the export must write it: every field, current shape, hash. */
    let log: Record<string, unknown>[];
    beforeAll(async () => {
      // The store the command line reads, as the environment names it (the embedded log, or this run's streams on EventStoreDB).
      const store = createEventStore({
        dataDir,
        eventstoreConnectionString: process.env.EVENTSTORE_CONNECTION_STRING || undefined,
        eventstoreStreamPrefix: realStoreEnv(dataDir).EVENTSTORE_STREAM_PREFIX,
      });
      log = [];
      try {
        for await (const event of store.readAll()) log.push(JSON.parse(JSON.stringify(auditEvent(upcast(event)))));
      } finally {
        await store.close();
      }
    });
    const exported = (...args: string[]) => {
      const run = ledger(dataDir, 'events:export', ...args);
      expect(run.status).toBe(0);
      return run.stdout.trim() === '' ? [] : run.stdout.trim().split('\n').map((line) => JSON.parse(line));
    };

    it('writes every event of the log once, in global order, with all its fields', () => {
      expect(log.length).toBeGreaterThanOrEqual(6);
      expect(Object.keys(log[0]).sort()).toEqual(['data', 'eventId', 'hash', 'metadata', 'position', 'revision', 'streamId', 'type']);
      expect(Object.keys(log[0].metadata as object).sort()).toEqual(['actor', 'causationId', 'command', 'correlationId', 'occurredAt', 'schemaVersion']);
      expect(exported()).toEqual(log);
    });

    it('--from is exclusive and --to inclusive: a window of the log, nothing more or less', () => {
      const from = log[1].position as string;
      const to = log[log.length - 2].position as string;
      expect(exported('--from', from, '--to', to)).toEqual(log.slice(2, log.length - 1));
      expect(exported('--to', log[0].position as string)).toEqual(log.slice(0, 1));
      expect(exported('--from', log[log.length - 1].position as string)).toEqual([]);
    });
  });

  it('bad usage exits 2; a missing stream is a failed check (exit 1)', () => {
    expect(ledger(dataDir, 'projections:rebuild', 'no-such-projection').status).toBe(2);
    expect(ledger(dataDir, 'no-such-command').status).toBe(2);
    expect(ledger(dataDir, 'events:export', '--from', 'abc').status).toBe(2);
    expect(ledger(dataDir, 'history', 'student-nobody').status).toBe(1);
  });
});
