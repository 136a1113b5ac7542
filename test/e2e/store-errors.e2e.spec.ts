import { FaultyEventStore } from '../support/faults/event-store-faults';
import { expectOk, TestApp } from '../support/test-app';

/** Positions no log can have are the client's mistake (400); a store that is down is a 503 with Retry-After. */
describe('Event-store errors at the API (embedded backend)', () => {
  let app: TestApp;
  let faults: FaultyEventStore;
  let head: bigint;

  beforeAll(async () => {
    app = await TestApp.start({}, undefined, { eventStore: (store) => (faults = new FaultyEventStore(store)) });
    for (const id of ['d-1', 'd-2']) expectOk(await app.command('RegisterOrganisation', { organisationId: id, type: 'district', name: id }));
    head = await faults.headPosition();
  });
  afterAll(() => app.stop());
  afterEach(() => faults.clear());

  it.each([
    ['2^63', '9223372036854775808'],
    ['far above 2^63', '123456789012345678901234567890'],
  ])('GET /v1/audit/events?fromPosition= %s → 400 InvalidPosition', async (_name, position) => {
    const answer = await app.get(`/v1/audit/events?fromPosition=${position}`);
    expect([answer.status, answer.body.error]).toEqual([400, 'InvalidPosition']);
  });

  // Every whole number below 2^63 is a record boundary of the embedded log (a rowid): past the head is an empty page.
  it('0, an event position, the head and any later position below 2^63 are positions of the embedded log', async () => {
    const fromStart = await app.get('/v1/audit/events?fromPosition=0');
    expect(fromStart.status).toBe(200);
    expect(fromStart.body.items.length).toBeGreaterThan(0);
    expect((await app.get(`/v1/audit/events?fromPosition=${fromStart.body.items[0].position}`)).status).toBe(200);
    const fromHead = await app.get(`/v1/audit/events?fromPosition=${head}`);
    expect([fromHead.status, fromHead.body.items]).toEqual([200, []]);
    const past = await app.get('/v1/audit/events?fromPosition=9223372036854775807');
    expect([past.status, past.body.items]).toEqual([200, []]);
  });

  it('StoreUnavailable is 503 with Retry-After on commands, audit reads and the change feed', async () => {
    faults.unavailable();
    const answers = [
      await app.command('RegisterOrganisation', { organisationId: 'd-3', type: 'district', name: 'Three' }),
      await app.get('/v1/audit/streams/organisation-d-1'),
      await app.get('/v1/audit/events?fromPosition=0'),
    ];
    for (const answer of answers) {
      expect([answer.status, answer.body.error]).toEqual([503, 'StoreUnavailable']);
      expect(answer.headers.get('retry-after')).toMatch(/^\d+$/);
    }
  });

  it('an append whose outcome cannot be told is 503 too, and the retry with its key gets the true outcome', async () => {
    faults.failAppends({ at: 'after-commit', times: 1, streams: /^organisation-d-4$/, onHit: () => faults.failReads({ streams: /^organisation-d-4$/, times: 3 }) });
    const body = { organisationId: 'd-4', type: 'district', name: 'Four' };
    const first = await app.command('RegisterOrganisation', body, { headers: { 'Idempotency-Key': 'k-d-4' } });
    expect([first.status, first.body.error, first.headers.get('retry-after')]).toEqual([503, 'StoreUnavailable', '1']);

    const retried = expectOk(await app.command('RegisterOrganisation', body, { headers: { 'Idempotency-Key': 'k-d-4' } }));
    expect(retried.body).toMatchObject({ revision: 0, events: [{ type: 'OrganisationRegistered', revision: 0 }] });
    const stream = await app.get('/v1/audit/streams/organisation-d-4');
    expect(stream.body.items).toHaveLength(1);
    expect(String(stream.body.items[0].position)).toBe(retried.body.position);
  });

  it('a create without an id, retried with its key after an unknown outcome, finds the aggregate the first attempt made', async () => {
    faults.failAppends({ at: 'after-commit', times: 1, streams: /^organisation-/, onHit: (streamId) => faults.failReads({ streams: (id) => id === streamId, times: 3 }) });
    const body = { type: 'district', name: 'Generated' };
    const earlier = faults.injected.length;
    const first = await app.command('RegisterOrganisation', body, { headers: { 'Idempotency-Key': 'k-generated' } });
    expect([first.status, faults.injected.length]).toEqual([503, earlier + 1]);
    const streamId = faults.injected[earlier].streamId;

    const retried = expectOk(await app.command('RegisterOrganisation', body, { headers: { 'Idempotency-Key': 'k-generated' } }));

    expect(retried.body).toMatchObject({ streamId, revision: 0 });
    const feed = await app.get('/v1/audit/events?fromPosition=0&type=OrganisationRegistered&limit=1000');
    expect(feed.body.items.filter((e: { data: { name: string } }) => e.data.name === 'Generated')).toHaveLength(1);
    // Another body under another key is another organisation.
    const other = expectOk(await app.command('RegisterOrganisation', { type: 'district', name: 'Other' }, { headers: { 'Idempotency-Key': 'k-other' } }));
    expect(other.body.streamId).not.toBe(streamId);
  });
});
