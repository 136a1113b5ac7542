import { RecordedEvent } from '../shared/event';

/**
 * The events `read` answers (asked for at the first step, as a generator would), each one opened
 * (at once when `openSync` can, else awaited), as an iterator of its own: an async generator around
 * another cost about 2.4 µs of promise turns per read, as much as the read itself for the short
 * tails commands load (most of them empty). Closing it early, or an event that fails to open, closes
 * the read too, as a generator's `for await` would; a read that fails ends it.
 */
export function openedEach(
  read: () => AsyncIterable<RecordedEvent>,
  openSync: (event: RecordedEvent) => RecordedEvent | undefined,
  open: (event: RecordedEvent) => Promise<RecordedEvent>,
): AsyncIterable<RecordedEvent> {
  return {
    [Symbol.asyncIterator]: (): AsyncIterator<RecordedEvent> => {
      let inner: AsyncIterator<RecordedEvent> | undefined;
      let finished = false;
      const close = async (): Promise<IteratorResult<RecordedEvent>> => {
        finished = true;
        await inner?.return?.();
        return { done: true, value: undefined };
      };
      return {
        next: async (): Promise<IteratorResult<RecordedEvent>> => {
          if (finished) return { done: true, value: undefined };
          let step: IteratorResult<RecordedEvent>;
          try {
            inner ??= read()[Symbol.asyncIterator]();
            step = await inner.next();
          } catch (error) {
            finished = true;
            throw error;
          }
          if (step.done) {
            finished = true;
            return step;
          }
          const opened = openSync(step.value);
          if (opened !== undefined) return { done: false, value: opened };
          try {
            return { done: false, value: await open(step.value) };
          } catch (error) {
            await close();
            throw error;
          }
        },
        return: close,
      };
    },
  };
}
