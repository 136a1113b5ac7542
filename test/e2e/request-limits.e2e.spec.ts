import { DEFAULT_LIMITS } from '../../src/config/limits';
import { PositionWaits } from '../../src/http/position-waits';
import { CONNECTION_TIMEOUT_MS, HEADERS_TIMEOUT_MS, REQUEST_TIMEOUT_MS } from '../../src/http/request-limits';
import { TestApp, TOKENS } from '../support/test-app';

const id128 = 'x'.repeat(128);

describe('Request limits (security.md D4, "Errors", "Weaker")', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await TestApp.start({ limits: { ...DEFAULT_LIMITS, rateLimitPerMinute: 20, maxPositionWaitersPerToken: 1 } });
  });
  afterAll(() => app.stop());

  it('a 128-character id reaches its route (404 NotFound from the read model, not "No such endpoint")', async () => {
    const answer = await app.get(`/v1/students/${id128}`, { token: TOKENS.dashboard });
    expect(answer.status).toBe(404);
    expect(answer.body.message).not.toBe('No such endpoint.');
  });

  it.each(['%00', '%0a', '%1F', '%7f'])('a path segment holding the control character %s is 400', async (encoded) => {
    const answer = await app.get(`/v1/students/s${encoded}1`, { token: TOKENS.dashboard });
    expect([answer.status, answer.body.error]).toEqual([400, 'InvalidId']);
  });

  it('reads are bounded: near needs radiusKm up to 500, offset is at most 100,000 (security.md D3)', async () => {
    const fields = async (path: string) => {
      const answer = await app.get(path, { token: TOKENS.dashboard });
      return [answer.status, answer.body.details?.map((d: { field: string }) => d.field)];
    };
    expect(await fields('/v1/placements?near=51.5,-0.12')).toEqual([400, ['radiusKm']]);
    expect(await fields('/v1/placements?near=51.5,-0.12&radiusKm=20000')).toEqual([400, ['radiusKm']]);
    expect(await fields('/v1/placements?near=51.5,-0.12&radiusKm=500')).toEqual([200, undefined]);
    expect(await fields('/v1/placements?offset=999999999')).toEqual([400, ['offset']]);
    expect(await fields('/v1/placements?offset=100001')).toEqual([400, ['offset']]);
    expect(await fields('/v1/placements?offset=100000')).toEqual([200, undefined]);
  });

  it('beyond the waits allowed per token, a minPosition read is 503 ProjectionBehind at once (security.md D4)', async () => {
    const waits = app.app.get(PositionWaits);
    const far = '999999999';
    const first = app.get('/v1/academic-years', { token: TOKENS.dashboard, minPosition: far });
    const deadline = Date.now() + 5000;
    while (waits.running === 0) {
      if (Date.now() > deadline) throw new Error('The first read never started waiting');
      await new Promise((r) => setTimeout(r, 10));
    }
    const second = await app.get('/v1/academic-years', { token: TOKENS.dashboard, minPosition: far });
    expect([second.status, second.body.error, second.headers.get('retry-after')]).toEqual([503, 'ProjectionBehind', '1']);
    expect(second.body.message).toMatch(/for this token/);
    const other = app.get('/v1/academic-years', { token: TOKENS.sis, minPosition: '0' });
    expect((await other).status).toBe(200);
    expect((await first).status).toBe(503);
  });

  it('a fromPosition past 2^63 - 1 is 400 InvalidPosition, not 500 (security.md "Errors")', async () => {
    const answer = await app.get('/v1/audit/events?fromPosition=9223372036854775808', { token: TOKENS.admin });
    expect([answer.status, answer.body.error]).toEqual([400, 'InvalidPosition']);
  });

  it('headers larger than the server reads are 431 in the API error shape', async () => {
    const answer = await app.request('GET', '/v1/projections', { headers: { 'x-padding': 'p'.repeat(20_000) } });
    expect([answer.status, answer.body]).toEqual([431, { error: 'HeadersTooLarge', message: expect.any(String), details: [] }]);
  });

  it('an over-long path parameter or a bad percent-encoding is 400 InvalidId in the API error shape', async () => {
    for (const path of [`/v1/students/${'x'.repeat(300)}`, '/v1/students/%E0%A4%A']) {
      const answer = await app.get(path, { token: TOKENS.dashboard });
      expect([answer.status, answer.body]).toEqual([400, { error: 'InvalidId', message: expect.any(String), details: [] }]);
    }
  });

  it('request, header and connection timeouts are set', () => {
    const server = app.app.getHttpServer();
    expect([server.requestTimeout, server.headersTimeout, server.timeout]).toEqual([REQUEST_TIMEOUT_MS, HEADERS_TIMEOUT_MS, CONNECTION_TIMEOUT_MS]);
  });

  it('a command without a known token is 401 before its body is read: oversized and malformed bodies included', async () => {
    const huge = `{"name":"${'x'.repeat(2 * 1024 * 1024)}"}`;
    for (const token of [null, 'not-a-token-0123456789abcdef']) {
      for (const raw of [huge, '{"broken":', '{"name":"x"}']) {
        const answer = await app.request('POST', '/v1/commands/RegisterOrganisation', { raw, token });
        expect([answer.status, answer.body.error]).toEqual([401, 'Unauthenticated']);
      }
    }
    // With a token the same oversized body is read and refused for its size.
    const known = await app.request('POST', '/v1/commands/RegisterOrganisation', { raw: huge, token: TOKENS.sis });
    expect([known.status, known.body.error]).toEqual([413, 'PayloadTooLarge']);
  });

  it('the guard still decides roles: a reports token cannot send commands', async () => {
    const answer = await app.command('RegisterOrganisation', { organisationId: 'o-1', type: 'school', name: 'One' }, { token: TOKENS.dashboard });
    expect([answer.status, answer.body.error]).toEqual([403, 'Forbidden']);
  });

  it('each token has its own rate limit: beyond it 429 TooManyRequests with Retry-After; other tokens and /health go on', async () => {
    const statuses: number[] = [];
    let refused: Awaited<ReturnType<TestApp['get']>> | undefined;
    for (let i = 0; i < 25; i++) {
      const answer = await app.get('/v1/projections', { token: TOKENS.auditor });
      statuses.push(answer.status);
      if (answer.status === 429) refused ??= answer;
    }
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThan(0);
    expect(refused!.body).toEqual({ error: 'TooManyRequests', message: expect.any(String), details: [] });
    expect(Number(refused!.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await app.get('/v1/projections', { token: TOKENS.admin })).status).toBe(200);
    expect((await app.get('/health', { token: null })).status).toBe(200);
  });
});
