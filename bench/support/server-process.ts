import { ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { resolve } from 'node:path';
import { BENCH_TOKEN, writeBenchTokensFile } from './app';
import { profileDir } from './profile';

/** The built service entry point, as `npm start` runs it. */
const MAIN = resolve(__dirname, '../../src/main.js');

async function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const probe = createServer();
    probe.once('error', fail);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => done(port));
    });
  });
}

/** The service in its own process (`node dist/src/main.js`), so the load generator does not share its event loop. */
export class ServerProcess {
  private output = '';

  private constructor(private readonly child: ChildProcess, readonly url: string) {
    const keep = (chunk: Buffer) => {
      this.output = (this.output + chunk.toString()).slice(-8000);
    };
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
  }

  static async start(dataDir: string, env: Record<string, string> = {}, profileName = 'server.cpuprofile'): Promise<ServerProcess> {
    const port = await freePort();
    // BENCH_SERVER_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof" profiles the service during the run.
    const nodeArgs = (process.env.BENCH_SERVER_NODE_ARGS ?? '').split(' ').filter(Boolean);
    // BENCH_PROFILE: the whole life of the service (start-up and warm-up included) is profiled, written when it stops.
    const profile = profileDir();
    if (profile) nodeArgs.push('--cpu-prof', `--cpu-prof-dir=${profile}`, `--cpu-prof-name=${profileName}`);
    const child = spawn(process.execPath, [...nodeArgs, MAIN], {
      env: {
        ...process.env,
        PORT: String(port),
        HOST: '127.0.0.1',
        DATA_DIR: dataDir,
        AUTH_TOKENS_FILE: writeBenchTokensFile(dataDir),
        PROJECTIONS: 'inline',
        LOG_LEVEL: 'warn',
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const server = new ServerProcess(child, `http://127.0.0.1:${port}`);
    await server.waitUntilUp(30_000);
    return server;
  }

  private async waitUntilUp(timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (this.child.exitCode !== null) throw new Error(`The service exited (${this.child.exitCode}) before answering:\n${this.output}`);
      try {
        if ((await fetch(`${this.url}/health`)).ok) return;
      } catch {
        /* not listening yet */
      }
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`The service did not answer /health within ${timeoutMs} ms:\n${this.output}`);
  }

  /** CPU seconds (user + system) the service process has used so far (Linux /proc; NaN elsewhere). */
  cpuSeconds(): number {
    try {
      // Fields after the command name: state is field 3, utime 14, stime 15 (clock ticks, 100 per second on Linux).
      const fields = readFileSync(`/proc/${this.child.pid}/stat`, 'utf8').split(') ')[1].split(' ');
      return (Number(fields[11]) + Number(fields[12])) / 100;
    } catch {
      return Number.NaN;
    }
  }

  async request<T = any>(method: string, path: string, body?: unknown): Promise<{ status: number; body: T }> {
    const response = await fetch(`${this.url}${path}`, {
      method,
      headers: { authorization: `Bearer ${BENCH_TOKEN}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, body: (text ? JSON.parse(text) : undefined) as T };
  }

  async command(name: string, body: Record<string, unknown>): Promise<unknown> {
    const answer = await this.request('POST', `/v1/commands/${name}`, body);
    if (answer.status !== 200) throw new Error(`${name} answered ${answer.status}: ${JSON.stringify(answer.body)}`);
    return answer.body;
  }

  /** Stops the process this class started (SIGTERM, then SIGKILL after 10 s). */
  async stop(): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    const exited = new Promise<void>((r) => this.child.once('exit', () => r()));
    this.child.kill('SIGTERM');
    const timer = setTimeout(() => this.child.kill('SIGKILL'), 10_000);
    await exited;
    clearTimeout(timer);
  }
}
