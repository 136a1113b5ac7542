import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { expectOk, TestApp, TOKENS } from '../support/test-app';

const SCRAPER = 'metrics-scraper-token-0123456789';

/** The value of one series in Prometheus text, 0 when it has not been written yet. */
function sample(text: string, name: string, labels: Record<string, string> = {}): number {
  const wanted = Object.entries(labels).map(([k, v]) => `${k}="${v}"`);
  for (const line of text.split('\n')) {
    if (!line.startsWith(name)) continue;
    const match = /^([a-z_]+)(\{([^}]*)\})? (\S+)$/.exec(line);
    if (!match || match[1] !== name) continue;
    const present = (match[3] ?? '').split(',').filter(Boolean);
    if (wanted.every((pair) => present.includes(pair)) && present.length === wanted.length) return Number(match[4]);
  }
  return 0;
}

describe('GET /metrics', () => {
  let app: TestApp;

  beforeAll(async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ledger-metrics-'));
    const tokensFile = join(dir, 'metrics-tokens.json');
    writeFileSync(
      tokensFile,
      JSON.stringify({
        tokens: [
          { name: 'admin', token: TOKENS.admin, roles: ['admin'], organisations: ['*'] },
          { name: 'dashboard', token: TOKENS.dashboard, roles: ['reports'], organisations: ['*'] },
          { name: 'prometheus', token: SCRAPER, roles: ['metrics'], organisations: ['*'] },
        ],
      }),
    );
    app = await TestApp.start({ authTokensFile: tokensFile }, dir);
  });
  afterAll(() => app.stop());

  const scrape = async () => {
    const answer = await app.request<string>('GET', '/metrics', { token: SCRAPER });
    expect(answer.status).toBe(200);
    expect(answer.headers.get('content-type')).toMatch(/^text\/plain/);
    return answer.body;
  };

  it('answers a metrics token and refuses a reports token with 403 Forbidden', async () => {
    await scrape();
    const refused = await app.request('GET', '/metrics', { token: TOKENS.dashboard });
    expect(refused.status).toBe(403);
    expect(refused.body.error).toBe('Forbidden');
  });

  it('moves ledger_commands_total by N accepted and M refused commands, and counts their events and requests', async () => {
    const before = await scrape();
    expectOk(await app.command('RegisterOrganisation', { organisationId: 'm-d', type: 'district', name: 'Metrics District' }));
    const N = 5;
    const M = 3;
    for (let i = 0; i < N; i++) {
      expectOk(await app.command('RegisterStudent', { studentId: `m-s-${i}`, districtId: 'm-d', username: `m${i}`, givenName: 'G', familyName: 'F' }));
    }
    for (let i = 0; i < M; i++) {
      const refused = await app.command('RegisterStudent', { studentId: `m-t-${i}`, districtId: 'm-d', username: 'm0', givenName: 'G', familyName: 'F' });
      expect(refused.status).toBe(409);
      expect(refused.body.error).toBe('UsernameTaken');
    }
    const after = await scrape();
    const delta = (name: string, labels: Record<string, string> = {}) => sample(after, name, labels) - sample(before, name, labels);

    expect(delta('ledger_commands_total', { command: 'RegisterStudent', outcome: 'ok' })).toBe(N);
    expect(delta('ledger_commands_total', { command: 'RegisterStudent', outcome: 'refused' })).toBe(M);
    expect(delta('ledger_commands_total', { command: 'RegisterOrganisation', outcome: 'ok' })).toBe(1);
    expect(delta('ledger_command_duration_seconds_count', { command: 'RegisterStudent' })).toBe(N + M);
    expect(delta('ledger_events_appended_total')).toBe(N + 1);
    expect(delta('ledger_http_requests_total', { route: '/v1/commands/:name', status: '409' })).toBe(M);
  });

  it('labels unknown command names as unknown, never with the name sent', async () => {
    const answer = await app.command('NoSuchCommandXYZ', {});
    expect(answer.status).toBe(404);
    const text = await scrape();
    expect(text).not.toContain('NoSuchCommandXYZ');
    expect(sample(text, 'ledger_commands_total', { command: 'unknown', outcome: 'refused' })).toBeGreaterThanOrEqual(1);
  });

  it('reports each projection’s lag and status, and the process’s own metrics', async () => {
    const text = await scrape();
    expect(sample(text, 'ledger_projection_status', { projection: 'rosters', status: 'live' })).toBe(1);
    expect(text).toMatch(/^ledger_projection_lag_events\{projection="rosters"\} \d+$/m);
    expect(text).toMatch(/^process_resident_memory_bytes \d+/m);
  });
});
