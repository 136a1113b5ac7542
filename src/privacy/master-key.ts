import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigError } from '../config/config';

/** The service cannot start: the master key is missing, malformed, or not the one the key store was made with. */
export class MasterKeyError extends ConfigError {
  constructor(message: string) {
    super(message);
    this.name = 'MasterKeyError';
  }
}

export const DEV_MASTER_KEY_FILE = 'dev-master-key';
export const MASTER_KEY_BYTES = 32;

export interface MasterKeySource {
  key: Buffer;
  /** Where it came from, for messages (never the key itself). */
  origin: string;
  createdDevKey: boolean;
}

function parse(text: string, origin: string): Buffer {
  const trimmed = text.trim();
  const key = /^[A-Za-z0-9+/]+={0,2}$/.test(trimmed) ? Buffer.from(trimmed, 'base64') : Buffer.alloc(0);
  if (key.length !== MASTER_KEY_BYTES) {
    throw new MasterKeyError(`${origin} must hold a ${MASTER_KEY_BYTES}-byte key in base64 (e.g. from \`openssl rand -base64 32\`).`);
  }
  return key;
}

/**
 * `MASTER_KEY_FILE` when set (it must exist); otherwise a development key in `DATA_DIR`, created
 * 0600 on first start. `mayCreate` is false once the key store holds keys: a lost dev key is then
 * an error, never silently replaced by a new one that could not open them.
 */
export function loadMasterKey(options: { masterKeyFile?: string; dataDir: string; mayCreate: boolean }): MasterKeySource {
  if (options.masterKeyFile) {
    if (!existsSync(options.masterKeyFile)) throw new MasterKeyError(`MASTER_KEY_FILE ${options.masterKeyFile} does not exist.`);
    return { key: parse(readFileSync(options.masterKeyFile, 'utf8'), `MASTER_KEY_FILE ${options.masterKeyFile}`), origin: `MASTER_KEY_FILE ${options.masterKeyFile}`, createdDevKey: false };
  }
  const file = join(options.dataDir, DEV_MASTER_KEY_FILE);
  const origin = `the development master key ${file}`;
  if (existsSync(file)) return { key: parse(readFileSync(file, 'utf8'), origin), origin, createdDevKey: false };
  if (!options.mayCreate) {
    throw new MasterKeyError(
      `No master key: MASTER_KEY_FILE is not set and ${file} is missing, but the key store in ${options.dataDir} already holds keys. Set MASTER_KEY_FILE to the key they were made with.`,
    );
  }
  const key = randomBytes(MASTER_KEY_BYTES);
  // `wx`: never follows a symlink planted in its place or overwrites a key another process just made.
  writeFileSync(file, `${key.toString('base64')}\n`, { mode: 0o600, flag: 'wx' });
  return { key, origin, createdDevKey: true };
}
