import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TEST_METADATA } from '../../test/support/event-builders';
import { AggregateLoader } from '../event-store/aggregate-loader';
import { SqliteEventStore } from '../event-store/embedded/sqlite-event-store';
import { SnapshotDocument, SNAPSHOTS } from '../event-store/snapshots';
import { SqliteDocumentStore } from '../read-store/embedded/sqlite-document-store';
import { newId } from '../shared/ids';
import { studentDecider } from '../students/student.decider';
import { studentSnapshot } from '../students/student.snapshot';
import { EncryptingEventStore } from './encrypting-event-store';
import { KeyRing } from './key-ring';
import { studentPersonalData } from './personal-data-catalog';
import { studentSnapshotSealer } from './snapshot-sealer';
import { SqliteKeyStore } from './sqlite-key-store';

describe('student snapshots sealed with the student key', () => {
  let dir: string;
  let events: EncryptingEventStore;
  let documents: SqliteDocumentStore;
  let keys: KeyRing;
  const coldLoader = () => {
    const loader = new AggregateLoader(events, { documents, every: 10, sealer: studentSnapshotSealer(keys) });
    loader.useSnapshots(studentDecider, studentSnapshot);
    return loader;
  };

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'ledger-sealed-snapshots-'));
    keys = await KeyRing.open(SqliteKeyStore.open(join(dir, 'keys.sqlite')), randomBytes(32), { origin: 'test' });
    events = new EncryptingEventStore(SqliteEventStore.open({ file: join(dir, 'events.sqlite') }), keys, studentPersonalData);
    documents = SqliteDocumentStore.open({ file: join(dir, 'read-models.sqlite') });
    const registered = { studentId: 'st-1', districtId: 'd-1', username: 'grace.h', givenName: 'Grace', familyName: 'Hopper', email: 'grace@example.org' };
    const work = Array.from({ length: 12 }, (_, i) => ({
      eventId: newId(),
      type: 'StudentWorkRecorded',
      data: { studentId: 'st-1', workId: `w-${i}`, completedAt: `2025-09-${String(i + 1).padStart(2, '0')}T10:00:00.000Z`, activity: 'quiz' },
      metadata: TEST_METADATA,
    }));
    await events.append('student-st-1', [{ eventId: newId(), type: 'StudentRegistered', data: registered, metadata: TEST_METADATA }, ...work], 'no_stream');
  });
  afterEach(async () => {
    await events.close();
    await documents.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('the stored snapshot holds no personal field in clear, and a cold load from it equals the full fold', async () => {
    const writer = coldLoader();
    const full = await writer.load(studentDecider, 'student-st-1');
    await writer.flush();
    const doc = await documents.collection<SnapshotDocument>(SNAPSHOTS).get('student-st-1');
    expect(doc?.revision).toBe('12');
    expect(JSON.stringify(doc)).not.toMatch(/Grace|Hopper|grace/);
    const fromSnapshot = await coldLoader().load(studentDecider, 'student-st-1');
    expect(JSON.stringify(fromSnapshot.state)).toBe(JSON.stringify(full.state));
  });

  it('once the key is destroyed the snapshot is not used: the stream is folded and reads [erased]', async () => {
    const writer = coldLoader();
    await writer.load(studentDecider, 'student-st-1');
    await writer.flush();
    await keys.destroy('st-1', new Date());
    const reader = coldLoader();
    const loaded = await reader.load(studentDecider, 'student-st-1');
    await reader.flush();
    expect(loaded.state).toMatchObject({ username: '[erased]', details: { givenName: '[erased]' } });
  });
});
