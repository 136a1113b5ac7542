import { RecordedEvent } from '../../shared/event';
import { Subscription } from '../event-store.port';
import type { AppendWaiters } from './append-waiters';

/** What a subscription needs of the embedded log. */
export interface PagedLog {
  readonly isClosed: boolean;
  readonly waiters: AppendWaiters;
  readAllPage(after: bigint, maxCount: number): RecordedEvent[];
  readTypedPage(after: bigint, head: bigint, typesJson: string, maxCount: number): RecordedEvent[];
  headPositionSync(): bigint;
}

const PAGE = 500;
/** Another process (a projector run with PROJECTIONS=only) may append: poll for its commits this often. */
const POLL_MS = 100;

export class SqliteSubscription implements Subscription {
  private live = false;
  private closed = false;

  private readonly typesJson: string | undefined;

  constructor(private readonly store: PagedLog, private after: bigint, types?: ReadonlySet<string>) {
    this.typesJson = types ? JSON.stringify([...types]) : undefined;
  }

  /** With a types hint, other events are skipped in SQL, except the head of the log, which keeps the subscriber's position current. */
  private readPage(): RecordedEvent[] {
    if (this.typesJson === undefined) return this.store.readAllPage(this.after, PAGE);
    const head = this.store.headPositionSync();
    return head > this.after ? this.store.readTypedPage(this.after, head, this.typesJson, PAGE) : [];
  }

  get caughtUp(): boolean {
    return this.live;
  }

  async *[Symbol.asyncIterator](): AsyncIterator<RecordedEvent> {
    while (!this.closed && !this.store.isClosed) {
      const page = this.readPage();
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

  /** The same events a page at a time: caught up once a page is shorter than a full one, as above. */
  async *pages(): AsyncIterable<RecordedEvent[]> {
    while (!this.closed && !this.store.isClosed) {
      const page = this.readPage();
      if (page.length === 0) {
        this.live = true;
        await this.store.waiters.wait(POLL_MS);
        continue;
      }
      this.after = page[page.length - 1].position;
      if (page.length < PAGE) this.live = true;
      yield page;
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    this.store.waiters.wakeAll();
  }
}
