import { EVENT_STORE, EventStore } from '../../src/event-store/event-store.port';
import { expectOk, TestApp } from '../support/test-app';

// security.md D1 (deep JSON → 500 and a stack trace) and D2 (free JSON that stops a projection).
const YEAR = { academicYearId: 'ay-2030', name: '2030/2031', startsOn: '2030-09-01', endsOn: '2031-08-31' };
const deepArray = (levels: number) => '['.repeat(levels) + ']'.repeat(levels);
const deepDetails = (levels: number) => '{"a":'.repeat(levels - 1) + '{}' + '}'.repeat(levels - 1);
const interest = (details: string) =>
  `{"schoolId":"s-1","academicYearId":"${YEAR.academicYearId}","appetite":"interested","details":${details}}`;

describe('Payloads that used to poison the service (security.md D1, D2)', () => {
  let app: TestApp;
  let events: EventStore;

  beforeAll(async () => {
    app = await TestApp.start();
    events = app.app.get(EVENT_STORE);
    expectOk(await app.command('RegisterOrganisation', { organisationId: 's-1', type: 'school', name: 'School One' }));
    expectOk(await app.command('DefineAcademicYear', YEAR));
  });
  afterAll(() => app.stop());

  const post = (name: string, raw: string) => app.request('POST', `/v1/commands/${name}`, { raw });

  it('D1: a body nested 5,000 deep is 400 MalformedJson, as is one nested 33 deep; 32 levels are read', async () => {
    const before = await events.headPosition();
    for (const body of [`{"organisationId":"s-2","type":"school","name":${deepArray(5000)}}`, `{"name":${deepArray(32)}}`]) {
      const answer = await post('RegisterOrganisation', body);
      expect([answer.status, answer.body.error]).toEqual([400, 'MalformedJson']);
      expect(JSON.stringify(answer.body)).not.toMatch(/at \w+ \(|RangeError/);
    }
    // 31 levels inside the top-level object: read, and refused by the shape check instead.
    const deepest = await post('RegisterOrganisation', `{"organisationId":"s-2","type":"school","name":${deepArray(31)}}`);
    expect([deepest.status, deepest.body.error]).toEqual([400, 'ValidationFailed']);
    // Keyed requests hash the body: that path is as safe.
    const keyed = await app.request('POST', '/v1/commands/RegisterOrganisation', { raw: `{"name":${deepArray(5000)}}`, headers: { 'Idempotency-Key': 'deep-1' } });
    expect([keyed.status, keyed.body.error]).toEqual([400, 'MalformedJson']);
    expect(await events.headPosition()).toBe(before);
  });

  it('D2: free-form details nested 998 deep, 9 deep, with "$" or "." keys or too many keys are 400; nothing is appended and every projection stays live', async () => {
    const before = await events.headPosition();
    const bad = [
      [deepDetails(998), 'MalformedJson'],
      [deepDetails(9), 'ValidationFailed'],
      ['{"$set":{"x":1}}', 'ValidationFailed'],
      ['{"a.b":1}', 'ValidationFailed'],
      ['{"nul\\u0000":1}', 'ValidationFailed'],
      ['{"big":1e400}', 'ValidationFailed'],
      [JSON.stringify({ many: Array.from({ length: 201 }, (_, i) => i) }), 'ValidationFailed'],
    ] as const;
    for (const [details, code] of bad) {
      const answer = await post('RecordHostingInterest', interest(details));
      expect([details.slice(0, 20), answer.status, answer.body.error]).toEqual([details.slice(0, 20), 400, code]);
    }
    expect(await events.headPosition()).toBe(before);

    // The same command with details inside the bounds is taken and projected.
    const taken = expectOk(await post('RecordHostingInterest', interest(deepDetails(8))));
    const shown = await app.get(`/v1/schools/s-1/hosting-interest?academicYearId=${YEAR.academicYearId}`, { minPosition: taken.body.position });
    expect(shown.status).toBe(200);
    const projections = await app.get('/v1/projections');
    expect(projections.body.items.filter((p: { status: string }) => p.status !== 'live')).toEqual([]);
    expect((await app.get('/health', { token: null })).status).toBe(200);
  });

  it('minutes and points have an upper bound', async () => {
    const answer = await app.command('RecordStudentWork', {
      studentId: 'st-1', workId: 'w-1', completedAt: '2030-01-01T10:00:00Z', activity: 'Essay', minutes: 1e308, points: 1e308,
    });
    expect(answer.status).toBe(400);
    expect(answer.body.details.map((d: { field: string }) => d.field).sort()).toEqual(['minutes', 'points']);
  });
});
