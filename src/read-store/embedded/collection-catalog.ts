import { randomBytes } from 'node:crypto';
import type Database from 'better-sqlite3-multiple-ciphers';
import type { IndexSpec } from '../document-store.port';
import { fieldSql, quoteIdentifier } from './json-path';
import { StatementCache } from './statement-cache';

/** Collection names map to tables, so any name works and a rename is one row: tables are never renamed. */
export function createCatalogSchema(db: Database.Database): void {
  db.exec(`
    CREATE TABLE IF NOT EXISTS doc_collections (
      name  TEXT PRIMARY KEY,
      tbl   TEXT NOT NULL UNIQUE
    );
    CREATE TABLE IF NOT EXISTS doc_indexes (
      tbl   TEXT NOT NULL,
      spec  TEXT NOT NULL,
      name  TEXT NOT NULL UNIQUE,
      PRIMARY KEY (tbl, spec)
    );
  `);
}

/** The catalog as seen through one connection: the read connection only looks tables up. */
export class CollectionCatalog {
  constructor(private readonly statements: StatementCache) {}

  tableOf(name: string): string | undefined {
    return this.statements.get('SELECT tbl FROM doc_collections WHERE name = ?').pluck().get(name) as string | undefined;
  }

  names(): string[] {
    return this.statements.get('SELECT name FROM doc_collections').pluck().all() as string[];
  }

  createTable(name: string): string {
    const table = `doc_${name.replace(/[^A-Za-z0-9_]/g, '_').slice(0, 40)}_${randomBytes(4).toString('hex')}`;
    this.statements.db.exec(
      `CREATE TABLE ${quoteIdentifier(table)} (id TEXT PRIMARY KEY, doc TEXT NOT NULL, position INTEGER NOT NULL DEFAULT 0)`,
    );
    this.statements.get('INSERT INTO doc_collections (name, tbl) VALUES (?, ?)').run(name, table);
    return table;
  }

  drop(name: string): void {
    const table = this.tableOf(name);
    if (table === undefined) return;
    this.statements.db.exec(`DROP TABLE ${quoteIdentifier(table)}`);
    this.statements.get('DELETE FROM doc_collections WHERE name = ?').run(name);
    this.statements.get('DELETE FROM doc_indexes WHERE tbl = ?').run(table);
    this.statements.forgetTable(table);
  }

  /** `target` is replaced by `source`; a source never written to replaces it with nothing. */
  rename(source: string, target: string): void {
    if (source === target) return;
    this.drop(target);
    this.statements.get('UPDATE doc_collections SET name = ? WHERE name = ?').run(target, source);
  }

  /** Makes `specs` the table's indexes: creates the missing ones and drops those no longer declared. */
  reconcileIndexes(table: string, specs: IndexSpec[]): void {
    const wanted = new Set(specs.filter((spec) => spec.kind !== '2dsphere').map(specKey));
    const declared = this.statements.get('SELECT spec, name FROM doc_indexes WHERE tbl = ?').all(table) as { spec: string; name: string }[];
    for (const { spec, name } of declared) {
      if (wanted.has(spec)) continue;
      this.statements.db.exec(`DROP INDEX IF EXISTS ${quoteIdentifier(name)}`);
      this.statements.db.exec(`DROP INDEX IF EXISTS ${quoteIdentifier(`${name}_unique`)}`);
      this.statements.get('DELETE FROM doc_indexes WHERE tbl = ? AND name = ?').run(table, name);
    }
    for (const spec of specs) this.ensureIndex(table, spec);
  }

  /** Creates the indexes for `spec` unless an identical spec was declared before. */
  ensureIndex(table: string, spec: IndexSpec): void {
    if (spec.fields.length === 0) throw new TypeError('An index needs at least one field');
    // Geospatial indexes are MongoDB's; queries here filter on plain indexed coordinates instead.
    if (spec.kind === '2dsphere') return;
    const key = specKey(spec);
    if (this.statements.get('SELECT 1 FROM doc_indexes WHERE tbl = ? AND spec = ?').get(table, key)) return;
    const names = this.statements.get('SELECT name FROM doc_indexes WHERE tbl = ?').pluck().all(table) as string[];
    const taken = names.map((name) => Number(/_ix(\d+)$/.exec(name)?.[1] ?? 0));
    // Index names are global in SQLite; the table's random suffix keeps them unique.
    const name = `${table}_ix${Math.max(0, ...taken) + 1}`;
    const columns = spec.fields.map(([path, direction]) => {
      if (direction !== 1 && direction !== -1) throw new TypeError(`Index direction for "${path}" must be 1 or -1`);
      return `${fieldSql(path).value} ${direction === 1 ? 'ASC' : 'DESC'}`;
    });
    const db = this.statements.db;
    db.exec(`CREATE INDEX ${quoteIdentifier(name)} ON ${quoteIdentifier(table)} (${columns.join(', ')})`);
    if (spec.unique) db.exec(`CREATE UNIQUE INDEX ${quoteIdentifier(`${name}_unique`)} ON ${quoteIdentifier(table)} (${spec.fields.map(([path]) => uniqueKey(path)).join(', ')})`);
    this.statements.get('INSERT INTO doc_indexes (tbl, spec, name) VALUES (?, ?, ?)').run(table, key, name);
  }
}

const specKey = (spec: IndexSpec): string => JSON.stringify({ fields: spec.fields, unique: spec.unique === true });

/**
 * A unique key as MongoDB sees it: missing and null are the same key, `true` is not `1`. The plain
 * index above serves queries; this one only enforces uniqueness.
 */
function uniqueKey(path: string): string {
  const field = fieldSql(path);
  const typeClass =
    `CASE ${field.type} WHEN 'integer' THEN 'n' WHEN 'real' THEN 'n' WHEN 'text' THEN 's' WHEN 'true' THEN 'b' ` +
    `WHEN 'false' THEN 'b' WHEN 'array' THEN 'a' WHEN 'object' THEN 'o' ELSE 'z' END`;
  return `(${typeClass}), ifnull(${field.value}, '')`;
}
