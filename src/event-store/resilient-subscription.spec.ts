import { RecordedEvent } from '../shared/event';
import { ResilientSubscription } from './resilient-subscription';

const eventAt = (position: bigint): RecordedEvent => ({
  eventId: `e-${position}`,
  streamId: 'student-1',
  type: 'StudentRegistered',
  data: { n: Number(position) },
  metadata: {
    occurredAt: '2025-01-01T00:00:00.000Z',
    actor: { type: 'system', id: 'test' },
    correlationId: 'c',
    causationId: 'c',
    command: 'Test',
    schemaVersion: 1,
  },
  revision: position,
  position,
});

/** An in-memory global log whose reads drop on a schedule, like a server connection that keeps failing. */
class FlakyLog {
  readonly events: RecordedEvent[] = [];
  readonly opens: Array<bigint | undefined> = [];
  private waiters: Array<() => void> = [];

  constructor(
    private readonly drops: { failOpen?: (open: number) => boolean; dropAfter?: (open: number) => number | undefined },
    private readonly inclusive = false,
  ) {}

  append(count: number): void {
    for (let i = 0; i < count; i++) this.events.push(eventAt(BigInt((this.events.length + 1) * 10)));
    for (const wake of this.waiters.splice(0)) wake();
  }

  readonly open = (after?: bigint): AsyncIterable<RecordedEvent> => {
    const openIndex = this.opens.push(after) - 1;
    if (this.drops.failOpen?.(openIndex)) throw new Error(`connection refused (open ${openIndex})`);
    const dropAfter = this.drops.dropAfter?.(openIndex);
    const log = this;
    return (async function* () {
      let delivered = 0;
      let index = 0;
      for (;;) {
        while (index < log.events.length) {
          const event = log.events[index++];
          const wanted = after === undefined || (log.inclusive ? event.position >= after : event.position > after);
          if (!wanted) continue;
          if (dropAfter !== undefined && delivered === dropAfter) throw new Error(`stream reset (open ${openIndex})`);
          delivered++;
          yield event;
        }
        await new Promise<void>((resolve) => log.waiters.push(resolve));
      }
    })();
  };
}

const take = async (subscription: ResilientSubscription, count: number): Promise<RecordedEvent[]> => {
  const seen: RecordedEvent[] = [];
  for await (const event of subscription) {
    seen.push(event);
    if (seen.length === count) break;
  }
  return seen;
};

const positions = (events: RecordedEvent[]): bigint[] => events.map((e) => e.position);
const expectedPositions = (from: number, to: number): bigint[] =>
  Array.from({ length: to - from + 1 }, (_, i) => BigInt((from + i) * 10));

const fastBackoff = { initialMs: 1, maxMs: 4 };

describe('ResilientSubscription', () => {
  it('delivers every event once, in order, across drops mid-stream and failed reopens', async () => {
    const log = new FlakyLog({ failOpen: (n) => n % 3 === 2, dropAfter: (n) => (n % 2 === 0 ? 7 : 3) });
    log.append(100);
    const drops: unknown[] = [];
    const subscription = new ResilientSubscription({
      open: log.open,
      caughtUpProbe: () => false,
      backoff: fastBackoff,
      onDrop: (error) => drops.push(error),
    });

    const seen = await take(subscription, 100);

    expect(positions(seen)).toEqual(expectedPositions(1, 100));
    expect(drops.length).toBeGreaterThan(10);
    await subscription.close();
  });

  it('reopens from the last delivered position, exclusive, even when the source repeats its start', async () => {
    const log = new FlakyLog({ dropAfter: () => 4 }, true);
    log.append(20);
    const subscription = new ResilientSubscription({ open: log.open, caughtUpProbe: () => false, after: 30n, backoff: fastBackoff });

    const seen = await take(subscription, 17);

    expect(positions(seen)).toEqual(expectedPositions(4, 20));
    expect(log.opens.slice(0, 3)).toEqual([30n, 60n, 90n]);
    await subscription.close();
  });

  it('keeps delivering events appended while it is catching up and after it has caught up', async () => {
    const log = new FlakyLog({ dropAfter: (n) => (n < 5 ? 5 : undefined) });
    log.append(10);
    const headAtStart = 100n;
    const subscription = new ResilientSubscription({
      open: log.open,
      caughtUpProbe: (last) => last !== undefined && last >= headAtStart,
      backoff: fastBackoff,
    });

    const seen: RecordedEvent[] = [];
    const caughtUpAt: number[] = [];
    for await (const event of subscription) {
      seen.push(event);
      if (subscription.caughtUp && caughtUpAt.length === 0) caughtUpAt.push(seen.length);
      if (seen.length === 3) log.append(5);
      if (seen.length === 15) log.append(5);
      if (seen.length === 20) break;
    }

    expect(positions(seen)).toEqual(expectedPositions(1, 20));
    expect(caughtUpAt).toEqual([10]);
    expect(subscription.caughtUp).toBe(true);
  });

  it('turns caughtUp without delivering anything when the probe says the head is already behind it', async () => {
    const subscription = new ResilientSubscription({ open: new FlakyLog({}).open, caughtUpProbe: () => true });
    expect(subscription.caughtUp).toBe(true);
    await subscription.close();
  });

  it('ends a pending iteration when closed, and does not reopen afterwards', async () => {
    const log = new FlakyLog({});
    log.append(2);
    let ended = 0;
    const subscription = new ResilientSubscription({ open: log.open, caughtUpProbe: () => false, onEnd: () => ended++ });
    const seen: RecordedEvent[] = [];
    const consumed = (async () => {
      for await (const event of subscription) seen.push(event);
    })();
    await new Promise((resolve) => setTimeout(resolve, 20));

    await subscription.close();
    await consumed;
    log.append(3);
    await new Promise((resolve) => setTimeout(resolve, 20));

    expect(positions(seen)).toEqual(expectedPositions(1, 2));
    expect(log.opens).toHaveLength(1);
    expect(ended).toBe(1);
  });

  it('backs off exponentially up to the cap while the source keeps failing, and resets after a delivery', async () => {
    const log = new FlakyLog({ failOpen: (n) => n < 6 });
    log.append(1);
    const delays: number[] = [];
    const subscription = new ResilientSubscription({
      open: log.open,
      caughtUpProbe: () => false,
      backoff: fastBackoff,
      onDrop: (_error, _attempt, retryInMs) => delays.push(retryInMs),
    });

    expect(positions(await take(subscription, 1))).toEqual([10n]);
    expect(delays).toEqual([1, 2, 4, 4, 4, 4]);
    await subscription.close();
  });

  it('reopens when the source ends without an error', async () => {
    let opens = 0;
    const subscription = new ResilientSubscription({
      open: async function* (after) {
        opens++;
        yield eventAt((after ?? 0n) + 1n);
      },
      caughtUpProbe: () => false,
      backoff: fastBackoff,
    });

    expect(positions(await take(subscription, 3))).toEqual([1n, 2n, 3n]);
    expect(opens).toBe(3);
  });

  it('throws errors that a reopen cannot cure to the consumer', async () => {
    const subscription = new ResilientSubscription({
      open: () => {
        throw new Error('access denied');
      },
      caughtUpProbe: () => false,
      isFatal: (error) => error instanceof Error && error.message === 'access denied',
    });

    await expect(take(subscription, 1)).rejects.toThrow('access denied');
  });

  it('refuses a second consumer', async () => {
    const subscription = new ResilientSubscription({ open: new FlakyLog({}).open, caughtUpProbe: () => false });
    subscription[Symbol.asyncIterator]();
    expect(() => subscription[Symbol.asyncIterator]()).toThrow('only once');
    await subscription.close();
  });
});
