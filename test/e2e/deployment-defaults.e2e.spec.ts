import { ChildProcess, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, MAIN_JS } from '../support/server-process';

const CLI_JS = join(__dirname, '..', '..', 'dist', 'src', 'cli.js');
const env = (dataDir: string, extra: Record<string, string> = {}) => {
  const { AUTH_TOKENS_FILE: _none, ...rest } = process.env;
  return { ...rest, DATA_DIR: dataDir, LOG_LEVEL: 'error', ...extra };
};

/** Starts the built service, waits for /health (deadline 20 s), and stops it; returns what it wrote. */
async function startAndStop(dataDir: string): Promise<{ stdout: string; stderr: string }> {
  const port = await freePort();
  const child: ChildProcess = spawn(process.execPath, [MAIN_JS], { env: env(dataDir, { PORT: String(port), HOST: '127.0.0.1' }), stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (chunk) => (stdout += chunk));
  child.stderr!.on('data', (chunk) => (stderr += chunk));
  const exited = new Promise((resolve) => child.once('exit', resolve));
  const deadline = Date.now() + 20_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`The service exited with ${child.exitCode}: ${stderr}`);
    try {
      if ((await fetch(`http://127.0.0.1:${port}/health`)).ok) break;
    } catch {
      /* not listening yet */
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`The service did not answer /health within 20 s: ${stderr}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  child.kill('SIGTERM');
  await exited;
  return { stdout, stderr };
}

describe('Deployment defaults (the built service and command line)', () => {
  const root = mkdtempSync(join(tmpdir(), 'ledger-deploy-'));
  beforeAll(() => {
    if (!existsSync(MAIN_JS) || !existsSync(CLI_JS)) throw new Error('dist/ is missing: run npm run build first (npm test does)');
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('prints the development admin token once, on stderr, when it creates it; DATA_DIR 0700, its files 0600', async () => {
    const dataDir = join(root, 'first');
    const first = await startAndStop(dataDir);
    const token = readFileSync(join(dataDir, 'dev-admin-token'), 'utf8').trim();
    expect(first.stderr).toContain(token);
    expect(first.stdout).not.toContain(token);
    const second = await startAndStop(dataDir);
    expect(second.stderr + second.stdout).not.toContain(token);
    expect(statSync(dataDir).mode & 0o777).toBe(0o700);
    const mode = (file: string) => [file, statSync(join(dataDir, file)).mode & 0o777];
    for (const file of ['dev-admin-token', 'events.sqlite', 'read-models.sqlite']) expect(mode(file)).toEqual([file, 0o600]);
    // A write-ahead log may be gone once the service has stopped.
    for (const file of ['events.sqlite-wal', 'read-models.sqlite-wal']) if (existsSync(join(dataDir, file))) expect(mode(file)).toEqual([file, 0o600]);
  }, 60_000);

  it('refuses a development token when HOST is not a loopback address', () => {
    const run = spawnSync(process.execPath, [MAIN_JS], { env: env(join(root, 'exposed'), { HOST: '0.0.0.0', PORT: '0' }), encoding: 'utf8', timeout: 30_000 });
    expect(run.status).not.toBe(0);
    expect(run.stderr).toContain('HOST 0.0.0.0 is reachable from other machines: set AUTH_TOKENS_FILE');
    expect(existsSync(join(root, 'exposed', 'dev-admin-token'))).toBe(false);
  });

  it('the command line neither makes nor prints a token (an export is only events)', () => {
    const dataDir = join(root, 'cli');
    const run = spawnSync(process.execPath, [CLI_JS, 'events:export'], { env: env(dataDir), encoding: 'utf8', timeout: 30_000 });
    expect([run.status, run.stdout]).toEqual([0, '']);
    expect(run.stderr).not.toMatch(/token/i);
    expect(existsSync(join(dataDir, 'dev-admin-token'))).toBe(false);
  });
});
