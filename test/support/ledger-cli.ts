import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { realStoreEnv, writeTokensFile } from './test-app';

/** The built command line (`npm run build`; `npm test` builds first). */
export const CLI_JS = join(__dirname, '..', '..', 'dist', 'src', 'cli.js');

/** Runs `ledger <args>` on a DATA_DIR (and, where the environment names them, on the real stores with a prefix of its own). */
export function ledger(dataDir: string, ...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const run = spawnSync(process.execPath, [CLI_JS, ...args], {
    env: { ...process.env, ...realStoreEnv(dataDir), DATA_DIR: dataDir, AUTH_TOKENS_FILE: writeTokensFile(dataDir), LOG_LEVEL: 'error' },
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}
