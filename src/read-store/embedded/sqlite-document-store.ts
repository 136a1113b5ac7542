import { AsyncLocalStorage } from 'node:async_hooks';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import type {
  Document,
  DocumentCollection,
  DocumentStore,
  DocumentTransaction,
  Filter,
  FindOptions,
  IndexSpec,
} from '../document-store.port';
import { openEncryptedDatabase } from '../../privacy/encrypted-sqlite';
import { CollectionCatalog, createCatalogSchema } from './collection-catalog';
import { filterToSql } from './filter-to-sql';
import { quoteIdentifier } from './json-path';
import { asDuplicateKey, CollectionAccess, SqliteCollection } from './sqlite-collection';
import { SqliteTransaction } from './sqlite-transaction';
import { sortToSql } from './sort-to-sql';
import { StatementCache } from './statement-cache';
import { WriteLock } from './write-lock';

export interface SqliteDocumentStoreOptions {
  /** A file path, or ':memory:' for a throwaway file in the temp folder (two connections need a real file). */
  file: string;
  /** `normal` survives a process crash; `full` also survives power loss (an fsync per commit). */
  synchronous?: 'normal' | 'full';
  /**
   * The file's key (32 bytes): the file and its WAL are then encrypted page by page (src/privacy/
   * encrypted-sqlite.ts), and a clear file from an older version is encrypted in place. The service
   * always gives one; without it (unit tests, benches of SQL alone) the file is in clear.
   */
  key?: Buffer;
}

/**
 * The embedded read-model store: one SQLite file (WAL), one table per collection. Every write goes
 * through one write connection, one transaction at a time; reads outside a transaction use a second
 * connection and so see committed data only.
 */
export class SqliteDocumentStore implements DocumentStore {
  readonly kind = 'embedded' as const;
  private readonly lock = new WriteLock();
  private readonly current = new AsyncLocalStorage<SqliteTransaction>();
  private readonly writes: StatementCache;
  private readonly reads: StatementCache;
  private readonly writeCatalog: CollectionCatalog;
  private readonly readCatalog: CollectionCatalog;
  private closed = false;
  /** Reads and single writes made outside any transaction. */
  private readonly outside: CollectionAccess = {
    read: (name, absent, work) =>
      this.snapshot(() => {
        const table = this.readCatalog.tableOf(name);
        return table === undefined ? absent : work(table, this.reads);
      }),
    write: (name, create, absent, work) =>
      this.writeAlone(() => {
        const table = this.writeCatalog.tableOf(name) ?? (create ? this.writeCatalog.createTable(name) : undefined);
        return table === undefined ? absent : work(table, this.writes);
      }),
  };

  private constructor(
    private readonly writeDb: Database.Database,
    private readonly readDb: Database.Database,
    private readonly tempDir: string | undefined,
  ) {
    this.writes = new StatementCache(writeDb);
    this.reads = new StatementCache(readDb);
    this.writeCatalog = new CollectionCatalog(this.writes);
    this.readCatalog = new CollectionCatalog(this.reads);
  }

  static open(options: SqliteDocumentStoreOptions): SqliteDocumentStore {
    const tempDir = options.file === ':memory:' ? mkdtempSync(join(tmpdir(), 'read-models-')) : undefined;
    const file = tempDir ? join(tempDir, 'read-models.sqlite') : options.file;
    const connect = () => (options.key ? openEncryptedDatabase(file, options.key).db : new Database(file));
    const writeDb = connect();
    writeDb.pragma('journal_mode = WAL');
    writeDb.pragma(`synchronous = ${options.synchronous === 'full' ? 'FULL' : 'NORMAL'}`);
    writeDb.pragma('busy_timeout = 5000');
    // Freed pages and deleted cells are zeroed: an erased student's old read-model rows leave no bytes behind.
    writeDb.pragma('secure_delete = ON');
    // A rebuild rewrites pages all over the file; a larger page cache makes it ~25% faster.
    writeDb.pragma('cache_size = -65536');
    createCatalogSchema(writeDb);
    const readDb = connect();
    readDb.pragma('busy_timeout = 5000');
    readDb.pragma('query_only = ON');
    readDb.pragma('cache_size = -32768');
    return new SqliteDocumentStore(writeDb, readDb, tempDir);
  }

  collection<T extends Document = Document>(name: string): DocumentCollection<T> {
    return new SqliteCollection<T>(name, this.outside);
  }

  async transaction<R>(work: (tx: DocumentTransaction) => Promise<R>): Promise<R> {
    this.assertNotNested();
    await this.lock.acquire();
    try {
      this.assertOpen();
      const tx = new SqliteTransaction(this.writes, this.writeCatalog);
      this.writes.get('BEGIN IMMEDIATE').run();
      try {
        const result = await this.current.run(tx, () => work(tx));
        tx.finish();
        this.writes.get('COMMIT').run();
        return result;
      } catch (error) {
        tx.finish();
        if (this.writeDb.inTransaction) this.writes.get('ROLLBACK').run();
        throw error;
      }
    } finally {
      this.lock.release();
    }
  }

  ensureIndexes(collection: string, indexes: IndexSpec[]): Promise<void> {
    return this.writeAlone(() => {
      const table = this.writeCatalog.tableOf(collection) ?? this.writeCatalog.createTable(collection);
      try {
        this.writeCatalog.reconcileIndexes(table, indexes);
      } catch (error) {
        throw asDuplicateKey(error, collection);
      }
    });
  }

  renameCollection(source: string, target: string): Promise<void> {
    return this.writeAlone(() => this.writeCatalog.rename(source, target));
  }

  dropCollection(name: string): Promise<void> {
    return this.writeAlone(() => this.writeCatalog.drop(name));
  }

  async listCollections(): Promise<string[]> {
    return this.snapshot(() => this.readCatalog.names()).sort();
  }

  async ping(): Promise<void> {
    this.assertOpen();
    this.reads.get('SELECT 1').get();
  }

  /**
   * Without statistics SQLite takes any equality index to be selective, and may walk all 50,000
   * documents of one academic year instead of the few inside a distance box: ANALYZE as needed.
   */
  optimize(): Promise<void> {
    return this.writeAlone(() => {
      this.writeDb.pragma('analysis_limit = 1000');
      this.writeDb.pragma('optimize = 0x10002');
    });
  }

  /** SQLite's query plan for a find, for tests and diagnostics (e.g. that a declared index is used). */
  explainFind(collection: string, filter?: Filter, options: FindOptions = {}): string[] {
    return this.snapshot(() => {
      const table = this.readCatalog.tableOf(collection);
      if (table === undefined) return [];
      const where = filterToSql(filter);
      const query = `EXPLAIN QUERY PLAN SELECT doc FROM ${quoteIdentifier(table)} WHERE ${where.text} ORDER BY ${sortToSql(options.sort)}`;
      return (this.readDb.prepare(query).all(...where.params) as { detail: string }[]).map((row) => row.detail);
    });
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.assertNotNested();
    await this.lock.acquire();
    try {
      if (this.closed) return;
      this.closed = true;
      this.readDb.close();
      this.writeDb.close();
      if (this.tempDir) rmSync(this.tempDir, { recursive: true, force: true });
    } finally {
      this.lock.release();
    }
  }

  /** Runs synchronous `work` in its own small transaction, queued behind any transaction in progress. */
  private async writeAlone<R>(work: () => R): Promise<R> {
    this.assertNotNested();
    if (!this.lock.tryAcquire()) await this.lock.acquire();
    try {
      this.assertOpen();
      this.writes.get('BEGIN IMMEDIATE').run();
      try {
        const result = work();
        this.writes.get('COMMIT').run();
        return result;
      } catch (error) {
        if (this.writeDb.inTransaction) this.writes.get('ROLLBACK').run();
        throw error;
      }
    } finally {
      this.lock.release();
    }
  }

  /** One read transaction, so the catalog lookup and the query see the same state of the file. */
  private snapshot<R>(work: () => R): R {
    this.assertOpen();
    this.reads.get('BEGIN').run();
    try {
      return work();
    } finally {
      this.reads.get('COMMIT').run();
    }
  }

  /** Waiting for the write lock from inside a transaction would wait for ourselves forever. */
  private assertNotNested(): void {
    this.assertOpen();
    if (this.current.getStore()?.isActive) {
      throw new Error('Inside a document-store transaction, write through the transaction handle');
    }
  }

  private assertOpen(): void {
    if (this.closed) throw new Error('The document store is closed');
  }
}
