import { EVENT_STORE, EventStore } from '../../src/event-store/event-store.port';
import { OrganisationLookup } from '../../src/organisations/organisation.lookup';
import { newId } from '../../src/shared/ids';
import { TEST_METADATA } from '../support/event-builders';
import { expectOk, TestApp } from '../support/test-app';

const UUID_V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

/**
 * A lost race on one aggregate is retried once with a fresh load, then answered 409
 * ConcurrencyConflict. The race is made deterministic: while the command is between its load and
 * its append (fetching the parent), another writer appends to the same stream.
 */
describe('Concurrency and the command envelope over HTTP (embedded backend)', () => {
  let app: TestApp;
  let store: EventStore;
  let parentLookup: jest.SpyInstance;

  const interfere = (streamId: string, times: number) => {
    const original = OrganisationLookup.prototype.parent;
    let left = times;
    parentLookup = jest.spyOn(app.app.get(OrganisationLookup), 'parent').mockImplementation(async function (this: OrganisationLookup, parentId: string) {
      if (left-- > 0) {
        const contactId = `rival-${newId()}`;
        const data = { organisationId: streamId.slice('organisation-'.length), contactId, givenName: 'R', familyName: 'V', email: 'rival@example.org' };
        await store.append(streamId, [{ eventId: newId(), type: 'OrganisationContactAdded', data, metadata: TEST_METADATA }], 'any');
      }
      return original.call(this, parentId);
    });
  };
  const typesOf = async (streamId: string) => (await app.get(`/v1/audit/streams/${streamId}`)).body.items.map((e: { type: string }) => e.type);

  beforeAll(async () => {
    app = await TestApp.start();
    store = app.app.get<EventStore>(EVENT_STORE);
    for (const organisationId of ['d-1', 'd-2']) expectOk(await app.command('RegisterOrganisation', { organisationId, type: 'district', name: organisationId }));
  });
  afterEach(() => jest.restoreAllMocks());
  afterAll(() => app.stop());

  it('a race lost once is retried with a fresh load and succeeds: the command’s event lands after the rival’s', async () => {
    expectOk(await app.command('RegisterOrganisation', { organisationId: 's-once', type: 'school', name: 'S', parentId: 'd-1' }));
    interfere('organisation-s-once', 1);
    const moved = expectOk(await app.command('UpdateOrganisation', { organisationId: 's-once', parentId: 'd-2' }));
    expect(moved.body.events).toEqual([{ type: 'OrganisationUpdated', revision: 2 }]);
    expect(await typesOf('organisation-s-once')).toEqual(['OrganisationRegistered', 'OrganisationContactAdded', 'OrganisationUpdated']);
    expect(parentLookup).toHaveBeenCalledTimes(2);
  });

  it('a race lost twice is 409 ConcurrencyConflict naming the stream, and the command appended nothing', async () => {
    expectOk(await app.command('RegisterOrganisation', { organisationId: 's-twice', type: 'school', name: 'S', parentId: 'd-1' }));
    interfere('organisation-s-twice', 2);
    const answer = await app.command('UpdateOrganisation', { organisationId: 's-twice', parentId: 'd-2' });
    expect([answer.status, answer.body.error, answer.body.details]).toEqual([409, 'ConcurrencyConflict', [{ streamId: 'organisation-s-twice' }]]);
    expect(typeof answer.body.message).toBe('string');
    expect(await typesOf('organisation-s-twice')).toEqual(['OrganisationRegistered', 'OrganisationContactAdded', 'OrganisationContactAdded']);
    expect(parentLookup).toHaveBeenCalledTimes(2);
  });

  it('with If-Match a lost race is not retried: 412 RevisionMismatch with the actual revision', async () => {
    expectOk(await app.command('RegisterOrganisation', { organisationId: 's-pinned', type: 'school', name: 'S', parentId: 'd-1' }));
    interfere('organisation-s-pinned', 1);
    const answer = await app.command('UpdateOrganisation', { organisationId: 's-pinned', parentId: 'd-2' }, { headers: { 'If-Match': '"0"' } });
    expect([answer.status, answer.body.error, answer.body.details]).toEqual([412, 'RevisionMismatch', [{ actualRevision: 1 }]]);
    expect(parentLookup).toHaveBeenCalledTimes(1);
  });

  it('audit 1: every event of a command carries its causationId (the command’s own id) and occurredAt (when it was decided)', async () => {
    const before = Date.now();
    const first = expectOk(await app.command('RegisterOrganisation', { organisationId: 's-meta', type: 'school', name: 'S', parentId: 'd-1' }, { headers: { 'X-Correlation-Id': 'corr-meta' } }));
    const second = expectOk(await app.command('UpdateOrganisation', { organisationId: 's-meta', name: 'S2', telephone: '0100' }, { headers: { 'X-Correlation-Id': 'corr-meta' } }));
    const after = Date.now();
    expect([first.body.correlationId, second.body.correlationId]).toEqual(['corr-meta', 'corr-meta']);

    const items = (await app.get('/v1/audit/streams/organisation-s-meta')).body.items as { metadata: { causationId: string; occurredAt: string; correlationId: string; command: string } }[];
    expect(items.map((e) => [e.metadata.command, e.metadata.correlationId])).toEqual([['RegisterOrganisation', 'corr-meta'], ['UpdateOrganisation', 'corr-meta']]);
    const [registered, updated] = items.map((e) => e.metadata);
    for (const metadata of [registered, updated]) {
      expect(metadata.causationId).toMatch(UUID_V7);
      expect(metadata.occurredAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
      expect(Date.parse(metadata.occurredAt)).toBeGreaterThanOrEqual(before);
      expect(Date.parse(metadata.occurredAt)).toBeLessThanOrEqual(after);
    }
    // One request, two commands: one correlation id, two causation ids, neither of them the correlation id.
    expect(new Set([registered.causationId, updated.causationId, 'corr-meta']).size).toBe(3);
    expect(Date.parse(updated.occurredAt)).toBeGreaterThanOrEqual(Date.parse(registered.occurredAt));
  });

  it('audit 3: the global feed filtered by correlation id gives every event of that request across aggregates, in order, and nothing else', async () => {
    const headers = { 'X-Correlation-Id': 'corr-feed' };
    const sent = [
      await app.command('RegisterOrganisation', { organisationId: 's-feed', type: 'school', name: 'S', parentId: 'd-1' }, { headers }),
      await app.command('RegisterStudent', { studentId: 'st-feed', districtId: 'd-1', username: 'feed', givenName: 'F', familyName: 'D' }, { headers: { 'X-Correlation-Id': 'corr-other' } }),
      await app.command('RegisterStudent', { studentId: 'st-feed-2', districtId: 'd-1', username: 'feed2', givenName: 'F', familyName: 'D' }, { headers }),
      await app.command('AdmitStudentToSchool', { studentId: 'st-feed-2', schoolId: 's-feed', entryDate: '2025-09-01', entryGradeLevel: '05' }, { headers }),
    ];
    for (const answer of sent) expectOk(answer);
    const feed = await app.get('/v1/audit/events?fromPosition=0&limit=1000&correlationId=corr-feed');
    expect(feed.status).toBe(200);
    const items = feed.body.items as { type: string; position: string; metadata: { correlationId: string } }[];
    // The reservation of the username is appended under the same request too.
    expect(items.map((e) => e.type).filter((t) => !t.startsWith('Reservation'))).toEqual(['OrganisationRegistered', 'StudentRegistered', 'StudentAdmittedToSchool']);
    expect(items.every((e) => e.metadata.correlationId === 'corr-feed')).toBe(true);
    const positions = items.map((e) => BigInt(e.position));
    expect(positions).toEqual([...positions].sort((a, b) => (a < b ? -1 : 1)));
    const typed = await app.get('/v1/audit/events?fromPosition=0&limit=1000&correlationId=corr-feed&type=StudentRegistered');
    expect(typed.body.items.map((e: { type: string }) => e.type)).toEqual(['StudentRegistered']);
  });
});
