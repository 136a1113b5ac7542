import type { RecordedEvent } from '../../src/shared/event';

/**
 * Groups an ordered event stream into ordered batches: a batch closes when it is full or when the
 * next event is not already at hand, so catch-up runs in large batches and live events go out at once.
 */
export async function* eventBatches(source: AsyncIterable<RecordedEvent>, maxBatch: number): AsyncGenerator<RecordedEvent[]> {
  const iterator = source[Symbol.asyncIterator]();
  let pending: Promise<IteratorResult<RecordedEvent>> | null = null;
  const tick = Symbol('tick');
  try {
    while (true) {
      const first = await (pending ?? iterator.next());
      pending = null;
      if (first.done) return;
      const batch = [first.value];
      while (batch.length < maxBatch) {
        pending = iterator.next();
        const next = await Promise.race([pending, new Promise<typeof tick>((r) => setImmediate(() => r(tick)))]);
        if (next === tick) break;
        pending = null;
        if (next.done) {
          yield batch;
          return;
        }
        batch.push(next.value);
      }
      yield batch;
    }
  } finally {
    await iterator.return?.();
  }
}
