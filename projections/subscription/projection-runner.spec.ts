import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteDocumentStore } from '../../src/read-store/embedded/sqlite-document-store';
import { SqliteEventStore } from '../../src/event-store/embedded/sqlite-event-store';
import { newId } from '../../src/shared/ids';
import { TEST_METADATA } from '../../test/support/event-builders';
import { checkpointsOf } from './checkpoints';
import { ProjectionDefinition } from './projection';
import { ProjectionRunner } from './projection-runner';

const counter: ProjectionDefinition = {
  name: 'counter',
  version: 1,
  collections: { counts: [] },
  handles: new Set(['Counted']),
  async apply(event, context) {
    await context.collection<{ n: number }>('counts').update('total', (doc) => ({ n: (doc?.n ?? 0) + 1 }));
  },
};

describe('ProjectionRunner', () => {
  let dir: string;
  let events: SqliteEventStore;
  let documents: SqliteDocumentStore;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'ledger-runner-'));
    events = SqliteEventStore.open({ file: join(dir, 'events.sqlite') });
    documents = SqliteDocumentStore.open({ file: join(dir, 'read-models.sqlite') });
  });
  afterEach(async () => {
    await events.close();
    await documents.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const append = (type: string, count: number) =>
    Promise.all(Array.from({ length: count }, () => events.append(`s-${newId()}`, [{ eventId: newId(), type, data: {}, metadata: TEST_METADATA }], 'no_stream')));
  const total = async () => (await documents.collection<{ n: number }>('counts').get('total'))?.n ?? 0;
  const stored = async () => BigInt((await checkpointsOf(documents).get('counter'))?.position ?? '0');

  it('follows the log live, counts each handled event once, and answers waitFor', async () => {
    const runner = new ProjectionRunner(counter, events, documents);
    await append('Counted', 5);
    await runner.start();
    await append('Other', 3);
    const last = await events.append('s-last', [{ eventId: newId(), type: 'Counted', data: {}, metadata: TEST_METADATA }], 'no_stream');
    expect(await runner.waitFor(last.position, 5000)).toBe(true);
    expect(await total()).toBe(6);
    expect(await runner.waitFor(last.position + 100n, 50)).toBe(false);
    await runner.stop();
  });

  it('a batch it does not handle moves the checkpoint in memory; stop stores it; a restart counts nothing twice', async () => {
    await append('Counted', 2);
    const runner = new ProjectionRunner(counter, events, documents);
    await runner.start();
    await runner.waitFor(await events.headPosition(), 5000);
    await append('Other', 4);
    const head = await events.headPosition();
    expect(await runner.waitFor(head, 5000)).toBe(true);
    expect(runner.checkpoint).toBe(head);
    await runner.stop();
    expect(await stored()).toBe(head);

    await append('Counted', 1);
    const again = new ProjectionRunner(counter, events, documents);
    await again.start();
    expect(await again.waitFor(await events.headPosition(), 5000)).toBe(true);
    expect(await total()).toBe(3);
    await again.stop();
  });

  it('a crash before an unhandled batch’s checkpoint is stored re-reads those events harmlessly', async () => {
    await append('Counted', 2);
    const first = new ProjectionRunner(counter, events, documents);
    await first.prepare();
    const batch = [];
    for await (const event of events.readAll()) batch.push(event);
    await first.applyBatch(batch);
    await append('Other', 3);
    const more = [];
    for await (const event of events.readAll({ after: first.checkpoint })) more.push(event);
    await first.applyBatch(more);
    // "Crash": a new runner starts from what was stored, which may be behind the memory of the first.
    const second = new ProjectionRunner(counter, events, documents);
    await second.prepare();
    expect(second.checkpoint).toBeLessThanOrEqual(first.checkpoint);
    const replay = [];
    for await (const event of events.readAll({ after: second.checkpoint })) replay.push(event);
    if (replay.length) await second.applyBatch(replay);
    expect(await total()).toBe(2);
    expect(second.checkpoint).toBe(await events.headPosition());
  });

  it('flushing never moves a stored checkpoint back', async () => {
    await append('Counted', 3);
    const ahead = new ProjectionRunner(counter, events, documents);
    await ahead.start();
    await ahead.waitFor(await events.headPosition(), 5000);
    await ahead.stop();
    const behind = new ProjectionRunner(counter, events, documents, { checkpointId: 'counter' });
    await behind.prepare();
    const head = await stored();
    (behind as unknown as { position: bigint }).position = head - 1n;
    await behind.flushCheckpoint();
    expect(await stored()).toBe(head);
  });
});
