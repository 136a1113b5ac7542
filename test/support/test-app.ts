import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { AppOverrides } from '../../src/config/app-overrides';
import { AppConfig, loadConfig } from '../../src/config/config';
import { createApp } from '../../src/http/bootstrap';

export const TOKENS = {
  admin: 'admin-token-0123456789abcdef',
  sis: 'sis-token-0123456789abcdef01',
  dashboard: 'dashboard-token-0123456789ab',
  auditor: 'auditor-token-0123456789abcd',
  /** Scoped tokens for the organisation-scope tests: district A (and B), a school and a provider of district A's story. */
  districtA: 'district-a-token-0123456789ab',
  districtB: 'district-b-token-0123456789ab',
  schoolA: 'school-a-token-0123456789abcd',
  providerA: 'provider-a-token-0123456789a',
  auditorA: 'auditor-a-token-0123456789ab',
  /** A `*` token for commands without `actingUsers`: X-Acting-User is refused from it. */
  service: 'service-token-0123456789abcd',
};

export function writeTokensFile(dir: string): string {
  const file = join(dir, 'tokens.json');
  writeFileSync(
    file,
    JSON.stringify({
      tokens: [
        { name: 'admin', token: TOKENS.admin, roles: ['admin'], organisations: ['*'], actingUsers: true },
        { name: 'sis-sync', token: TOKENS.sis, roles: ['commands', 'reports'], organisations: ['*'], actingUsers: true },
        { name: 'dashboard', token: TOKENS.dashboard, roles: ['reports'], organisations: ['*'] },
        { name: 'auditor', token: TOKENS.auditor, roles: ['audit'], organisations: ['*'] },
        { name: 'district-a', token: TOKENS.districtA, roles: ['commands', 'reports'], organisations: ['d-a'], actingUsers: true },
        { name: 'district-b', token: TOKENS.districtB, roles: ['commands', 'reports'], organisations: ['d-b'], actingUsers: true },
        { name: 'school-a', token: TOKENS.schoolA, roles: ['commands', 'reports'], organisations: ['s-a1'] },
        { name: 'provider-a', token: TOKENS.providerA, roles: ['commands', 'reports'], organisations: ['p-a'] },
        { name: 'auditor-a', token: TOKENS.auditorA, roles: ['audit'], organisations: ['d-a'] },
        { name: 'service', token: TOKENS.service, roles: ['commands', 'reports'], organisations: ['*'] },
      ],
    }),
  );
  return file;
}

/**
 * `npm run test:real` (CI's real-server job) sets EVENTSTORE_CONNECTION_STRING and MONGODB_URI: the
 * suite then runs against those servers, each DATA_DIR with a stream prefix and a database of its
 * own (derived from the directory, so a restart on the same DATA_DIR finds its data again). Without
 * them everything runs on the embedded stores.
 */
export function realStoreEnv(dataDir: string, env: NodeJS.ProcessEnv = process.env): Record<string, string> {
  const tag = createHash('sha256').update(dataDir).digest('hex').slice(0, 12);
  return {
    ...(env.EVENTSTORE_CONNECTION_STRING ? { EVENTSTORE_STREAM_PREFIX: `e2e${tag}_` } : {}),
    ...(env.MONGODB_URI ? { MONGODB_DB: `e2e_${tag}` } : {}),
  };
}

function realStoreConfig(dataDir: string): Partial<AppConfig> {
  const env = realStoreEnv(dataDir);
  return {
    eventstoreConnectionString: process.env.EVENTSTORE_CONNECTION_STRING || undefined,
    eventstoreStreamPrefix: env.EVENTSTORE_STREAM_PREFIX,
    mongodbUri: process.env.MONGODB_URI || undefined,
    ...(env.MONGODB_DB ? { mongodbDb: env.MONGODB_DB } : {}),
  };
}

export interface Answer<T = any> {
  status: number;
  body: T;
  headers: Headers;
}

/** A running service in a fresh temporary DATA_DIR (on the embedded stores unless `realStoreEnv` says otherwise), spoken to over real HTTP. */
export class TestApp {
  private constructor(readonly app: NestFastifyApplication, readonly url: string, readonly dataDir: string, private readonly ownsDir: boolean) {}

  /** `stores` wraps the stores the app builds (e.g. with fault injection: `test/support/faults/`). */
  static async start(overrides: Partial<AppConfig> = {}, dataDir?: string, stores: AppOverrides = {}): Promise<TestApp> {
    const dir = dataDir ?? mkdtempSync(join(tmpdir(), 'ledger-e2e-'));
    const config: AppConfig = {
      ...loadConfig({}),
      ...realStoreConfig(dir),
      dataDir: dir,
      authTokensFile: writeTokensFile(dir),
      port: 0,
      logLevel: 'error',
      ...overrides,
    };
    const app = await createApp(config, { logger: false, overrides: stores });
    await app.listen({ port: 0, host: '127.0.0.1' });
    const address = app.getHttpServer().address() as { port: number };
    return new TestApp(app, `http://127.0.0.1:${address.port}`, dir, dataDir === undefined);
  }

  async request<T = any>(method: string, path: string, options: { body?: unknown; raw?: string; token?: string | null; headers?: Record<string, string> } = {}): Promise<Answer<T>> {
    const headers: Record<string, string> = { ...(options.headers ?? {}) };
    const token = options.token === undefined ? TOKENS.admin : options.token;
    if (token) headers.authorization = `Bearer ${token}`;
    let body: string | undefined = options.raw;
    if (options.body !== undefined) body = JSON.stringify(options.body);
    if (body !== undefined && !Object.keys(headers).some((h) => h.toLowerCase() === 'content-type')) headers['content-type'] = 'application/json';
    const response = await fetch(`${this.url}${path}`, { method, headers, body });
    const text = await response.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      /* not JSON: keep the text */
    }
    return { status: response.status, body: parsed as T, headers: response.headers };
  }

  command<T = any>(name: string, body: unknown, options: { token?: string | null; headers?: Record<string, string> } = {}) {
    return this.request<T>('POST', `/v1/commands/${name}`, { body, ...options });
  }

  /** A command's refusal as `[status, error code]`, for tests where the body's code is the contract. */
  async refusal(name: string, body: unknown, options: { token?: string | null; headers?: Record<string, string> } = {}): Promise<[number, string | undefined]> {
    const answer = await this.command(name, body, options);
    return [answer.status, answer.body?.error];
  }

  /** A query that waits for its read model to include `position` first. */
  get<T = any>(path: string, options: { minPosition?: string; token?: string | null } = {}) {
    const separator = path.includes('?') ? '&' : '?';
    return this.request<T>('GET', options.minPosition ? `${path}${separator}minPosition=${options.minPosition}` : path, { token: options.token });
  }

  async stop(): Promise<void> {
    await this.app.close();
    if (this.ownsDir) rmSync(this.dataDir, { recursive: true, force: true });
  }
}

/** Fails the test with the answer in view when a command is not accepted. */
export function expectOk<T>(answer: Answer<T>): Answer<T> {
  if (answer.status !== 200) throw new Error(`Expected 200, got ${answer.status}: ${JSON.stringify(answer.body)}`);
  return answer;
}
