import type Database from 'better-sqlite3-multiple-ciphers';
import { checkedDocumentPosition } from '../document-positions';
import {
  Document,
  DocumentCollection,
  DuplicateKeyError,
  Filter,
  FindOptions,
  StoredDocument,
  WriteOptions,
} from '../document-store.port';
import { filterToSql } from './filter-to-sql';
import { quoteIdentifier } from './json-path';
import { sortToSql } from './sort-to-sql';
import { StatementCache } from './statement-cache';

/**
 * Where a collection's statements run: the read connection (committed data) or the write
 * connection, either inside a caller's transaction or in a small one of its own.
 */
export interface CollectionAccess {
  /** Runs `work` against the collection's table, or returns `absent` when it has none yet. */
  read<R>(name: string, absent: R, work: (table: string, statements: StatementCache) => R): R;
  /** As `read`, on the write connection; with `create` a missing table is created first. */
  write<R>(
    name: string,
    create: boolean,
    absent: R,
    work: (table: string, statements: StatementCache) => R,
  ): Promise<R>;
}

export class SqliteCollection<T extends Document> implements DocumentCollection<T> {
  constructor(
    private readonly name: string,
    private readonly access: CollectionAccess,
  ) {}

  async get(id: string): Promise<T | null> {
    return this.access.read(this.name, null, (table, statements) => {
      const json = statements.get(`SELECT doc FROM ${quoteIdentifier(table)} WHERE id = ?`).pluck().get(id);
      return json === undefined ? null : (JSON.parse(json as string) as T);
    });
  }

  async getStored(id: string): Promise<StoredDocument<T> | null> {
    return this.access.read(this.name, null, (table, statements) => {
      const row = statements
        .get(`SELECT doc, position FROM ${quoteIdentifier(table)} WHERE id = ?`)
        .safeIntegers(true)
        .get(id) as { doc: string; position: bigint } | undefined;
      return row ? { doc: JSON.parse(row.doc) as T, position: row.position } : null;
    });
  }

  async find(filter?: Filter, options: FindOptions = {}): Promise<T[]> {
    const { limit, offset } = paging(options);
    if (limit === 0) return [];
    const where = filterToSql(filter);
    return this.access.read(this.name, [], (table, statements) => {
      const query = `SELECT doc FROM ${quoteIdentifier(table)} WHERE ${where.text} ORDER BY ${sortToSql(options.sort)}`;
      const rows = limitedRows(statements, query, where.params, limit, offset, pluck) as string[];
      return rows.map((json) => JSON.parse(json) as T);
    });
  }

  async count(filter?: Filter): Promise<number> {
    const where = filterToSql(filter);
    return this.access.read(this.name, 0, (table, statements) => {
      const query = `SELECT count(*) FROM ${quoteIdentifier(table)} WHERE ${where.text}`;
      return statements.get(query).pluck().get(...where.params) as number;
    });
  }

  async entries(options: { afterId?: string; limit?: number } = {}): Promise<{ id: string; doc: T; position: bigint }[]> {
    const { limit } = paging({ limit: options.limit });
    if (limit === 0) return [];
    return this.access.read(this.name, [], (table, statements) => {
      const after = options.afterId === undefined ? '' : 'WHERE id > ?';
      const params = options.afterId === undefined ? [] : [options.afterId];
      const query = `SELECT id, doc, position FROM ${quoteIdentifier(table)} ${after} ORDER BY id`;
      const rows = limitedRows(statements, query, params, limit, 0, safeIntegers) as { id: string; doc: string; position: bigint }[];
      return rows.map((row) => ({ id: row.id, doc: JSON.parse(row.doc) as T, position: row.position }));
    });
  }

  async put(id: string, doc: T, options: WriteOptions = {}): Promise<boolean> {
    const json = serialise(id, doc);
    const ifOlderThan = checkedDocumentPosition(options.ifOlderThan);
    return this.access.write(this.name, true, false, (table, statements) => {
      const t = quoteIdentifier(table);
      try {
        if (ifOlderThan === undefined) {
          statements
            .get(`INSERT INTO ${t} (id, doc, position) VALUES (?, ?, 0) ON CONFLICT (id) DO UPDATE SET doc = excluded.doc, position = 0`)
            .run(id, json);
          return true;
        }
        const result = statements
          .get(
            `INSERT INTO ${t} (id, doc, position) VALUES (?, ?, ?) ON CONFLICT (id) DO UPDATE ` +
              `SET doc = excluded.doc, position = excluded.position WHERE ${t}.position < excluded.position`,
          )
          .run(id, json, ifOlderThan);
        return result.changes > 0;
      } catch (error) {
        throw asDuplicateKey(error, this.name);
      }
    });
  }

  async delete(id: string, options: WriteOptions = {}): Promise<boolean> {
    const ifOlderThan = checkedDocumentPosition(options.ifOlderThan);
    return this.access.write(this.name, false, false, (table, statements) => {
      const t = quoteIdentifier(table);
      const result =
        ifOlderThan === undefined
          ? statements.get(`DELETE FROM ${t} WHERE id = ?`).run(id)
          : statements.get(`DELETE FROM ${t} WHERE id = ? AND position < ?`).run(id, ifOlderThan);
      return result.changes > 0;
    });
  }
}

const pluck = (statement: Database.Statement): Database.Statement => statement.pluck();
const safeIntegers = (statement: Database.Statement): Database.Statement => statement.safeIntegers(true);

/**
 * Rows of `query` (no LIMIT of its own) with this limit and offset. Without an offset the limit is a
 * literal in the statement's text (StatementCache.limited), and no limit means no LIMIT clause: a
 * bound LIMIT made SQLite prepare the statement again at every run, which cost a filtered find
 * about 30 µs, twice the query itself. A page after an offset still binds both.
 */
function limitedRows(
  statements: StatementCache,
  query: string,
  params: readonly unknown[],
  limit: number | undefined,
  offset: number,
  configure: (statement: Database.Statement) => Database.Statement,
): unknown[] {
  if (offset > 0) return configure(statements.get(`${query} LIMIT ? OFFSET ?`)).all(...params, limit ?? -1, offset);
  if (limit === undefined) return configure(statements.get(query)).all(...params);
  return statements.limited(`${query} LIMIT ?`, configure).all(limit, ...params);
}

export function asDuplicateKey(error: unknown, collection: string): unknown {
  return isUniqueViolation(error) ? new DuplicateKeyError(collection, error) : error;
}

/**
 * Recognised by its code, not by `instanceof Database.SqliteError`: the native addon is loaded once
 * per process and makes its errors from the SqliteError class of whichever copy of better-sqlite3
 * opened a database first. Under Jest that is often another test file's copy (its own module
 * registry and realm), so the error is neither this copy's SqliteError nor even an `Error` here.
 */
function isUniqueViolation(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === 'SQLITE_CONSTRAINT_UNIQUE';
}

/** Checked here as on MongoDB, where `_id` and `_position` are the adapter's own fields. */
function serialise(id: string, doc: Document): string {
  if (typeof id !== 'string') throw new TypeError('A document id must be a string');
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) throw new TypeError('A document must be an object');
  if (Object.hasOwn(doc, '_id') || Object.hasOwn(doc, '_position')) {
    throw new TypeError('Document fields "_id" and "_position" are reserved by the store');
  }
  return JSON.stringify(doc);
}

function paging(options: FindOptions): { limit: number | undefined; offset: number } {
  const { limit, offset = 0 } = options;
  for (const [name, value] of [['limit', limit ?? 0], ['offset', offset]] as const) {
    if (!Number.isSafeInteger(value) || value < 0) throw new RangeError(`${name} must be a non-negative integer`);
  }
  return { limit, offset };
}
