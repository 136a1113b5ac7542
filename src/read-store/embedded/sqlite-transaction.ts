import type { Document, DocumentCollection, DocumentTransaction } from '../document-store.port';
import { CollectionCatalog } from './collection-catalog';
import { CollectionAccess, SqliteCollection } from './sqlite-collection';
import { StatementCache } from './statement-cache';

/** A transaction's handle: its statements run on the write connection inside the open BEGIN IMMEDIATE. */
export class SqliteTransaction implements DocumentTransaction, CollectionAccess {
  private active = true;
  /** No other writer can change the catalog while this transaction holds the write lock. */
  private readonly tables = new Map<string, string | undefined>();

  constructor(
    private readonly statements: StatementCache,
    private readonly catalog: CollectionCatalog,
  ) {}

  get isActive(): boolean {
    return this.active;
  }

  finish(): void {
    this.active = false;
  }

  collection<T extends Document = Document>(name: string): DocumentCollection<T> {
    return new SqliteCollection<T>(name, this);
  }

  async renameCollection(source: string, target: string): Promise<void> {
    this.assertActive();
    this.catalog.rename(source, target);
    this.tables.clear();
  }

  read<R>(name: string, absent: R, work: (table: string, statements: StatementCache) => R): R {
    this.assertActive();
    const table = this.tableOf(name);
    return table === undefined ? absent : work(table, this.statements);
  }

  async write<R>(
    name: string,
    create: boolean,
    absent: R,
    work: (table: string, statements: StatementCache) => R,
  ): Promise<R> {
    this.assertActive();
    let table = this.tableOf(name);
    if (table === undefined && create) {
      table = this.catalog.createTable(name);
      this.tables.set(name, table);
    }
    return table === undefined ? absent : work(table, this.statements);
  }

  private tableOf(name: string): string | undefined {
    if (!this.tables.has(name)) this.tables.set(name, this.catalog.tableOf(name));
    return this.tables.get(name);
  }

  private assertActive(): void {
    if (!this.active) throw new Error('This document-store transaction has already finished');
  }
}
