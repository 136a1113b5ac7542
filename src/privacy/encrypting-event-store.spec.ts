import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore } from '../event-store/embedded/sqlite-event-store';
import { readPages } from '../event-store/event-pages';
import type { ReadAllOptions } from '../event-store/event-store.port';
import { NewEvent, RecordedEvent } from '../shared/event';
import { newId } from '../shared/ids';
import { EncryptingEventStore, SubjectErasedError } from './encrypting-event-store';
import { SEALED } from './event-cipher';
import { KeyRing } from './key-ring';
import { studentPersonalData } from './personal-data-catalog';
import { SqliteKeyStore } from './sqlite-key-store';
import { BoxOpener } from './box-opener';
import { TEST_METADATA as metadata } from '../../test/support/event-builders';

const event = (type: string, data: object): NewEvent => ({ eventId: newId(), type, data, metadata });
const registered = { studentId: 'st-1', districtId: 'd-1', username: 'ada.l', givenName: 'Ada', familyName: 'Lovelace', birthDate: '2012-12-10', grades: ['05'] };

async function all(events: AsyncIterable<RecordedEvent>): Promise<RecordedEvent[]> {
  const out: RecordedEvent[] = [];
  for await (const e of events) out.push(e);
  return out;
}

async function paged(source: Parameters<typeof readPages>[0], types?: ReadonlySet<string>): Promise<RecordedEvent[]> {
  const out: RecordedEvent[] = [];
  for await (const page of readPages(source, { types, pageSize: 2 })) out.push(...page.events);
  return out;
}

describe('EncryptingEventStore', () => {
  let folder: string;
  let raw: SqliteEventStore;
  let ring: KeyRing;
  let store: EncryptingEventStore;

  beforeEach(async () => {
    folder = mkdtempSync(join(tmpdir(), 'ledger-encrypting-'));
    raw = SqliteEventStore.open({ file: join(folder, 'events.sqlite') });
    ring = await KeyRing.open(SqliteKeyStore.open(join(folder, 'keys.sqlite')), randomBytes(32), { origin: 'test' });
    store = new EncryptingEventStore(raw, ring, studentPersonalData);
  });
  afterEach(async () => {
    await store.close();
    rmSync(folder, { recursive: true, force: true });
  });

  it('stores personal fields sealed and the rest clear; every read path gives the appended event back, key for key', async () => {
    await store.append('student-st-1', [event('StudentRegistered', registered), event('StudentWorkRecorded', { studentId: 'st-1', workId: 'w-1', completedAt: 'x', activity: 'a' })], 'no_stream');
    const [stored, work] = await all(raw.readStream('student-st-1'));
    // The log stores canonical JSON (keys sorted; src/event-store/hash-chain.ts), so the stored keys are compared as a set.
    expect(Object.keys(stored.data as object).sort()).toEqual(['studentId', 'districtId', 'grades', SEALED].sort());
    expect(JSON.stringify(stored.data)).not.toMatch(/Ada|Lovelace|ada\.l|2012-12-10/);
    expect(work.data).toEqual({ studentId: 'st-1', workId: 'w-1', completedAt: 'x', activity: 'a' });
    await raw.close();
    raw = SqliteEventStore.open({ file: join(folder, 'events.sqlite') });
    expect(readFileSync(join(folder, 'events.sqlite')).includes('Lovelace')).toBe(false);
    store = new EncryptingEventStore(raw, ring, studentPersonalData);

    const [fromStream] = await all(store.readStream('student-st-1'));
    const [fromAll] = await all(store.readAll());
    const [fromPages] = await paged(store, new Set(['StudentRegistered']));
    const subscription = store.subscribeToAll();
    const [fromSubscription] = await all((async function* () {
      for await (const e of subscription) {
        yield e;
        await subscription.close();
      }
    })());
    for (const read of [fromStream, fromAll, fromSubscription, fromPages]) {
      expect(JSON.stringify(read.data)).toBe(JSON.stringify(registered));
      expect(read.metadata).toEqual(metadata);
      expect([read.revision, read.position]).toEqual([0n, 1n]);
    }
  });

  it('a ciphertext moved to another event does not open: reading its data fails rather than answer garbage', async () => {
    await store.append('student-st-1', [event('StudentRegistered', registered)], 'no_stream');
    const [stored] = await all(raw.readStream('student-st-1'));
    await raw.append('student-st-1', [event('StudentRegistered', stored.data as object)], 0n);
    const fresh = new EncryptingEventStore(raw, ring, studentPersonalData);
    const [own, moved] = await all(fresh.readStream('student-st-1'));
    expect(own.data).toMatchObject({ givenName: 'Ada' });
    expect(() => moved.data).toThrow(/unable to authenticate|auth/i);
  });

  it('after the key is destroyed, personal fields read as [erased] and no new personal data is stored for the subject', async () => {
    await store.append('student-st-1', [event('StudentRegistered', registered)], 'no_stream');
    await ring.destroy('st-1', new Date());
    const [read] = await all(store.readStream('student-st-1'));
    const erased = { studentId: 'st-1', districtId: 'd-1', username: '[erased]', givenName: '[erased]', familyName: '[erased]', birthDate: '[erased]', grades: ['05'] };
    expect(read.data).toEqual(erased);
    expect((await paged(store)).map((e) => e.data)).toEqual([erased]);
    await expect(store.append('student-st-1', [event('StudentDetailsUpdated', { studentId: 'st-1', givenName: 'Eve' })], 0n)).rejects.toThrow(SubjectErasedError);
    await store.append('student-st-1', [event('StudentDeactivated', { studentId: 'st-1' })], 0n);
  });

  it('pages are opened with keys fetched from the key store when not cached, and a missing key reads as erased', async () => {
    const master = randomBytes(32);
    const keys = SqliteKeyStore.open(join(folder, 'keys-2.sqlite'));
    const writer = new EncryptingEventStore(raw, await KeyRing.open(keys, master, { origin: 'test' }), studentPersonalData);
    await writer.append('student-st-1', [event('StudentRegistered', registered)], 'no_stream');
    await writer.append('organisation-d-1', [event('OrganisationRegistered', { organisationId: 'd-1', name: 'D' })], 'no_stream');
    await raw.append('student-st-2', [event('StudentRegistered', { ...(await paged(raw))[0].data as object, studentId: 'st-2' })], 'no_stream');
    const reader = new EncryptingEventStore(raw, await KeyRing.open(keys, master, { origin: 'test' }), studentPersonalData);
    const events = await paged(reader, new Set(['StudentRegistered']));
    expect(events.map((e) => [e.type, e.position])).toEqual([['StudentRegistered', 1n], ['OrganisationRegistered', 2n], ['StudentRegistered', 3n]]);
    expect(JSON.stringify(events[0].data)).toBe(JSON.stringify(registered));
    expect(events[1].data).toEqual({ organisationId: 'd-1', name: 'D' });
    expect(events[2].data).toMatchObject({ studentId: 'st-2', givenName: '[erased]', familyName: '[erased]' });
  });

  it('pages opened on the worker thread read as pages opened here; a box that does not open fails the page, naming the event', async () => {
    const opener = new BoxOpener(1);
    const onWorker = new EncryptingEventStore(raw, ring, studentPersonalData, opener);
    try {
      for (let i = 0; i < 5; i++) {
        await store.append(`student-st-${i}`, [event('StudentRegistered', { ...registered, studentId: `st-${i}`, givenName: `Ada ${i}` })], 'no_stream');
      }
      const here = await paged(store);
      expect(await opener.started()).toBe(true);
      expect(here.map((e) => (e.data as { givenName: string }).givenName)).toEqual(['Ada 0', 'Ada 1', 'Ada 2', 'Ada 3', 'Ada 4']);
      expect((await paged(onWorker)).map((e) => JSON.stringify(e.data))).toEqual(here.map((e) => JSON.stringify(e.data)));
      expect(opener.openedOnWorker).toBe(5);

      const [stored] = await all(raw.readStream('student-st-0'));
      await raw.append('student-st-0', [event('StudentRegistered', stored.data as object)], 0n);
      for (const reader of [store, onWorker]) await expect(paged(reader)).rejects.toThrow(/StudentRegistered at position 6 did not open: .*authenticate/);
    } finally {
      await onWorker.close();
    }
  });

  it('pages read the same whether the adapter hands sealed data over unparsed or parsed, here or on the worker; data that only looks sealed stays as stored', async () => {
    const opener = new BoxOpener(1);
    const onWorker = new EncryptingEventStore(raw, ring, studentPersonalData, opener);
    // Any other adapter: its events come parsed (readAll grouped into pages).
    const parsedOpener = new BoxOpener(1);
    const parsedOnly = new EncryptingEventStore(
      { ...raw, readPages: undefined, readAll: (options?: ReadAllOptions) => raw.readAll(options), headPosition: () => raw.headPosition(), close: () => raw.close() } as unknown as SqliteEventStore,
      ring,
      studentPersonalData,
      parsedOpener,
    );
    try {
      for (const i of [0, 1, 2, 9]) {
        await store.append(`student-st-${i}`, [event('StudentRegistered', { ...registered, studentId: `st-${i}`, givenName: `Ada ${i}` })], 'no_stream');
      }
      // Not sealed, in a student stream, with a nested key of the box's name: not a box.
      const lookalike = { studentId: 'st-9', districtId: 'd-1', grades: [], externalIds: [{ system: 'x', personalData: { box: 'not a box' } }] };
      await raw.append('student-st-9', [event('StudentRegistered', lookalike)], 0n);
      expect(await Promise.all([opener.started(), parsedOpener.started()])).toEqual([true, true]);
      const opened = [0, 1, 2, 9].map((i) => JSON.stringify({ ...registered, studentId: `st-${i}`, givenName: `Ada ${i}` }));
      for (const reader of [store, onWorker, parsedOnly]) {
        const events = await paged(reader);
        // Key for key, in the appended order; the lookalike as the log stores it (canonical JSON sorts keys).
        expect(events.slice(0, 4).map((e) => JSON.stringify(e.data))).toEqual(opened);
        expect(events[4].data).toEqual(lookalike);
      }
      // Unparsed, the lookalike goes to the worker (its text names the box's key) and comes back as stored; parsed, it is seen to hold no box.
      expect([opener.openedOnWorker, parsedOpener.openedOnWorker]).toEqual([5, 4]);
    } finally {
      await onWorker.close();
      await parsedOpener.close();
    }
  });

  it('events of other streams and types pass through untouched', async () => {
    await store.append('organisation-d-1', [event('OrganisationRegistered', { organisationId: 'd-1', name: 'D' })], 'no_stream');
    const [stored] = await all(raw.readStream('organisation-d-1'));
    expect(stored.data).toEqual({ organisationId: 'd-1', name: 'D' });
  });
});
