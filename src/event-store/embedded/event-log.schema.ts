import type Database from 'better-sqlite3';

/**
 * The append-only log: one row per event, positions are the rowid; streams hold their last revision
 * and hash. `hash` chains each event to its stream's previous one (`hash-chain.ts`); `log_meta`
 * records `hash_chain_from`, the last position written before the log had hashes (0 for a log that
 * always had them): unhashed events up to there predate the chain, any later one has lost its hash.
 */
export function createEventLogSchema(db: Database.Database): void {
  db.exec(`
    CREATE TABLE IF NOT EXISTS events (
      position  INTEGER PRIMARY KEY,
      stream_id TEXT    NOT NULL,
      revision  INTEGER NOT NULL,
      event_id  TEXT    NOT NULL UNIQUE,
      type      TEXT    NOT NULL,
      data      TEXT    NOT NULL,
      metadata  TEXT    NOT NULL,
      hash      TEXT,
      UNIQUE (stream_id, revision)
    );
    CREATE TABLE IF NOT EXISTS streams (
      stream_id TEXT PRIMARY KEY,
      revision  INTEGER NOT NULL,
      hash      TEXT
    ) WITHOUT ROWID;
    CREATE TABLE IF NOT EXISTS log_meta (
      key   TEXT PRIMARY KEY,
      value TEXT NOT NULL
    ) WITHOUT ROWID;
  `);
  const columns = db.prepare('SELECT name FROM pragma_table_info(?)');
  const hasHash = (table: string) => (columns.all(table) as { name: string }[]).some((c) => c.name === 'hash');
  db.transaction(() => {
    if (!hasHash('events')) {
      // A log written before the hash chain: its events stay unhashed, the chain starts after them.
      db.exec('ALTER TABLE events ADD COLUMN hash TEXT');
      if (!hasHash('streams')) db.exec('ALTER TABLE streams ADD COLUMN hash TEXT');
      db.prepare(`INSERT OR REPLACE INTO log_meta (key, value) SELECT 'hash_chain_from', CAST(COALESCE(MAX(position), 0) AS TEXT) FROM events`).run();
    }
    // Missing otherwise (a new log, or a row removed behind our back): the strict reading, every event must be hashed.
    db.prepare(`INSERT OR IGNORE INTO log_meta (key, value) VALUES ('hash_chain_from', '0')`).run();
  })();
}

export interface EventRow {
  position: bigint;
  stream_id: string;
  revision: bigint;
  event_id: string;
  type: string;
  data: string;
  metadata: string;
  hash: string | null;
}
