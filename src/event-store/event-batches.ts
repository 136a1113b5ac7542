import type { RecordedEvent } from '../shared/event';

/**
 * Groups an ordered event stream into ordered batches: a batch closes when it is full or when the
 * next event is not already at hand, so catch-up runs in large batches and live events go out at once.
 * `maxBatch` may be a function, read as each batch opens (a subscriber isolating a failing event asks for 1).
 */
export async function* eventBatches(source: AsyncIterable<RecordedEvent>, maxBatch: number | (() => number)): AsyncGenerator<RecordedEvent[]> {
  const iterator = source[Symbol.asyncIterator]();
  const limit = typeof maxBatch === 'number' ? () => maxBatch : maxBatch;
  let pending: Promise<IteratorResult<RecordedEvent>> | null = null;
  const tick = Symbol('tick');
  try {
    while (true) {
      const first = await (pending ?? iterator.next());
      pending = null;
      if (first.done) return;
      const batch = [first.value];
      const size = limit();
      while (batch.length < size) {
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
