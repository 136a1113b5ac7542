import type Database from 'better-sqlite3';

/** The append-only log: one row per event, positions are the rowid; streams hold their last revision. */
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
      UNIQUE (stream_id, revision)
    );
    CREATE TABLE IF NOT EXISTS streams (
      stream_id TEXT PRIMARY KEY,
      revision  INTEGER NOT NULL
    ) WITHOUT ROWID;
  `);
}

export interface EventRow {
  position: bigint;
  stream_id: string;
  revision: bigint;
  event_id: string;
  type: string;
  data: string;
  metadata: string;
}
