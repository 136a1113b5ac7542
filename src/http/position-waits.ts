import { ApiError } from './api-error';

/** How far one projection has read: the one call the shared poller makes. */
export type CheckpointReader = (projection: string) => Promise<bigint>;
/** Waits for a projection running in this process (told of each batch, no polling). */
export type InProcessWait = (projection: string, position: bigint, timeoutMs: number) => Promise<boolean>;

export interface WaitLimits {
  maxPositionWaiters: number;
  maxPositionWaitersPerToken: number;
}

export const POLL_INTERVAL_MS = 50;

interface Waiter {
  position: bigint;
  settle(reached: boolean): void;
}

/** One loop per projection reads its checkpoint for every waiter, however many there are. */
class SharedPoller {
  private readonly waiters = new Set<Waiter>();
  private running = false;

  constructor(
    private readonly read: () => Promise<bigint>,
    private readonly intervalMs: number,
  ) {}

  wait(position: bigint, timeoutMs: number): Promise<boolean> {
    return new Promise((resolve) => {
      const waiter: Waiter = {
        position,
        settle: (reached) => {
          clearTimeout(timer);
          this.waiters.delete(waiter);
          resolve(reached);
        },
      };
      const timer = setTimeout(() => waiter.settle(false), timeoutMs);
      this.waiters.add(waiter);
      if (!this.running) void this.loop();
    });
  }

  private async loop(): Promise<void> {
    this.running = true;
    try {
      while (this.waiters.size > 0) {
        let checkpoint: bigint | null = null;
        try {
          checkpoint = await this.read();
        } catch {
          // A store that fails to answer counts as "not there yet": waiters time out into 503.
        }
        if (checkpoint !== null) for (const waiter of [...this.waiters]) if (checkpoint >= waiter.position) waiter.settle(true);
        if (this.waiters.size > 0) await new Promise((r) => setTimeout(r, this.intervalMs));
      }
    } finally {
      this.running = false;
    }
  }
}

const tooMany = (scope: string) =>
  new ApiError(503, 'ProjectionBehind', `Too many requests are waiting for read models ${scope}; retry shortly or leave out minPosition.`, [], {
    'Retry-After': '1',
  });

/**
 * `minPosition` waits, bounded in all and per token (beyond either, 503 at once). When the
 * projections run in another process, one shared poller per projection reads the checkpoint.
 */
export class PositionWaits {
  private total = 0;
  private readonly byToken = new Map<string, number>();
  private readonly pollers = new Map<string, SharedPoller>();

  constructor(
    private readonly limits: WaitLimits,
    private readonly source: { inProcess: InProcessWait } | { poll: CheckpointReader; intervalMs?: number },
  ) {}

  /** Resolves whether `projection` reached `position` within `timeoutMs`; throws 503 when no wait may start. */
  async waitFor(token: string, projection: string, position: bigint, timeoutMs: number): Promise<boolean> {
    const mine = this.byToken.get(token) ?? 0;
    if (this.total >= this.limits.maxPositionWaiters) throw tooMany('in all');
    if (mine >= this.limits.maxPositionWaitersPerToken) throw tooMany('for this token');
    this.total++;
    this.byToken.set(token, mine + 1);
    try {
      if ('inProcess' in this.source) return await this.source.inProcess(projection, position, timeoutMs);
      return await this.poller(projection, this.source.poll, this.source.intervalMs).wait(position, timeoutMs);
    } finally {
      this.total--;
      const left = (this.byToken.get(token) ?? 1) - 1;
      if (left === 0) this.byToken.delete(token);
      else this.byToken.set(token, left);
    }
  }

  /** Waits running now (for tests and metrics). */
  get running(): number {
    return this.total;
  }

  private poller(projection: string, read: CheckpointReader, intervalMs = POLL_INTERVAL_MS): SharedPoller {
    let poller = this.pollers.get(projection);
    if (!poller) {
      poller = new SharedPoller(() => read(projection), intervalMs);
      this.pollers.set(projection, poller);
    }
    return poller;
  }
}
