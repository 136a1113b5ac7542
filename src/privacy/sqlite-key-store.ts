import Database from 'better-sqlite3';
import { chmodSync, closeSync, openSync } from 'node:fs';
import { KeyStore, StoredKey } from './key-store.port';

interface KeyRow {
  wrapped: Buffer | null;
}

/**
 * The embedded key store: its own SQLite file (`DATA_DIR/keys.sqlite`, mode 0600), apart from the
 * event log. `secure_delete` zeroes the bytes of a destroyed key instead of leaving them in free pages.
 */
export class SqliteKeyStore implements KeyStore {
  private readonly stmt;
  /** New keys that arrive together are committed in one transaction (group commit), as the event log does. */
  private queue: { subjectId: string; wrapped: Buffer; resolve(stored: StoredKey): void; reject(error: unknown): void }[] = [];
  /** Whether each key was inserted (false: the subject already had a key or a tombstone). */
  private readonly insertAll: (batch: { subjectId: string; wrapped: Buffer }[]) => boolean[];

  private constructor(private readonly db: Database.Database) {
    db.exec(`
      CREATE TABLE IF NOT EXISTS data_keys (
        subject_id   TEXT PRIMARY KEY,
        wrapped      BLOB,
        destroyed_at TEXT
      ) WITHOUT ROWID;
      CREATE TABLE IF NOT EXISTS key_store_meta (name TEXT PRIMARY KEY, value BLOB NOT NULL) WITHOUT ROWID;
    `);
    this.stmt = {
      get: db.prepare('SELECT wrapped FROM data_keys WHERE subject_id = ?'),
      insert: db.prepare('INSERT INTO data_keys (subject_id, wrapped) VALUES (?, ?) ON CONFLICT (subject_id) DO NOTHING'),
      destroy: db.prepare(
        'INSERT INTO data_keys (subject_id, wrapped, destroyed_at) VALUES (?, NULL, ?) ON CONFLICT (subject_id) DO UPDATE SET wrapped = NULL, destroyed_at = excluded.destroyed_at',
      ),
      meta: db.prepare('SELECT value FROM key_store_meta WHERE name = ?'),
      putMeta: db.prepare('INSERT INTO key_store_meta (name, value) VALUES (?, ?) ON CONFLICT (name) DO NOTHING'),
    };
    this.insertAll = db.transaction((batch: { subjectId: string; wrapped: Buffer }[]) =>
      batch.map(({ subjectId, wrapped }) => this.stmt.insert.run(subjectId, wrapped).changes === 1),
    );
  }

  static open(file: string, synchronous: 'normal' | 'full' = 'normal'): SqliteKeyStore {
    // Created 0600 before SQLite opens it; SQLite gives its -wal and -shm files the same mode.
    closeSync(openSync(file, 'a', 0o600));
    chmodSync(file, 0o600);
    const db = new Database(file);
    db.pragma('journal_mode = WAL');
    db.pragma(`synchronous = ${synchronous === 'full' ? 'FULL' : 'NORMAL'}`);
    db.pragma('busy_timeout = 5000');
    db.pragma('secure_delete = ON');
    return new SqliteKeyStore(db);
  }

  async get(subjectId: string): Promise<StoredKey | null> {
    return this.getSync(subjectId);
  }

  getSync(subjectId: string): StoredKey | null {
    const row = this.stmt.get.get(subjectId) as KeyRow | undefined;
    if (!row) return null;
    return row.wrapped ? { wrapped: row.wrapped } : { destroyed: true };
  }

  putIfAbsent(subjectId: string, wrapped: Buffer): Promise<StoredKey> {
    return new Promise((resolve, reject) => {
      if (this.queue.push({ subjectId, wrapped, resolve, reject }) === 1) setImmediate(() => this.flush());
    });
  }

  private flush(): void {
    const batch = this.queue;
    this.queue = [];
    let inserted: boolean[];
    try {
      inserted = this.insertAll(batch);
    } catch (error) {
      for (const request of batch) request.reject(error);
      return;
    }
    // Committed before any caller seals with its key: a key is never lost while data sealed with it is kept.
    batch.forEach((request, i) => request.resolve(inserted[i] ? { wrapped: request.wrapped } : this.getSync(request.subjectId)!));
  }

  async destroy(subjectId: string, at: Date): Promise<void> {
    this.stmt.destroy.run(subjectId, at.toISOString());
    // The old page images in the WAL go too, not only the live page.
    this.db.pragma('wal_checkpoint(TRUNCATE)');
  }

  async checkValue(): Promise<Buffer | null> {
    const row = this.stmt.meta.get('check-value') as { value: Buffer } | undefined;
    return row?.value ?? null;
  }

  async putCheckValueIfAbsent(value: Buffer): Promise<Buffer> {
    this.stmt.putMeta.run('check-value', value);
    return (await this.checkValue())!;
  }

  async close(): Promise<void> {
    while (this.queue.length > 0) await new Promise((r) => setImmediate(r));
    if (this.db.open) this.db.close();
  }
}
