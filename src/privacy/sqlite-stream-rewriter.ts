import Database from 'better-sqlite3';
import { chainHash, GENESIS_HASH } from '../event-store/hash-chain';
import { RecordedEvent } from '../shared/event';
import { RechainedHead, StreamRewriter } from './stream-rewriter';

interface ChainRow {
  revision: number;
  type: string;
  data: string;
  metadata: string;
  hash: string | null;
}

/**
 * The embedded log rewritten in place: each event keeps its id, revision and position; only its
 * data changes, in one transaction per stream. `secure_delete` zeroes the old cells and pages, and
 * the final checkpoint truncates the WAL, so the clear bytes do not stay in the files.
 * The stream's hash chain is then computed again over the stored, sealed form, from its first
 * hashed event (so `events:verify` still passes), and the stream's recorded head follows; the heads
 * before and after are returned for the migration to record. Unhashed events that predate the chain
 * stay unhashed. Run with the service stopped (as `projections:rebuild` from the command line is).
 */
export class SqliteStreamRewriter implements StreamRewriter {
  readonly keepsEventIds = true;
  private readonly db: Database.Database;
  private readonly update;
  private readonly removeStream;

  constructor(file: string) {
    this.db = new Database(file, { fileMustExist: true });
    this.db.pragma('busy_timeout = 5000');
    this.db.pragma('secure_delete = ON');
    const update = this.db.prepare('UPDATE events SET data = ? WHERE stream_id = ? AND event_id = ?');
    const chain = this.db.prepare('SELECT revision, type, data, metadata, hash FROM events WHERE stream_id = ? ORDER BY revision');
    const rehash = this.db.prepare('UPDATE events SET hash = ? WHERE stream_id = ? AND revision = ?');
    const recordedHead = this.db.prepare('SELECT hash FROM streams WHERE stream_id = ?').pluck();
    const rehead = this.db.prepare('UPDATE streams SET hash = ? WHERE stream_id = ?');
    const remove = [this.db.prepare('DELETE FROM events WHERE stream_id = ?'), this.db.prepare('DELETE FROM streams WHERE stream_id = ?')];
    this.update = this.db.transaction((streamId: string, rows: [eventId: string, data: string][]): RechainedHead | undefined => {
      for (const [eventId, data] of rows) {
        if (update.run(data, streamId, eventId).changes !== 1) throw new Error(`Event ${eventId} of ${streamId} is not in the log`);
      }
      const previousHead = recordedHead.get(streamId) as string | null | undefined;
      let head: string | null = null;
      for (const row of chain.all(streamId) as ChainRow[]) {
        if (row.hash === null) continue;
        head = chainHash(head ?? GENESIS_HASH, row.type, row.data, row.metadata);
        if (head !== row.hash) rehash.run(head, streamId, row.revision);
      }
      if (head === null || previousHead === null || previousHead === undefined) return undefined;
      rehead.run(head, streamId);
      return { previousHead, head };
    });
    this.removeStream = this.db.transaction((streamId: string) => remove.forEach((statement) => statement.run(streamId)));
  }

  async rewrite(streamId: string, events: RecordedEvent[], original: RecordedEvent[]): Promise<RechainedHead | undefined> {
    const changed = events.filter((event, i) => JSON.stringify(event.data) !== JSON.stringify(original[i].data));
    return this.update(streamId, changed.map((event) => [event.eventId, JSON.stringify(event.data)]));
  }

  async remove(streamId: string): Promise<void> {
    this.removeStream(streamId);
  }

  async finish(): Promise<void> {
    this.db.pragma('wal_checkpoint(TRUNCATE)');
    // Freed pages are zeroed already; VACUUM also rebuilds the file so no page keeps an older layout.
    this.db.exec('VACUUM');
  }

  async close(): Promise<void> {
    if (this.db.open) this.db.close();
  }
}
