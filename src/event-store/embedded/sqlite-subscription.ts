import { RecordedEvent } from '../../shared/event';
import { Subscription } from '../event-store.port';
import type { AppendWaiters } from './append-waiters';

/** What a subscription needs of the embedded log. */
export interface PagedLog {
  readonly isClosed: boolean;
  readonly waiters: AppendWaiters;
  readAllPage(after: bigint, maxCount: number): RecordedEvent[];
}

const PAGE = 500;
/** Another process (a projector run with PROJECTIONS=only) may append: poll for its commits this often. */
const POLL_MS = 100;

export class SqliteSubscription implements Subscription {
  private live = false;
  private closed = false;

  constructor(private readonly store: PagedLog, private after: bigint) {}

  get caughtUp(): boolean {
    return this.live;
  }

  async *[Symbol.asyncIterator](): AsyncIterator<RecordedEvent> {
    while (!this.closed && !this.store.isClosed) {
      const page = this.store.readAllPage(this.after, PAGE);
      // Caught up once the events that were there when the page was read have all been delivered.
      if (page.length === 0) this.live = true;
      for (const [i, event] of page.entries()) {
        if (this.closed) return;
        this.after = event.position;
        if (i === page.length - 1 && page.length < PAGE) this.live = true;
        yield event;
      }
      if (page.length === 0) await this.store.waiters.wait(POLL_MS);
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    this.store.waiters.wakeAll();
  }
}
