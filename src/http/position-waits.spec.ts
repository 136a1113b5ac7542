import { ApiError } from './api-error';
import { POLL_INTERVAL_MS, PositionWaits } from './position-waits';

describe('minPosition waits', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  const polling = (limits = { maxPositionWaiters: 2000, maxPositionWaitersPerToken: 2000 }) => {
    const reads: string[] = [];
    let checkpoint = 0n;
    const waits = new PositionWaits(limits, {
      poll: async (projection) => {
        reads.push(projection);
        return checkpoint;
      },
    });
    return { waits, reads, advanceTo: (position: bigint) => void (checkpoint = position) };
  };

  it('with projections in another process, one poller per projection serves every waiter', async () => {
    const { waits, reads, advanceTo } = polling();
    const answers = Array.from({ length: 1000 }, (_, i) => waits.waitFor(`token-${i % 10}`, 'rosters', 5n, 5000));
    const other = waits.waitFor('token-0', 'claims', 1n, 5000);
    await jest.advanceTimersByTimeAsync(POLL_INTERVAL_MS * 4);
    expect(reads.filter((r) => r === 'rosters').length).toBeLessThanOrEqual(5);
    advanceTo(5n);
    await jest.advanceTimersByTimeAsync(POLL_INTERVAL_MS);
    expect(new Set(await Promise.all([...answers, other]))).toEqual(new Set([true]));
    expect(waits.running).toBe(0);
    // No waiter, no polling.
    const before = reads.length;
    await jest.advanceTimersByTimeAsync(POLL_INTERVAL_MS * 10);
    expect(reads.length).toBe(before);
  });

  it('a wait that is not satisfied in time answers false, and its slot is freed', async () => {
    const { waits } = polling({ maxPositionWaiters: 1, maxPositionWaitersPerToken: 1 });
    const late = waits.waitFor('t', 'rosters', 9n, 5000);
    await jest.advanceTimersByTimeAsync(5000);
    expect(await late).toBe(false);
    const again = waits.waitFor('t', 'rosters', 0n, 5000);
    await jest.advanceTimersByTimeAsync(0);
    expect(await again).toBe(true);
  });

  it('beyond the limits, in all and per token, a wait is refused at once with 503 ProjectionBehind', async () => {
    const { waits } = polling({ maxPositionWaiters: 3, maxPositionWaitersPerToken: 2 });
    const held = [waits.waitFor('a', 'rosters', 9n, 5000), waits.waitFor('a', 'rosters', 9n, 5000)];
    await expect(waits.waitFor('a', 'rosters', 9n, 5000)).rejects.toMatchObject({ status: 503, code: 'ProjectionBehind', headers: { 'Retry-After': '1' } });
    held.push(waits.waitFor('b', 'rosters', 9n, 5000));
    const refused = await waits.waitFor('c', 'rosters', 9n, 5000).catch((error: ApiError) => error);
    expect(refused).toBeInstanceOf(ApiError);
    expect((refused as ApiError).message).toMatch(/in all/);
    await jest.advanceTimersByTimeAsync(5000);
    expect(await Promise.all(held)).toEqual([false, false, false]);
    expect(waits.running).toBe(0);
  });

  it('with projections in this process, the runner is asked and no polling happens', async () => {
    const asked: [string, bigint][] = [];
    const waits = new PositionWaits({ maxPositionWaiters: 10, maxPositionWaitersPerToken: 10 }, {
      inProcess: async (projection, position) => {
        asked.push([projection, position]);
        return true;
      },
    });
    expect(await waits.waitFor('t', 'claims', 3n, 5000)).toBe(true);
    expect(asked).toEqual([['claims', 3n]]);
  });
});
