import type Database from 'better-sqlite3-multiple-ciphers';

/** Bounded so that SQL naming dropped tables or one-off filters cannot accumulate forever. */
const MAX_STATEMENTS = 1000;

/** Prepared statements of one connection, keyed by their SQL text (which names the table). */
export class StatementCache {
  private readonly statements = new Map<string, Database.Statement>();

  constructor(readonly db: Database.Database) {}

  get(sql: string): Database.Statement {
    let statement = this.statements.get(sql);
    if (!statement) {
      if (this.statements.size >= MAX_STATEMENTS) this.statements.clear();
      statement = this.db.prepare(sql);
      this.statements.set(sql, statement);
    }
    return statement;
  }

  forgetTable(table: string): void {
    for (const key of this.statements.keys()) if (key.includes(`"${table}"`)) this.statements.delete(key);
  }
}
