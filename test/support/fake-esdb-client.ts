import { randomUUID } from 'node:crypto';
import { Transform } from 'node:stream';
import type { EventStoreDBClient } from '@eventstore/db-client';

/**
 * Stands in for EventStoreDB at the client's API (the calls the adapter makes, with the shapes
 * client 6.2.1 returns), for offline tests of what the adapter does with the server's answers.
 * The log is $all: every entry has a position; system events ($-types, $-streams) are in it too.
 */
export interface FakeEntry {
  streamId: string;
  type: string;
  position: bigint;
  revision: bigint;
}

interface FakeFilter {
  regex?: string;
  maxSearchWindow?: number;
  checkpointInterval: number;
  checkpointReached?: (subscription: unknown, position: { commit: bigint; prepare: bigint }) => void;
}

type Read = AsyncIterable<unknown> & { cancel(): Promise<void> };

export class FakeEsdbClient {
  readonly log: FakeEntry[] = [];
  /** Events handed out by readAll calls (to show how far a walk went). */
  examined = 0;
  readAllCalls = 0;
  subscribeCalls: { fromPosition?: unknown; filter?: FakeFilter }[] = [];
  /** Set to make the next calls fail with it. */
  failReadAll: Error | undefined;
  failSubscribe: Error | undefined;
  appendAnswer: ((streamId: string, events: { id: string; type: string }[]) => unknown) | undefined;
  private readonly live = new Set<(entry: FakeEntry) => void>();
  private nextPosition = 100n;

  asClient(): EventStoreDBClient {
    return this as unknown as EventStoreDBClient;
  }

  /** Appends to the fake log (and to live subscriptions), as the server would. */
  add(streamId: string, type: string): FakeEntry {
    const revision = BigInt(this.log.filter((e) => e.streamId === streamId).length);
    const entry = { streamId, type, position: this.nextPosition, revision };
    this.nextPosition += 100n;
    this.log.push(entry);
    for (const feed of this.live) feed(entry);
    return entry;
  }

  async appendToStream(streamId: string, events: { id: string; type: string }[]): Promise<unknown> {
    if (this.appendAnswer) return this.appendAnswer(streamId, events);
    let last: FakeEntry | undefined;
    for (const event of events) last = this.add(streamId, event.type);
    return { success: true, nextExpectedRevision: last!.revision, position: { commit: last!.position, prepare: last!.position } };
  }

  /** One stream's entries (a stream without any reads as empty, as the adapter treats StreamNotFound). */
  readStream(streamId: string, options: { direction?: string; fromRevision?: unknown; maxCount?: number } = {}): Read {
    const backwards = options.direction === 'backwards';
    const from = typeof options.fromRevision === 'bigint' ? options.fromRevision : undefined;
    const own = this.log.filter((entry) => entry.streamId === streamId && (from === undefined || (backwards ? entry.revision <= from : entry.revision >= from)));
    const selected = (backwards ? own.reverse() : own).slice(0, options.maxCount ?? Number.MAX_SAFE_INTEGER);
    return {
      async *[Symbol.asyncIterator]() {
        for (const entry of selected) yield resolved(entry);
      },
      async cancel() {},
    };
  }

  readAll(options: { direction?: string; fromPosition?: unknown; maxCount?: number } = {}): Read {
    this.readAllCalls += 1;
    const failure = this.failReadAll;
    const backwards = options.direction === 'backwards';
    const from = options.fromPosition;
    const snapshot = [...this.log];
    const ordered = backwards ? snapshot.reverse() : snapshot;
    const selected = ordered.filter((entry) => {
      if (typeof from !== 'object' || from === null) return true;
      const commit = (from as { commit: bigint }).commit;
      return backwards ? entry.position <= commit : entry.position >= commit;
    });
    const limit = options.maxCount ?? Number.MAX_SAFE_INTEGER;
    let cancelled = false;
    const self = this;
    return {
      async *[Symbol.asyncIterator]() {
        if (failure) throw failure;
        let count = 0;
        for (const entry of selected) {
          if (cancelled || count++ >= limit) return;
          self.examined += 1;
          yield resolved(entry);
        }
      },
      async cancel() {
        cancelled = true;
      },
    };
  }

  /** A catch-up subscription with the server's filtered behaviour: checkpoints every window, caughtUp, then live. */
  subscribeToAll(options: { fromPosition?: unknown; filter?: FakeFilter }) {
    this.subscribeCalls.push(options);
    const filter = options.filter;
    // Like the client's Subscription: signals are handled while transforming, so they stay in order with the events.
    const stream = new Transform({
      objectMode: true,
      transform(item: { signal?: 'caughtUp' | 'checkpoint'; position?: bigint }, _encoding, next) {
        if (item.signal === 'caughtUp') stream.emit('caughtUp');
        else if (item.signal === 'checkpoint') filter?.checkpointReached?.(stream, { commit: item.position!, prepare: item.position! });
        else stream.push(item);
        next();
      },
    }) as Transform & { unsubscribe(): Promise<void> };
    stream.unsubscribe = async () => {
      this.live.delete(feed);
    };
    const matches = filter?.regex ? new RegExp(filter.regex) : /^[^$]/;
    const window = (filter?.maxSearchWindow ?? 32) * (filter?.checkpointInterval ?? 1);
    let examined = 0;
    const feed = (entry: FakeEntry): void => {
      if (matches.test(entry.type)) stream.write(resolved(entry));
      examined += 1;
      if (filter?.checkpointReached && examined % window === 0) stream.write({ signal: 'checkpoint', position: entry.position });
    };
    const failure = this.failSubscribe;
    const from = options.fromPosition;
    setImmediate(() => {
      if (failure) {
        stream.destroy(failure);
        return;
      }
      const after = typeof from === 'object' && from !== null ? (from as { commit: bigint }).commit : -1n;
      // The server includes the event at the start position; the adapter drops it.
      for (const entry of this.log) if (entry.position >= after) feed(entry);
      // The server's catch-up ends with a checkpoint at the end of the log (not an event's position), then caughtUp.
      if (filter?.checkpointReached) stream.write({ signal: 'checkpoint', position: this.nextPosition - 1n });
      stream.write({ signal: 'caughtUp' });
      this.live.add(feed);
    });
    return stream;
  }

  async dispose(): Promise<void> {
    this.live.clear();
  }
}

function resolved(entry: FakeEntry) {
  return {
    event: {
      streamId: entry.streamId,
      id: randomUUID(),
      revision: entry.revision,
      type: entry.type,
      data: {},
      metadata: {},
      isJson: true,
      created: new Date(0),
      position: { commit: entry.position, prepare: entry.position },
    },
  };
}
