import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import PlainDatabase from 'better-sqlite3';
import { EncryptedDatabaseKeyError, isPlaintextDatabase, openEncryptedDatabase } from './encrypted-sqlite';

const NAME = 'Quillondrea Marchbanks';
const filesOf = (file: string) => [file, `${file}-wal`, `${file}-shm`].filter(existsSync);
const holdsInClear = (file: string, value: string) => filesOf(file).filter((path) => readFileSync(path).includes(value));

describe('openEncryptedDatabase', () => {
  let dir: string;
  let file: string;
  const key = randomBytes(32);
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'encrypted-sqlite-'));
    file = join(dir, 'read-models.sqlite');
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('a new file: its pages and its WAL are ciphertext, and the same key reads them back', () => {
    const { db, encryptedInPlace } = openEncryptedDatabase(file, key);
    db.pragma('journal_mode = WAL');
    db.exec('CREATE TABLE people (name TEXT)');
    db.prepare('INSERT INTO people VALUES (?)').run(NAME);
    expect(existsSync(`${file}-wal`)).toBe(true);
    expect(holdsInClear(file, NAME)).toEqual([]);
    db.close();
    expect([encryptedInPlace, isPlaintextDatabase(file), holdsInClear(file, NAME)]).toEqual([false, false, []]);
    const again = openEncryptedDatabase(file, key).db;
    expect(again.prepare('SELECT name FROM people').pluck().all()).toEqual([NAME]);
    again.close();
  });

  it('another key: a clear error naming the file, never rows of garbage', () => {
    const { db } = openEncryptedDatabase(file, key);
    db.exec('CREATE TABLE people (name TEXT)');
    db.close();
    expect(() => openEncryptedDatabase(file, randomBytes(32))).toThrow(EncryptedDatabaseKeyError);
    expect(() => openEncryptedDatabase(file, randomBytes(32))).toThrow(`${file} does not open with the key derived from the master key`);
    expect(() => openEncryptedDatabase(file, key.subarray(0, 16))).toThrow('32 bytes');
  });

  it('a changed byte in a page is an error when read, not a wrong answer (pages are authenticated)', () => {
    const { db } = openEncryptedDatabase(file, key);
    db.exec('CREATE TABLE people (name TEXT)');
    const insert = db.prepare('INSERT INTO people VALUES (?)');
    for (let i = 0; i < 200; i++) insert.run(`${NAME} ${i}`);
    const pageSize = db.pragma('page_size', { simple: true }) as number;
    db.close();
    const bytes = readFileSync(file);
    bytes[pageSize + 100] ^= 0x01;
    writeFileSync(file, bytes);
    const reopened = openEncryptedDatabase(file, key).db;
    expect(() => reopened.prepare('SELECT count(*) FROM people').get()).toThrow();
    reopened.close();
  });

  it('a clear database from an older version, with rows still in its WAL: encrypted in place, every row kept', () => {
    const old = new PlainDatabase(file);
    old.pragma('journal_mode = WAL');
    old.pragma('wal_autocheckpoint = 0');
    old.exec('CREATE TABLE people (name TEXT); CREATE INDEX people_name ON people (name)');
    const insert = old.prepare('INSERT INTO people VALUES (?)');
    for (let i = 0; i < 500; i++) insert.run(`${NAME} ${i}`);
    // Left as a crash leaves it: the rows in the WAL, not yet in the main file.
    const copy = join(dir, 'copy');
    for (const path of filesOf(file)) writeFileSync(path.replace(file, copy), readFileSync(path));
    old.close();
    for (const path of filesOf(copy)) writeFileSync(path.replace(copy, file), readFileSync(path));
    expect(holdsInClear(file, NAME)).toContain(`${file}-wal`);
    expect(isPlaintextDatabase(file)).toBe(true);

    const { db, encryptedInPlace } = openEncryptedDatabase(file, key);
    expect(encryptedInPlace).toBe(true);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.prepare('SELECT count(*) FROM people').pluck().get()).toBe(500);
    expect(db.prepare('SELECT name FROM people WHERE name = ?').pluck().get(`${NAME} 7`)).toBe(`${NAME} 7`);
    db.close();
    expect([isPlaintextDatabase(file), holdsInClear(file, NAME)]).toEqual([false, []]);
    const again = openEncryptedDatabase(file, key);
    expect([again.encryptedInPlace, again.db.prepare('SELECT count(*) FROM people').pluck().get()]).toEqual([false, 500]);
    again.db.close();
  });
});
