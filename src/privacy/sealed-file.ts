import { readFileSync, writeFileSync } from 'node:fs';
import { basename } from 'node:path';
import { open, seal } from './key-ring';

/** The HKDF label of the key of the packages kept in `DATA_DIR/imports` while their import runs. */
export const IMPORT_PACKAGES_FILE_KEY = 'import packages file key';

/** Marks a sealed file; a file without it is one an older version wrote in clear. */
const MAGIC = Buffer.from('school-ledger sealed file v1\n');

/** Bound to the file's name: a sealed package moved to another import's name does not open. */
const aadOf = (path: string) => Buffer.from(`school-ledger sealed file\u0000${basename(path)}`);

/** Writes `bytes` sealed (AES-256-GCM) with `key`, mode 0600: nothing of them is in clear on disk. */
export function writeSealedFile(path: string, key: Buffer, bytes: Buffer): void {
  writeFileSync(path, Buffer.concat([MAGIC, seal(key, bytes, aadOf(path))]), { mode: 0o600 });
}

/** The bytes of a file {@link writeSealedFile} wrote (throws if they do not open), or of a clear file an older version wrote. */
export function readSealedFile(path: string, key: Buffer): Buffer {
  const stored = readFileSync(path);
  if (!stored.subarray(0, MAGIC.length).equals(MAGIC)) return stored;
  return open(key, stored.subarray(MAGIC.length), aadOf(path));
}
