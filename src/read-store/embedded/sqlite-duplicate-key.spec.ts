import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { DuplicateKeyError } from '../document-store.port';
import { SqliteDocumentStore } from './sqlite-document-store';

/**
 * better-sqlite3's native addon is loaded once per process and builds every SqliteError from the
 * SqliteError class of whichever copy of the library opened a database first. A Jest worker runs
 * test file after test file in one process, each with its own copy of the library (its own module
 * registry): in every file but the first, the errors it receives are not instances of its copy's
 * `Database.SqliteError`, nor even of its realm's `Error`. This is that situation, made on purpose.
 */
describe('embedded store when another copy of its SQLite library (better-sqlite3-multiple-ciphers) opened a database first', () => {
  let dir: string;
  let store: SqliteDocumentStore;

  beforeAll(() => {
    jest.isolateModules(() => {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const OtherCopy = require('better-sqlite3-multiple-ciphers') as typeof Database;
      new OtherCopy(':memory:').close();
    });
    dir = mkdtempSync(join(tmpdir(), 'sqlite-duplicate-key-'));
    store = SqliteDocumentStore.open({ file: join(dir, 'read-models.sqlite') });
  });

  afterAll(async () => {
    await store?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('(the premise) hands this copy errors that are not its own SqliteError', () => {
    const db = new Database(':memory:');
    let thrown: unknown;
    try {
      db.exec('SELECT * FROM missing');
    } catch (error) {
      thrown = error;
    } finally {
      db.close();
    }
    expect(thrown).toBeDefined();
    expect(thrown).not.toBeInstanceOf(Database.SqliteError);
    expect((thrown as { code?: unknown }).code).toBe('SQLITE_ERROR');
  });

  it('still rejects a duplicate under a unique index with DuplicateKeyError', async () => {
    await store.ensureIndexes('users', [{ fields: [['email', 1]], unique: true }]);
    const users = store.collection('users');
    await users.put('u1', { email: 'a@example.org' });
    await expect(users.put('u2', { email: 'a@example.org' })).rejects.toThrow(DuplicateKeyError);
    await expect(
      store.transaction((tx) => tx.collection('users').put('u3', { email: 'a@example.org' })),
    ).rejects.toThrow(DuplicateKeyError);
    expect(await users.get('u2')).toBeNull();
    expect(await users.get('u3')).toBeNull();
  });

  it('still rejects a unique index over existing duplicates with DuplicateKeyError', async () => {
    const codes = store.collection('codes');
    await codes.put('a', { code: 'x' });
    await codes.put('b', { code: 'x' });
    await expect(store.ensureIndexes('codes', [{ fields: [['code', 1]], unique: true }])).rejects.toThrow(DuplicateKeyError);
  });
});
