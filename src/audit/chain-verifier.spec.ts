import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { SqliteEventStore } from '../event-store/embedded/sqlite-event-store';
import { chainHash } from '../event-store/hash-chain';
import { NewEvent } from '../shared/event';
import { ChainVerifier } from './chain-verifier';
import { TEST_METADATA as metadata } from '../../test/support/event-builders';

const events = (count: number): NewEvent[] => Array.from({ length: count }, (_, n) => ({ eventId: randomUUID(), type: 'SomethingRecorded', data: { n }, metadata }));

describe('ChainVerifier over the embedded log (audit rule 6)', () => {
  let dir: string;
  let file: string;
  let store: SqliteEventStore;
  const reopen = async () => {
    await store.close();
    store = SqliteEventStore.open({ file });
  };
  /** Edits the file with the store closed, as someone with access to the disk would. */
  const edit = async (sql: (db: Database.Database) => void) => {
    await store.close();
    const db = new Database(file);
    sql(db);
    db.close();
    store = SqliteEventStore.open({ file });
  };
  const verifyLog = () => new ChainVerifier(store).verifyLog();

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'ledger-chain-'));
    file = join(dir, 'events.sqlite');
    store = SqliteEventStore.open({ file });
  });
  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('finds every chain intact on an untouched log and reports progress up to the head', async () => {
    await store.append('a-1', events(3), 'no_stream');
    await store.append('b-1', events(2), 'no_stream');
    await store.append('a-1', events(2), 2n);
    const progress: bigint[] = [];

    const report = await new ChainVerifier(store).verifyLog((done) => progress.push(done));

    expect(report).toEqual({ events: 7, streams: 2, unhashedBeforeChain: 0, breaks: [], brokenStreams: 0 });
    expect(progress[progress.length - 1]).toBe(7n);
  });

  describe('a log written before the hash chain existed', () => {
    beforeEach(async () => {
      await store.append('a-1', events(3), 'no_stream');
      await store.append('b-1', events(2), 'no_stream');
      // The schema as it was: no hash columns, no log_meta.
      await edit((db) => db.exec('ALTER TABLE events DROP COLUMN hash; ALTER TABLE streams DROP COLUMN hash; DROP TABLE log_meta;'));
      await reopen();
      await store.append('a-1', events(2), 2n);
      await store.append('c-1', events(1), 'no_stream');
    });

    it('accepts the unhashed events up to the position where the chain began, and chains the later ones from the genesis hash', async () => {
      const report = await verifyLog();
      expect(report).toMatchObject({ events: 8, unhashedBeforeChain: 5, breaks: [] });
      expect((await new ChainVerifier(store).verifyStream('a-1'))).toMatchObject({ events: 5, unhashedBeforeChain: 3, firstBreak: null });
    });

    it('still reports a missing hash after that position, and a missing revision among the old events', async () => {
      await edit((db) => {
        db.prepare("UPDATE events SET hash = NULL WHERE stream_id = 'c-1'").run();
        db.prepare("DELETE FROM events WHERE stream_id = 'b-1' AND revision = 0").run();
      });
      const { breaks } = await verifyLog();
      expect(breaks).toEqual([
        expect.objectContaining({ streamId: 'b-1', revision: 0n, reason: 'event missing' }),
        expect.objectContaining({ streamId: 'c-1', revision: 0n, reason: 'hash missing' }),
      ]);
    });
  });

  it('names events moved to other places in the global order as reordered', async () => {
    await store.append('a-1', events(4), 'no_stream');
    await edit((db) => {
      db.prepare("UPDATE events SET revision = -1 WHERE stream_id = 'a-1' AND revision = 1").run();
      db.prepare("UPDATE events SET revision = 1 WHERE stream_id = 'a-1' AND revision = 2").run();
      db.prepare("UPDATE events SET revision = 2 WHERE stream_id = 'a-1' AND revision = -1").run();
    });
    const { breaks } = await verifyLog();
    expect(breaks).toEqual([expect.objectContaining({ streamId: 'a-1', revision: 2n, position: 2n, reason: 'events reordered' })]);
  });

  it('names events cut from the end of a stream, by the revision recorded at its last append', async () => {
    await store.append('a-1', events(4), 'no_stream');
    await edit((db) => db.prepare("DELETE FROM events WHERE stream_id = 'a-1' AND revision >= 2").run());
    const { breaks } = await verifyLog();
    expect(breaks).toEqual([expect.objectContaining({ streamId: 'a-1', revision: 2n, position: null, reason: 'event missing' })]);
  });

  it('names a last event rewritten together with its hash, by the hash recorded at its append', async () => {
    await store.append('a-1', events(2), 'no_stream');
    await edit((db) => {
      const [first, last] = db.prepare("SELECT type, metadata, hash FROM events WHERE stream_id = 'a-1' ORDER BY revision").all() as { type: string; metadata: string; hash: string }[];
      const forged = chainHash(first.hash, last.type, '{"n":99}', last.metadata);
      db.prepare("UPDATE events SET data = '{\"n\":99}', hash = ? WHERE stream_id = 'a-1' AND revision = 1").run(forged);
    });
    expect((await verifyLog()).breaks).toEqual([expect.objectContaining({ streamId: 'a-1', revision: 1n, reason: 'data changed', detail: expect.stringContaining('both rewritten') })]);
  });
});
