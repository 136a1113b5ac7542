import { RecordedEvent } from '../shared/event';
import { openedEach } from './opened-events';

const event = (n: number) => ({ eventId: `e${n}`, streamId: 's', type: 'T', revision: BigInt(n), position: BigInt(n + 1), data: { n }, metadata: {} }) as unknown as RecordedEvent;

/** A read of `count` events that records what was asked of it. */
function reading(count: number, failAt?: number) {
  const log: string[] = [];
  const read = () => {
    log.push('read');
    return (async function* () {
      try {
        for (let n = 0; n < count; n++) {
          if (n === failAt) throw new Error('read failed');
          yield event(n);
        }
      } finally {
        log.push('closed');
      }
    })();
  };
  return { log, read };
}

const collect = async (events: AsyncIterable<RecordedEvent>) => {
  const out: unknown[] = [];
  for await (const e of events) out.push(e.data);
  return out;
};

describe('openedEach', () => {
  it('opens every event in order, at once when it can and awaited when it cannot, reading only when iterated', async () => {
    const { log, read } = reading(4);
    const events = openedEach(
      read,
      (e) => (Number(e.revision) % 2 === 0 ? { ...e, data: { opened: 'sync', ...(e.data as object) } } : undefined),
      async (e) => ({ ...e, data: { opened: 'async', ...(e.data as object) } }),
    );
    expect(log).toEqual([]);
    expect(await collect(events)).toEqual([
      { opened: 'sync', n: 0 },
      { opened: 'async', n: 1 },
      { opened: 'sync', n: 2 },
      { opened: 'async', n: 3 },
    ]);
    expect(log).toEqual(['read', 'closed']);
    expect(await collect(openedEach(reading(0).read, (e) => e, async (e) => e))).toEqual([]);
  });

  it('closes the read when the reader stops early or an event fails to open, and passes a failed read on', async () => {
    const early = reading(5);
    for await (const e of openedEach(early.read, (x) => x, async (x) => x)) if (e.revision === 1n) break;
    expect(early.log).toEqual(['read', 'closed']);

    const failing = reading(5);
    const opening = openedEach(failing.read, () => undefined, async (e) => {
      if (e.revision === 2n) throw new Error('no key');
      return e;
    });
    await expect(collect(opening)).rejects.toThrow('no key');
    expect(failing.log).toEqual(['read', 'closed']);

    await expect(collect(openedEach(reading(5, 3).read, (e) => e, async (e) => e))).rejects.toThrow('read failed');
  });
});
