import type Database from 'better-sqlite3-multiple-ciphers';
import { LimitedStatements } from '../../shared/sqlite/limited-statements';

/** Bounded so that SQL naming dropped tables or one-off filters cannot accumulate forever. */
const MAX_STATEMENTS = 1000;

/** Prepared statements of one connection, keyed by their SQL text (which names the table). */
export class StatementCache {
  private readonly statements = new Map<string, Database.Statement>();
  private readonly limitedStatements = new Map<string, LimitedStatements<Database.Statement>>();

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

  /**
   * A query ending in `LIMIT ?`, its limit written into the text (LimitedStatements says why: a bound
   * limit makes SQLite prepare the statement again at every run). `configure` (pluck, safe integers)
   * is applied to each statement made, so one SQL text is always asked for with the same one.
   */
  limited(sql: string, configure: (statement: Database.Statement) => Database.Statement): LimitedStatements<Database.Statement> {
    let limited = this.limitedStatements.get(sql);
    if (!limited) {
      if (this.limitedStatements.size >= MAX_STATEMENTS) this.limitedStatements.clear();
      limited = new LimitedStatements(this.db, sql, configure);
      this.limitedStatements.set(sql, limited);
    }
    return limited;
  }

  forgetTable(table: string): void {
    for (const key of this.statements.keys()) if (key.includes(`"${table}"`)) this.statements.delete(key);
    for (const key of this.limitedStatements.keys()) if (key.includes(`"${table}"`)) this.limitedStatements.delete(key);
  }
}
