import type Database from 'better-sqlite3';

/** Literal limits kept per query; any other limit is bound as a parameter. */
const LITERAL_LIMITS_KEPT = 8;

/** What the helper needs of a connection and its statements (better-sqlite3 or its ciphers build). */
interface Statement {
  all(...parameters: unknown[]): unknown[];
}
interface Connection<S extends Statement> {
  prepare(sql: string): S;
}

/**
 * A query ending in `LIMIT ?`, prepared with the limit written into its text. SQLite (3.4x and later)
 * reads a bound LIMIT while planning and so marks the statement expired whenever that parameter is
 * bound again: every run of a `LIMIT ?` statement was prepared anew, about 7 µs, more than the read
 * itself. The few limits a caller uses (a full page, one event) get a statement each, made on first
 * use; the others, and any limit that is not a safe non-negative integer, use `LIMIT ?`.
 */
export class LimitedStatements<S extends Statement = Database.Statement> {
  private readonly literal = new Map<number, S>();
  private bound: S | undefined;

  constructor(
    private readonly db: Connection<S>,
    /** The query with `LIMIT ?` as its last parameter. */
    private readonly sql: string,
    private readonly configure: (statement: S) => S = (statement) => statement,
  ) {
    if (!/LIMIT \?\s*$/.test(sql)) throw new Error(`Not a query ending in LIMIT ?: ${sql}`);
  }

  /** Rows of the query for these parameters (without the limit) and this limit. */
  all(limit: number, ...parameters: unknown[]): unknown[] {
    const statement = this.literal.get(limit) ?? this.literalFor(limit);
    return statement ? statement.all(...parameters) : this.boundStatement().all(...parameters, limit);
  }

  private literalFor(limit: number): S | undefined {
    if (!Number.isSafeInteger(limit) || limit < 0 || this.literal.size >= LITERAL_LIMITS_KEPT) return undefined;
    const statement = this.configure(this.db.prepare(this.sql.replace(/LIMIT \?\s*$/, `LIMIT ${limit}`)));
    this.literal.set(limit, statement);
    return statement;
  }

  private boundStatement(): S {
    this.bound ??= this.configure(this.db.prepare(this.sql));
    return this.bound;
  }
}
