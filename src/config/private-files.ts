import { chmodSync, closeSync, existsSync, mkdirSync, openSync, statSync, writeFileSync } from 'node:fs';

/** Student data and tokens live in DATA_DIR: only the service's own user may read it. */
const DIR_MODE = 0o700;
const FILE_MODE = 0o600;

const ownedByUs = (path: string): boolean => typeof process.getuid !== 'function' || statSync(path).uid === process.getuid();

/** Creates the folder 0700, and narrows an existing one of ours to 0700. */
export function ensurePrivateDir(dir: string): void {
  mkdirSync(dir, { recursive: true, mode: DIR_MODE });
  if (ownedByUs(dir) && (statSync(dir).mode & 0o777) !== DIR_MODE) chmodSync(dir, DIR_MODE);
}

/**
 * Makes a SQLite file (and its -wal/-shm companions, which SQLite creates with the main file's
 * permissions) 0600 before it is opened.
 */
export function preparePrivateDatabase(file: string): void {
  closeSync(openSync(file, 'a', FILE_MODE));
  for (const path of [file, `${file}-wal`, `${file}-shm`]) {
    if (existsSync(path) && ownedByUs(path) && (statSync(path).mode & 0o777) !== FILE_MODE) chmodSync(path, FILE_MODE);
  }
}

/** Writes a new file 0600 only if nothing (no file, no symlink) is at the path; false when something was. */
export function createPrivateFile(file: string, content: string): boolean {
  try {
    writeFileSync(file, content, { flag: 'wx', mode: FILE_MODE });
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
}
