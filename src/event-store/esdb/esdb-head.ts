import { BACKWARDS, END, EventStoreDBClient } from '@eventstore/db-client';
import { toPortError } from './esdb-errors';
import { isOurs } from './esdb-events';
import { drain } from './esdb-reads';

/** How long an answer is reused: /health, /v1/projections and every subscription open ask often. */
export const HEAD_CACHE_MS = 250;

/**
 * The position of the last event of ours in $all. The tail of $all is mostly system events (links
 * of the standard projections, $stats every few seconds), so a walk back from the end examines only
 * what was appended since the previous walk: it stops at the first event of ours or at the newest
 * position the previous walk saw, whichever comes first. Answers are shared for HEAD_CACHE_MS, and
 * never fall below a position this process has appended or been told of.
 */
export class HeadTracker {
  private known = 0n;
  /** Newest $all position examined by a finished walk: everything up to it is accounted for in `known`. */
  private scannedUpTo: bigint | undefined;
  private cached: { at: number; answer: Promise<bigint> } | undefined;

  constructor(
    private readonly client: EventStoreDBClient,
    private readonly now: () => number = Date.now,
    private readonly prefix = '',
  ) {}

  /** A position of ours known to be in the log (an append's result). */
  saw(position: bigint): void {
    if (position > this.known) this.known = position;
  }

  position(): Promise<bigint> {
    const cached = this.cached;
    if (cached && this.now() - cached.at < HEAD_CACHE_MS) return cached.answer.then((answer) => (answer > this.known ? answer : this.known));
    const answer = this.walk();
    this.cached = { at: this.now(), answer };
    answer.catch(() => {
      if (this.cached?.answer === answer) this.cached = undefined;
    });
    return answer;
  }

  private async walk(): Promise<bigint> {
    const stopAt = this.scannedUpTo;
    let newest: bigint | undefined;
    const read = this.client.readAll({ direction: BACKWARDS, fromPosition: END });
    try {
      for await (const resolved of drain(read)) {
        const event = resolved.event;
        if (!event) continue;
        const position = event.position.commit;
        newest ??= position;
        if (stopAt !== undefined && position <= stopAt) break;
        if (isOurs(event.type, event.streamId, this.prefix)) {
          this.saw(position);
          break;
        }
      }
    } catch (error) {
      throw toPortError(error, { streamId: '$all' });
    }
    if (newest !== undefined && (this.scannedUpTo === undefined || newest > this.scannedUpTo)) this.scannedUpTo = newest;
    return this.known;
  }
}
