import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EncryptingEventStore } from '../../privacy/encrypting-event-store';
import { KeyRing } from '../../privacy/key-ring';
import { studentPersonalData } from '../../privacy/personal-data-catalog';
import { SqliteKeyStore } from '../../privacy/sqlite-key-store';
import { NewEvent, RecordedEvent } from '../../shared/event';
import { newId } from '../../shared/ids';
import { eventBatches } from '../event-batches';
import { Subscription } from '../event-store.port';
import { SqliteEventStore } from './sqlite-event-store';
import { TEST_METADATA as metadata } from '../../../test/support/event-builders';

const event = (type: string, data: object): NewEvent => ({ eventId: newId(), type, data, metadata });
const many = (count: number, type = 'Counted') => Array.from({ length: count }, (_, n) => event(type, { n }));

async function eventually(check: () => boolean): Promise<void> {
  for (let i = 0; i < 200 && !check(); i++) await new Promise((resolve) => setTimeout(resolve, 10));
  expect(check()).toBe(true);
}

/** Reads a subscription by pages, noting per page whether it was caught up when the page arrived. */
function readPages(subscription: Subscription) {
  const pages: { positions: bigint[]; caughtUp: boolean; events: RecordedEvent[] }[] = [];
  const done = (async () => {
    for await (const page of subscription.pages!()) pages.push({ positions: page.map((e) => e.position), caughtUp: subscription.caughtUp, events: page });
  })();
  return { pages, done };
}

describe('the embedded subscription read by pages', () => {
  let folder: string;
  let store: SqliteEventStore;

  beforeEach(() => {
    folder = mkdtempSync(join(tmpdir(), 'ledger-subscription-pages-'));
    store = SqliteEventStore.open({ file: join(folder, 'events.sqlite') });
  });
  afterEach(async () => {
    await store.close();
    rmSync(folder, { recursive: true, force: true });
  });

  it('delivers every event once, in order, a page at a time; caught up only with the page that reaches the head; later appends follow', async () => {
    await store.append('s-1', many(600), 'no_stream');
    const subscription = store.subscribeToAll({ after: 50n });
    const { pages, done } = readPages(subscription);
    await eventually(() => pages.length === 2);
    expect(pages.map((p) => [p.positions.length, p.caughtUp])).toEqual([[500, false], [50, true]]);

    await store.append('s-1', many(3), 599n);
    await eventually(() => pages.length === 3);
    await subscription.close();
    await done;
    expect(pages.flatMap((p) => p.positions)).toEqual(Array.from({ length: 553 }, (_, i) => BigInt(i + 51)));
  });

  it('through the decrypting store, with a types hint: pages of opened events of those types, and the head', async () => {
    const ring = await KeyRing.open(SqliteKeyStore.open(join(folder, 'keys.sqlite')), randomBytes(32), { origin: 'test' });
    const decrypting = new EncryptingEventStore(store, ring, studentPersonalData);
    await decrypting.append('student-st-1', [event('StudentRegistered', { studentId: 'st-1', districtId: 'd-1', username: 'ada.l', givenName: 'Ada', familyName: 'Lovelace', grades: [] })], 'no_stream');
    await decrypting.append('s-2', many(2), 'no_stream');
    const subscription = decrypting.subscribeToAll({ types: new Set(['StudentRegistered']) });
    const { pages, done } = readPages(subscription);
    await eventually(() => subscription.caughtUp && pages.length > 0);
    await subscription.close();
    await done;
    const delivered = pages.flatMap((p) => p.events);
    expect(delivered.map((e) => [e.type, e.position])).toEqual([['StudentRegistered', 1n], ['Counted', 3n]]);
    expect(delivered[0].data).toMatchObject({ givenName: 'Ada', familyName: 'Lovelace' });
  });

  it('batches of a paged subscription are its pages cut to the batch size asked as each batch opens', async () => {
    await store.append('s-1', many(7), 'no_stream');
    const subscription = store.subscribeToAll();
    const sizes = [3, 1, 5];
    const batches: bigint[][] = [];
    for await (const batch of eventBatches(subscription, () => sizes[Math.min(batches.length, 2)])) {
      batches.push(batch.map((e) => e.position));
      if (batches.flat().length === 7) await subscription.close();
    }
    expect(batches).toEqual([[1n, 2n, 3n], [4n], [5n, 6n, 7n]]);
  });
});
