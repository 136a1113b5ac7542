import { closeSync, openSync, readSync, statSync } from 'node:fs';
import Database from 'better-sqlite3-multiple-ciphers';
import { KeyRing } from './key-ring';
import { MasterKeyError } from './master-key';

export type EncryptedDatabase = Database.Database;

export const FILE_KEY_BYTES = 32;

/** The HKDF label of the key of `DATA_DIR/read-models.sqlite`; the key itself is never written anywhere. */
export const READ_MODELS_FILE_KEY = 'read-models file key';

/** The key of a derived store's file, from the master key (HKDF): the same on every start with the same master key. */
export const fileKeyFor = (keys: KeyRing, purpose: string = READ_MODELS_FILE_KEY): Buffer => keys.derivedSecret(purpose);

/**
 * AEGIS-256 (SQLite3 Multiple Ciphers): every page of the file and of its WAL is encrypted and
 * authenticated, so a changed byte is an error, never a wrong answer. Measured here against
 * chacha20 (its default) and sqlcipher: the fastest of the three, it uses the CPU's AES instructions.
 */
const CIPHER = 'aegis';
const PLAINTEXT_HEADER = Buffer.from('SQLite format 3\u0000', 'latin1');

/** The database cannot be opened with the key derived from the master key. */
export class EncryptedDatabaseKeyError extends MasterKeyError {
  constructor(file: string) {
    super(
      `${file} does not open with the key derived from the master key: it was encrypted under another master key, or it is damaged. ` +
        'Start with the master key it was made with; if that key is lost, move the file aside and the projections rebuild it from the event log.',
    );
    this.name = 'EncryptedDatabaseKeyError';
  }
}

/** `x'…'`: a raw 256-bit key, used as it is (no passphrase key derivation on each open). */
function keyPragma(key: Buffer): string {
  if (key.length !== FILE_KEY_BYTES) throw new Error(`A database file key has ${FILE_KEY_BYTES} bytes, not ${key.length}`);
  return `"x'${key.toString('hex')}'"`;
}

/** A SQLite file written in clear (by a version before encryption): its first 16 bytes are SQLite's magic string. */
export function isPlaintextDatabase(file: string): boolean {
  let size: number;
  try {
    size = statSync(file).size;
  } catch {
    return false;
  }
  if (size < PLAINTEXT_HEADER.length) return false;
  const head = Buffer.alloc(PLAINTEXT_HEADER.length);
  const fd = openSync(file, 'r');
  try {
    readSync(fd, head, 0, head.length, 0);
  } finally {
    closeSync(fd);
  }
  return head.equals(PLAINTEXT_HEADER);
}

/**
 * Encrypts a clear database in place, keeping everything in it: its WAL is checkpointed into it
 * first, and `rekey` (outside WAL mode, which it needs) rewrites every page as ciphertext in one
 * transaction, so a stop half-way leaves the clear file to be encrypted again at the next start.
 */
function encryptInPlace(file: string, key: Buffer): void {
  const db = new Database(file);
  try {
    db.pragma('busy_timeout = 5000');
    db.prepare('SELECT count(*) FROM sqlite_schema').get();
    db.pragma('wal_checkpoint(TRUNCATE)');
    if (db.pragma('journal_mode = DELETE', { simple: true }) !== 'delete') {
      throw new Error(`${file} is in clear and must be encrypted, but another process has it open: stop it and start again`);
    }
    db.pragma('secure_delete = ON');
    db.pragma(`cipher = '${CIPHER}'`);
    db.pragma(`rekey = ${keyPragma(key)}`);
    db.pragma('journal_mode = WAL');
  } finally {
    db.close();
  }
}

/**
 * Opens (creating it if absent) a SQLite database whose file and WAL are encrypted with `key`. A
 * clear database at the path is encrypted in place first. A wrong key is an
 * {@link EncryptedDatabaseKeyError} here, never garbage or a later `SQLITE_NOTADB`.
 */
export function openEncryptedDatabase(file: string, key: Buffer): { db: EncryptedDatabase; encryptedInPlace: boolean } {
  const pragma = keyPragma(key);
  const encryptedInPlace = isPlaintextDatabase(file);
  if (encryptedInPlace) encryptInPlace(file, key);
  const db = new Database(file);
  try {
    db.pragma(`cipher = '${CIPHER}'`);
    db.pragma(`key = ${pragma}`);
    db.prepare('SELECT count(*) FROM sqlite_schema').get();
  } catch (error) {
    db.close();
    if ((error as { code?: string }).code === 'SQLITE_NOTADB') throw new EncryptedDatabaseKeyError(file);
    throw error;
  }
  // Sorts and index builds that outgrow the cache stay in memory instead of clear temporary files.
  db.pragma('temp_store = MEMORY');
  return { db, encryptedInPlace };
}
