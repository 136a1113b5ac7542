import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore } from '../../src/event-store/embedded/sqlite-event-store';
import { SqliteDocumentStore } from '../../src/read-store/embedded/sqlite-document-store';
import { newId } from '../../src/shared/ids';
import { TEST_METADATA } from '../../test/support/event-builders';
import { FaultyDocumentStore } from '../../test/support/faults/document-store-faults';
import { tally } from '../../test/support/tally-projection';
import { FAILURES, readCheckpoint } from './checkpoints';
import { ProjectionRebuild, SWAPS } from './projection-rebuild';
import { ProjectionRunner } from './projection-runner';

const counting = tally('tally');

describe('Rebuild swap', () => {
  let dir: string;
  let events: SqliteEventStore;
  let inner: SqliteDocumentStore;
  let documents: FaultyDocumentStore;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'ledger-swap-'));
    events = SqliteEventStore.open({ file: join(dir, 'events.sqlite') });
    inner = SqliteDocumentStore.open({ file: join(dir, 'read-models.sqlite') });
    documents = new FaultyDocumentStore(inner);
  });
  afterEach(async () => {
    await events.close();
    await inner.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('is marked in progress; a swap cut short half-way (one collection renamed) is finished at the next start', async () => {
    for (let i = 0; i < 30; i++) {
      await events.append(`s-${i % 4}`, [{ eventId: newId(), type: 'Counted', data: {}, metadata: TEST_METADATA }], 'any');
    }
    const head = await events.headPosition();
    const live = new ProjectionRunner(counting, events, documents);
    await live.prepare();
    // A live read model that a rebuild must replace.
    await inner.collection('tally_totals').put('total', { n: 999 });

    // The swap fails after the marker is stored, and after MongoDB would have renamed the first collection.
    const lift = documents.failWrites({ collection: FAILURES });
    await expect(new ProjectionRebuild(counting, events, documents).rebuild(live)).rejects.toThrow(/refused/);
    lift();
    expect(await inner.collection(SWAPS).get('tally')).toMatchObject({ builtCollections: ['tally_streams', 'tally_totals'] });
    expect(await inner.collection<{ n: number }>('tally_totals').get('total')).toEqual({ n: 999 });
    await inner.renameCollection('tally_streams__shadow', 'tally_streams');

    expect(await new ProjectionRebuild(counting, events, documents).finishInterruptedSwap()).toBe(true);
    expect(await inner.collection<{ n: number }>('tally_totals').get('total')).toEqual({ n: 30 });
    expect(await inner.collection<{ n: number }>('tally_streams').get('s-0')).toEqual({ n: 8 });
    expect((await readCheckpoint(inner, 'tally'))?.position).toBe(head.toString());
    expect(await inner.collection(SWAPS).get('tally')).toBeNull();
    expect((await inner.listCollections()).filter((name) => name.endsWith('__shadow'))).toEqual([]);
    expect(await new ProjectionRebuild(counting, events, documents).finishInterruptedSwap()).toBe(false);
  });

  it('a stored checkpoint only moves forward: a batch or a flush that arrives late with an older position changes nothing', async () => {
    await events.append('s', [{ eventId: newId(), type: 'Counted', data: {}, metadata: TEST_METADATA }], 'any');
    await events.append('s', [{ eventId: newId(), type: 'Other', data: {}, metadata: TEST_METADATA }], 'any');
    const late = new ProjectionRunner(counting, events, documents);
    await late.prepare();
    const all = [];
    for await (const event of events.readAll()) all.push(event);
    // A newer runner stored position 2 while this one was still applying position 1.
    const ahead = new ProjectionRunner(counting, events, documents);
    await ahead.prepare();
    await ahead.applyBatch(all);
    await late.applyBatch(all.slice(0, 1));
    expect((await readCheckpoint(inner, 'tally'))?.position).toBe('2');
    await late.flushCheckpoint();
    expect((await readCheckpoint(inner, 'tally'))?.position).toBe('2');
  });
});
