import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore } from '../../src/event-store/embedded/sqlite-event-store';
import { SqliteDocumentStore } from '../../src/read-store/embedded/sqlite-document-store';
import { newId } from '../../src/shared/ids';
import { TEST_METADATA } from '../../test/support/event-builders';
import { eventually } from '../../test/support/polling';
import { FaultyDocumentStore, refusedWrite } from '../../test/support/faults/document-store-faults';
import { tally } from '../../test/support/tally-projection';
import { readFailure } from './checkpoints';
import { ProjectionRebuild } from './projection-rebuild';
import { ProjectionRunner } from './projection-runner';

const FAST = { backoff: { initialMs: 10, maxMs: 200 }, attemptsPerEvent: 3 };

describe('ProjectionRunner under read-store faults', () => {
  let dir: string;
  let events: SqliteEventStore;
  let inner: SqliteDocumentStore;
  let documents: FaultyDocumentStore;
  const runners: ProjectionRunner[] = [];
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'ledger-runner-faults-'));
    events = SqliteEventStore.open({ file: join(dir, 'events.sqlite') });
    inner = SqliteDocumentStore.open({ file: join(dir, 'read-models.sqlite') });
    documents = new FaultyDocumentStore(inner);
  });
  afterEach(async () => {
    documents.heal();
    for (const runner of runners.splice(0)) await runner.stop();
    await events.close();
    await inner.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const runner = (name = 'tally') => {
    const created = new ProjectionRunner(tally(name), events, documents, { supervision: FAST });
    runners.push(created);
    return created;
  };
  /** Appends `count` events, each in its own append (so they reach a live runner in several batches); returns the last position. */
  const append = async (count: number, streams = 7): Promise<bigint> => {
    let last = 0n;
    for (let i = 0; i < count; i++) {
      const result = await events.append(`s-${i % streams}`, [{ eventId: newId(), type: 'Counted', data: {}, metadata: TEST_METADATA }], 'any');
      last = result.position;
    }
    return last;
  };
  const total = async (name = 'tally') => (await inner.collection<{ n: number }>(`${name}_totals`).get('total'))?.n ?? 0;
  const rebuildOf = (name = 'tally') => new ProjectionRebuild(tally(name), events, documents);

  it('a read store unavailable for 2 s: the runner is retrying with the error, resumes by itself, and ends identical to a rebuild', async () => {
    const live = runner();
    await live.start();
    expect(await live.waitFor(await append(40), 10_000)).toBe(true);

    documents.unavailableFor(2000);
    const head = await append(60);
    await eventually(() => live.status === 'retrying', 'the runner reports retrying');
    expect(live.lastError).toMatch(/unavailable/);
    expect(live.failure).toBeNull();

    expect(await live.waitFor(head, 15_000)).toBe(true);
    await eventually(() => live.status === 'live', 'the runner is live again');
    expect(documents.injected).toBeGreaterThan(0);
    expect(await total()).toBe(100);
    expect(await rebuildOf().verify(live)).toEqual([]);
  });

  it('a transient error never fails a projection, however many times it repeats', async () => {
    const live = runner();
    await live.start();
    documents.failNextWrites(8);
    const head = await append(5);
    expect(await live.waitFor(head, 15_000)).toBe(true);
    expect(live.failure).toBeNull();
    expect(await total()).toBe(5);
  });

  it('a batch stored but reported failed (failure after commit) is replayed harmlessly', async () => {
    const live = runner();
    await live.start();
    documents.failAfterCommit(3);
    const head = await append(30);
    expect(await live.waitFor(head, 15_000)).toBe(true);
    expect(documents.injected).toBe(3);
    expect(await total()).toBe(30);
    expect(await rebuildOf().verify(live)).toEqual([]);
  });

  it('a batch refused as a whole is re-read one event at a time, and the projection goes on when each event passes alone', async () => {
    await append(20);
    const live = runner();
    documents.failNextWrites(1, refusedWrite('injected: the batch was refused'));
    await live.start();
    expect(await live.waitFor(await events.headPosition(), 15_000)).toBe(true);
    expect(live.failure).toBeNull();
    expect(live.lastError).toMatch(/the batch was refused/);
    expect(await total()).toBe(20);
  });

  it('a poison event fails only its own projection, with its position and type; a rebuild after the fix brings it back', async () => {
    const poisoned = runner('poisoned');
    const healthy = runner('healthy');
    await poisoned.start();
    await healthy.start();
    await append(10);
    const before = await events.headPosition();
    await poisoned.waitFor(before, 10_000);

    // The next event's writes to the poisoned projection's documents are refused, as MongoDB refuses a bad key.
    const poisonAt = before + 1n;
    documents.failWrites({ position: poisonAt, collection: /^poisoned_streams/ }, refusedWrite('document key must not contain null bytes'));
    const head = await append(10);

    await eventually(() => poisoned.status === 'failed', 'the poisoned projection fails');
    expect(poisoned.failure).toEqual({ position: poisonAt, eventType: 'Counted', error: 'document key must not contain null bytes' });
    expect(poisoned.checkpoint).toBe(before);
    expect(await readFailure(inner, 'poisoned')).toMatchObject({ position: poisonAt.toString(), eventType: 'Counted' });
    expect(await healthy.waitFor(head, 10_000)).toBe(true);
    expect(healthy.status).toBe('live');
    expect(await total('healthy')).toBe(20);

    // Still broken: the rebuild fails the same way and the projection stays failed.
    await expect(rebuildOf('poisoned').rebuild(poisoned)).rejects.toThrow(/null bytes/);
    await eventually(() => poisoned.status === 'failed', 'the projection is failed again after the failed rebuild');

    documents.heal();
    await rebuildOf('poisoned').rebuild(poisoned);
    expect(await poisoned.waitFor(head, 10_000)).toBe(true);
    await eventually(() => poisoned.status === 'live', 'the rebuilt projection is live');
    expect(poisoned.failure).toBeNull();
    expect(await readFailure(inner, 'poisoned')).toBeNull();
    expect(await total('poisoned')).toBe(20);
  });

  it('a failure that clears by itself (a restart after a fix) removes the stored failure with the next progress', async () => {
    await append(3);
    const first = runner();
    const stop = documents.failWrites({ position: 2n, collection: 'tally_streams' });
    await first.start();
    await eventually(() => first.status === 'failed', 'the projection fails');
    await first.stop();
    stop();
    const again = runner();
    await again.start();
    expect(await again.waitFor(3n, 10_000)).toBe(true);
    expect(await readFailure(inner, 'tally')).toBeNull();
    expect(await total()).toBe(3);
  });
});
