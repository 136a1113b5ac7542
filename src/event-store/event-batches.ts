import type { RecordedEvent } from '../shared/event';

/**
 * Groups an ordered event stream into ordered batches: a batch closes when it is full or when the
 * next event is not already at hand, so catch-up runs in large batches and live events go out at once.
 * `maxBatch` may be a function, read as each batch opens (a subscriber isolating a failing event asks for 1).
 */
export function eventBatches(
  source: AsyncIterable<RecordedEvent> & { pages?(): AsyncIterable<RecordedEvent[]> },
  maxBatch: number | (() => number),
): AsyncGenerator<RecordedEvent[]> {
  const limit = typeof maxBatch === 'number' ? () => maxBatch : maxBatch;
  return source.pages ? batchesOfPages(source.pages(), limit) : batchesOfEvents(source, limit);
}

/** A source that reads pages already has its events at hand a page at a time: each page is cut to the batch size. */
async function* batchesOfPages(pages: AsyncIterable<RecordedEvent[]>, limit: () => number): AsyncGenerator<RecordedEvent[]> {
  for await (const page of pages) {
    for (let from = 0; from < page.length; ) {
      const size = Math.max(1, limit());
      yield from === 0 && size >= page.length ? page : page.slice(from, from + size);
      from += size;
    }
  }
}

async function* batchesOfEvents(source: AsyncIterable<RecordedEvent>, limit: () => number): AsyncGenerator<RecordedEvent[]> {
  const iterator = source[Symbol.asyncIterator]();
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
