import Database from 'better-sqlite3-multiple-ciphers';
import { StatementCache } from './statement-cache';

describe('StatementCache', () => {
  let db: Database.Database;
  beforeEach(() => {
    db = new Database(':memory:');
    db.exec('CREATE TABLE "doc_a" (n INTEGER PRIMARY KEY); CREATE TABLE "doc_b" (n INTEGER PRIMARY KEY)');
    for (const table of ['doc_a', 'doc_b']) {
      const insert = db.prepare(`INSERT INTO "${table}" (n) VALUES (?)`);
      for (let n = 1; n <= 10; n++) insert.run(n);
    }
  });
  afterEach(() => db.close());

  const pluck = (statement: Database.Statement) => statement.pluck();

  it('keeps one limited query per SQL text, answering as a bound LIMIT would', () => {
    const cache = new StatementCache(db);
    const sql = 'SELECT n FROM "doc_a" WHERE n > ? ORDER BY n LIMIT ?';
    const limited = cache.limited(sql, pluck);
    expect(cache.limited(sql, pluck)).toBe(limited);
    for (const limit of [0, 3, 3, 20]) expect(limited.all(limit, 4)).toEqual(db.prepare(sql).pluck().all(4, limit));
  });

  it('forgets the limited queries of a table with its other statements, and only those', () => {
    const cache = new StatementCache(db);
    const ofA = cache.limited('SELECT n FROM "doc_a" ORDER BY n LIMIT ?', pluck);
    const ofB = cache.limited('SELECT n FROM "doc_b" ORDER BY n LIMIT ?', pluck);
    cache.forgetTable('doc_a');
    expect(cache.limited('SELECT n FROM "doc_a" ORDER BY n LIMIT ?', pluck)).not.toBe(ofA);
    expect(cache.limited('SELECT n FROM "doc_b" ORDER BY n LIMIT ?', pluck)).toBe(ofB);
  });
});
