import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore } from '../../src/event-store/embedded/sqlite-event-store';
import { newId } from '../../src/shared/ids';
import { TEST_METADATA } from '../support/event-builders';
import { CLI_JS, ledger } from '../support/ledger-cli';

describe('npm run ledger -- privacy:migrate (a log written before encryption)', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'ledger-privacy-migrate-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  beforeAll(async () => {
    if (!existsSync(CLI_JS)) throw new Error(`${CLI_JS} is missing: run npm run build first (npm test does)`);
    const log = SqliteEventStore.open({ file: join(dataDir, 'events.sqlite') });
    await log.append('student-st-1', [{ eventId: newId(), type: 'StudentRegistered', data: { studentId: 'st-1', districtId: 'd-1', username: 'tbramblewood', givenName: 'Tobias', familyName: 'Bramblewood' }, metadata: TEST_METADATA }], 'no_stream');
    await log.close();
  });

  it('re-writes the clear stream sealed, says what it did, a second run has nothing left to do, and events:verify passes after it', () => {
    const first = ledger(dataDir, 'privacy:migrate');
    expect([first.status, first.stdout]).toEqual([0, expect.stringContaining('1 streams re-written (1 events sealed)')]);
    expect(readFileSync(join(dataDir, 'events.sqlite')).toString('latin1')).not.toMatch(/Bramblewood|tbramblewood/);
    const history = ledger(dataDir, 'history', 'student-st-1');
    expect(history.stdout).toContain('"familyName":"Bramblewood"');
    expect(ledger(dataDir, 'history', 'privacy-migration').stdout).toContain('PersonalDataStreamRewritten');
    const second = ledger(dataDir, 'privacy:migrate');
    expect([second.status, second.stdout]).toEqual([0, expect.stringContaining('0 streams re-written (0 events sealed)')]);
    // The chain covers the stored (sealed) form: the migration chained the stream again, so the log verifies.
    const verified = ledger(dataDir, 'events:verify');
    expect([verified.status, verified.stdout + verified.stderr]).toEqual([0, expect.not.stringMatching(/data changed|event missing|hash missing|reordered/)]);
  }, 120_000);
});
