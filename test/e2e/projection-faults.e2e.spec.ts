import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { Test } from '@nestjs/testing';
import { AppModule } from '../../src/app.module';
import { AppConfig, loadConfig } from '../../src/config/config';
import { createDocumentStore } from '../../src/read-store/document-store.factory';
import { DOCUMENT_STORE } from '../../src/read-store/document-store.port';
import { fileKeyFor } from '../../src/privacy/encrypted-sqlite';
import { KeyRing } from '../../src/privacy/key-ring';
import { STUDENT_RECORDS } from '../../projections/student-records/student-records.read-model';
import { FaultyDocumentStore, refusedWrite } from '../support/faults/document-store-faults';
import { Answer, TOKENS, writeTokensFile } from '../support/test-app';

const CLI_JS = join(__dirname, '..', '..', 'dist', 'src', 'cli.js');

/** The service as `npm start` builds it, but on a read store that fails on demand. */
async function startWithFaults(): Promise<{ app: NestFastifyApplication; faults: FaultyDocumentStore; url: string; dir: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'ledger-faults-'));
  const config: AppConfig = { ...loadConfig({}), dataDir: dir, authTokensFile: writeTokensFile(dir), port: 0, logLevel: 'error' };
  let faults!: FaultyDocumentStore;
  const module = await Test.createTestingModule({ imports: [AppModule.forRoot(config)] })
    .overrideProvider(DOCUMENT_STORE)
    .useFactory({
      inject: [KeyRing],
      factory: async (keys: KeyRing) => {
        faults = new FaultyDocumentStore(await createDocumentStore({ dataDir: dir, fileKey: fileKeyFor(keys) }));
        return faults;
      },
    })
    .compile();
  const app = module.createNestApplication<NestFastifyApplication>(new FastifyAdapter(), { bodyParser: false, logger: false });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = app.getHttpServer().address() as { port: number };
  return { app, faults, url: `http://127.0.0.1:${port}`, dir };
}

async function until<T>(read: () => Promise<T>, done: (value: T) => boolean, what: string, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}; last: ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('A poison event in a running service', () => {
  let service: Awaited<ReturnType<typeof startWithFaults>>;
  const request = async <T = any>(method: string, path: string, options: { body?: unknown; token?: string | null } = {}): Promise<Answer<T>> => {
    const token = options.token === undefined ? TOKENS.admin : options.token;
    const headers: Record<string, string> = token ? { authorization: `Bearer ${token}` } : {};
    if (options.body !== undefined) headers['content-type'] = 'application/json';
    const response = await fetch(`${service.url}${path}`, { method, headers, body: options.body === undefined ? undefined : JSON.stringify(options.body) });
    const text = await response.text();
    return { status: response.status, body: text ? JSON.parse(text) : undefined, headers: response.headers };
  };
  const command = async (name: string, body: unknown) => {
    const answer = await request('POST', `/v1/commands/${name}`, { body });
    if (answer.status !== 200) throw new Error(`${name}: ${answer.status} ${JSON.stringify(answer.body)}`);
    return answer.body as { position: string };
  };
  const projection = async (name: string) => ((await request('GET', '/v1/projections')).body.items as any[]).find((p) => p.name === name);

  beforeAll(async () => {
    service = await startWithFaults();
    await command('RegisterOrganisation', { organisationId: 'd-1', type: 'district', name: 'D' });
    await command('RegisterStudent', { studentId: 'st-1', districtId: 'd-1', username: 'one', givenName: 'A', familyName: 'B' });
  });
  afterAll(async () => {
    service.faults.heal();
    await service.app.close();
    rmSync(service.dir, { recursive: true, force: true });
  });

  it('fails only its projection with its position, answers 503 degraded, and a rebuild after the fix brings it back', async () => {
    expect(await request('GET', '/health/ready', { token: null })).toMatchObject({ status: 200, body: { status: 'ready' } });

    // The student record of st-2 cannot be written (as MongoDB refuses a document); nothing else is affected.
    service.faults.failWrites({ collection: new RegExp(`^${STUDENT_RECORDS}`), id: 'st-2' }, refusedWrite('key must not contain null bytes'));
    const poison = await command('RegisterStudent', { studentId: 'st-2', districtId: 'd-1', username: 'two', givenName: 'C', familyName: 'D' });
    const later = await command('RegisterStudent', { studentId: 'st-3', districtId: 'd-1', username: 'three', givenName: 'E', familyName: 'F' });

    const failed = await until(() => projection('student-records'), (p) => p.status === 'failed', 'student-records to be failed');
    expect(failed.failure).toEqual({ position: poison.position, eventType: 'StudentRegistered', error: 'key must not contain null bytes' });
    expect(BigInt(failed.checkpoint)).toBeLessThan(BigInt(poison.position));
    const rosters = await until(() => projection('rosters'), (p) => BigInt(p.checkpoint) >= BigInt(later.position), 'rosters to pass the poison event');
    expect(rosters.status).toBe('live');
    expect((await request('GET', `/v1/districts/d-1/students?minPosition=${later.position}`)).status).toBe(200);
    // A query that needs the failed read model past the poison event is told it is behind.
    expect((await request('GET', `/v1/students/st-1?minPosition=${poison.position}`)).body.error).toBe('ProjectionBehind');

    const publicReady = await request('GET', '/health/ready', { token: null });
    expect(publicReady).toMatchObject({ status: 503, body: { status: 'degraded' } });
    expect(Object.keys(publicReady.body)).toEqual(['status']);
    const adminReady = await request('GET', '/health/ready');
    expect(adminReady.status).toBe(503);
    expect(adminReady.body.stores).toEqual({ events: { status: 'up' }, readModels: { status: 'up' } });
    expect(adminReady.body.projections.find((p: any) => p.name === 'student-records')).toMatchObject({ status: 'failed', failure: { position: poison.position } });

    // The command line, another process on the same stores, reads the stored failure.
    if (!existsSync(CLI_JS)) throw new Error(`${CLI_JS} is missing: run npm run build first (npm test does)`);
    const cli = spawnSync(process.execPath, [CLI_JS, 'projections:list'], {
      env: { ...process.env, DATA_DIR: service.dir, AUTH_TOKENS_FILE: writeTokensFile(service.dir), LOG_LEVEL: 'error' },
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(cli.status).toBe(0);
    expect(cli.stdout).toContain(`student-records\tfailed\t`);
    expect(cli.stdout).toContain(`failed at position ${poison.position} (StudentRegistered): key must not contain null bytes`);
    expect(cli.stdout).toMatch(/^rosters\tlive\t/m);

    service.faults.heal();
    const rebuilt = await request('POST', '/v1/projections/student-records/rebuild');
    expect(rebuilt).toMatchObject({ status: 200, body: { status: 'rebuilt' } });
    expect((await request('GET', `/v1/students/st-2?minPosition=${later.position}`)).status).toBe(200);
    await until(() => projection('student-records'), (p) => p.status === 'live', 'student-records to be live again');
    expect(await request('GET', '/health/ready', { token: null })).toMatchObject({ status: 200, body: { status: 'ready' } });
  });

  it('a read store that does not answer makes readiness degraded, and only an admin sees which store', async () => {
    service.faults.unavailableFor(60_000);
    try {
      expect(await request('GET', '/health/ready', { token: null })).toMatchObject({ status: 503, body: { status: 'degraded' } });
      const admin = await request('GET', '/health/ready');
      expect(admin.body).toMatchObject({ status: 'degraded', stores: { events: { status: 'up' }, readModels: { status: 'down' } } });
      const dashboard = await request('GET', '/health/ready', { token: TOKENS.dashboard });
      expect(Object.keys(dashboard.body)).toEqual(['status']);
    } finally {
      service.faults.heal();
    }
    await until(() => request('GET', '/health/ready', { token: null }), (r) => r.status === 200, 'readiness to recover');
  });
});
