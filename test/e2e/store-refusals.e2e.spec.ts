import { TestApp, TOKENS } from '../support/test-app';

// The event store's definite refusals reach the client as their own answers, never a 500.
describe('Event store refusals over HTTP', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await TestApp.start();
  });
  afterAll(() => app.stop());

  it.each(['9223372036854775808', '18446744073709551615', '999999999999999999999999999999'])(
    'GET /v1/audit/events?fromPosition=%s (2^63 or more) → 400 InvalidPosition',
    async (position) => {
      const answer = await app.request('GET', `/v1/audit/events?fromPosition=${position}`, { token: TOKENS.auditor });
      expect(answer.status).toBe(400);
      expect(answer.body).toMatchObject({ error: 'InvalidPosition', details: [] });
      expect(answer.body.message).toMatch(/position/);
    },
  );

  it('the largest position is still a position: an empty page', async () => {
    const answer = await app.request('GET', '/v1/audit/events?fromPosition=9223372036854775807', { token: TOKENS.auditor });
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({ items: [], nextPosition: '9223372036854775807' });
  });
});
