import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createEventStore } from '../../src/event-store/event-store.factory';
import { EventMetadata } from '../../src/shared/event';
import { expectOk, realStoreEnv, TestApp, TOKENS, writeTokensFile } from '../support/test-app';

const CLI_JS = join(__dirname, '..', '..', 'dist', 'src', 'cli.js');
const today = new Date();
const startYear = today.getUTCMonth() >= 8 ? today.getUTCFullYear() : today.getUTCFullYear() - 1;
const YEAR = { academicYearId: `ay-${startYear}`, name: `${startYear}/${startYear + 1}`, startsOn: `${startYear}-09-01`, endsOn: `${startYear + 1}-08-31` };

/**
 * PlacementDeleted schema 1 (`reason: string | null`, the clean-up process writing
 * 'hosting_interest_changed' there) as logs hold it today, read back in schema 2 (`cause`, and the
 * caller's `reason` apart) by deciders, audit answers and the export.
 */
describe('Upcasting: PlacementDeleted events of schema 1 in the log', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'ledger-upcast-'));
  let app: TestApp;
  const v1 = (placementId: string, reason: string | null, actor: EventMetadata['actor']) => ({
    eventId: randomUUID(),
    type: 'PlacementDeleted',
    data: { placementId, schoolId: 's-1', academicYearId: YEAR.academicYearId, reason },
    metadata: { occurredAt: new Date().toISOString(), actor, correlationId: 'old-1', causationId: 'old-1', command: 'DeletePlacement', schemaVersion: 1 },
  });

  beforeAll(async () => {
    app = await TestApp.start({}, dataDir);
    const ok = async (name: string, body: unknown) => expectOk(await app.command(name, body));
    await ok('RegisterOrganisation', { organisationId: 's-1', type: 'school', name: 'School One' });
    await ok('OnboardOrganisation', { organisationId: 's-1', service: 'placements' });
    await ok('AddOrganisationContact', { organisationId: 's-1', contactId: 's-1-lead', givenName: 'Pat', familyName: 'Lead', email: 'lead@s-1.example' });
    await ok('DefineAcademicYear', YEAR);
    await ok('DefineSubject', { subjectId: 'maths', name: 'Mathematics', code: 'G1', phase: 'secondary' });
    await ok('RecordHostingInterest', { schoolId: 's-1', academicYearId: YEAR.academicYearId, appetite: 'actively_looking' });
    for (const placementId of ['pl-system', 'pl-typed', 'pl-plain']) await ok('CreatePlacement', { placementId, schoolId: 's-1', academicYearId: YEAR.academicYearId, subjectId: 'maths' });
    await app.stop();

    // Deletions as the previous version wrote them.
    const store = createEventStore({
      dataDir,
      eventstoreConnectionString: process.env.EVENTSTORE_CONNECTION_STRING || undefined,
      eventstoreStreamPrefix: realStoreEnv(dataDir).EVENTSTORE_STREAM_PREFIX,
    });
    await store.append('placement-pl-system', [v1('pl-system', 'hosting_interest_changed', { type: 'system', id: 'placement-cleanup' })], 0n);
    await store.append('placement-pl-typed', [v1('pl-typed', 'hosting_interest_changed', { type: 'token', id: 'sis-sync' })], 0n);
    await store.append('placement-pl-plain', [v1('pl-plain', null, { type: 'token', id: 'sis-sync' })], 0n);
    await store.close();
    app = await TestApp.start({}, dataDir);
  }, 60_000);
  afterAll(async () => {
    await app?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('audit answers show them in the new shape: the system deletion as its cause, a caller\'s text only ever as a reason', async () => {
    const last = async (placementId: string) => (await app.request('GET', `/v1/audit/streams/placement-${placementId}`, { token: TOKENS.auditor })).body.items.at(-1);
    const key = { schoolId: 's-1', academicYearId: YEAR.academicYearId };
    expect(await last('pl-system')).toMatchObject({ type: 'PlacementDeleted', data: { placementId: 'pl-system', ...key, cause: 'hosting_interest_changed' }, metadata: { schemaVersion: 2 } });
    expect((await last('pl-system')).data).not.toHaveProperty('reason');
    expect((await last('pl-typed')).data).toEqual({ placementId: 'pl-typed', ...key, cause: 'requested', reason: 'hosting_interest_changed' });
    expect((await last('pl-plain')).data).toEqual({ placementId: 'pl-plain', ...key, cause: 'requested' });

    const state = await app.request('GET', '/v1/audit/aggregates/placement/pl-system', { token: TOKENS.auditor });
    expect(state.body.state).toMatchObject({ status: 'deleted', deletion: { cause: 'hosting_interest_changed' } });
  });

  it('the decider decides with the new shape (the refusal names the cause), and new deletions are written in it', async () => {
    const again = await app.command('CreatePlacement', { placementId: 'pl-system', schoolId: 's-1', academicYearId: YEAR.academicYearId, subjectId: 'maths' });
    expect([again.status, again.body.error]).toEqual([409, 'AlreadyExists']);
    expect(again.body.message).toContain("deleted when its school's hosting interest changed");
    const typed = await app.command('CreatePlacement', { placementId: 'pl-typed', schoolId: 's-1', academicYearId: YEAR.academicYearId, subjectId: 'maths' });
    expect(typed.body.message).toContain('deleted: hosting_interest_changed');

    expectOk(await app.command('CreatePlacement', { placementId: 'pl-new', schoolId: 's-1', academicYearId: YEAR.academicYearId, subjectId: 'maths' }));
    expectOk(await app.command('DeletePlacement', { placementId: 'pl-new', reason: 'Entered twice' }));
    const stored = (await app.request('GET', '/v1/audit/streams/placement-pl-new', { token: TOKENS.auditor })).body.items.at(-1);
    expect(stored).toMatchObject({ data: { cause: 'requested', reason: 'Entered twice' }, metadata: { schemaVersion: 2 } });
  });

  it('the placements projection, rebuilt from zero over the old events, has none of the deleted placements', async () => {
    const rebuilt = await app.request('POST', '/v1/projections/placements/rebuild');
    expect(rebuilt.status).toBeLessThan(300);
    const deadline = Date.now() + 20_000;
    let answer = await app.get('/v1/placements/pl-system');
    while (answer.status !== 404 && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 100));
      answer = await app.get('/v1/placements/pl-system');
    }
    expect(answer.status).toBe(404);
  });

  it('events:export writes them in the new shape (service stopped)', async () => {
    await app.stop();
    app = undefined as unknown as TestApp;
    const run = spawnSync(process.execPath, [CLI_JS, 'events:export'], {
      env: { ...process.env, ...realStoreEnv(dataDir), DATA_DIR: dataDir, AUTH_TOKENS_FILE: writeTokensFile(dataDir), LOG_LEVEL: 'error' },
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(run.status).toBe(0);
    const deletions = run.stdout.trim().split('\n').map((line) => JSON.parse(line)).filter((e) => e.type === 'PlacementDeleted');
    expect(deletions.map((e) => [e.streamId, e.data.cause, e.data.reason ?? null, e.metadata.schemaVersion])).toEqual([
      ['placement-pl-system', 'hosting_interest_changed', null, 2],
      ['placement-pl-typed', 'requested', 'hosting_interest_changed', 2],
      ['placement-pl-plain', 'requested', null, 2],
      ['placement-pl-new', 'requested', 'Entered twice', 2],
    ]);
  }, 60_000);
});
