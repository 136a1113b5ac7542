import Database from 'better-sqlite3';
import { LimitedStatements } from './limited-statements';

describe('LimitedStatements', () => {
  let db: Database.Database;
  beforeEach(() => {
    db = new Database(':memory:');
    db.exec('CREATE TABLE t (n INTEGER PRIMARY KEY)');
    const insert = db.prepare('INSERT INTO t (n) VALUES (?)');
    for (let n = 1; n <= 20; n++) insert.run(n);
  });
  afterEach(() => db.close());

  const numbers = (rows: unknown[]) => (rows as { n: number }[]).map((row) => row.n);

  it('answers the rows a bound LIMIT would, for literal limits and the ones beyond those it keeps', () => {
    const query = new LimitedStatements(db, 'SELECT n FROM t WHERE n > ? ORDER BY n LIMIT ?');
    const bound = db.prepare('SELECT n FROM t WHERE n > ? ORDER BY n LIMIT ?');
    // More distinct limits than are kept as literals, each asked twice, and limits no literal can take.
    for (const limit of [0, 1, 2, 3, 1, 4, 5, 6, 7, 8, 9, 10, 2, 25, -1]) {
      expect(numbers(query.all(limit, 3))).toEqual(numbers(bound.all(3, limit)));
    }
  });

  it('keeps the statements configured as asked (raw rows, safe integers)', () => {
    const query = new LimitedStatements(db, 'SELECT n FROM t ORDER BY n DESC LIMIT ?', (statement) => statement.raw(true).safeIntegers(true));
    expect(query.all(2)).toEqual([[20n], [19n]]);
    for (let limit = 10; limit < 20; limit++) query.all(limit);
    expect(query.all(21)).toHaveLength(20);
    expect((query.all(21) as bigint[][])[0]).toEqual([20n]);
  });

  it('refuses a query that does not end in LIMIT ?', () => {
    expect(() => new LimitedStatements(db, 'SELECT n FROM t LIMIT 5')).toThrow('LIMIT ?');
  });
});
