import { Decider } from '../shared/decider';
import { DomainEvent } from '../shared/event';
import { EventStore } from './event-store.port';
import { upcast } from './upcasting';

/** What an earlier command with an Idempotency-Key appended, found again in the stream after a crash. */
export interface KeyedAppend {
  revision: bigint;
  position: bigint;
  events: { type: string; revision: bigint }[];
}

export interface LoadedAggregate<S> {
  state: S;
  /** Last revision of the stream, or null when it has no events. */
  revision: bigint | null;
  /** Global position of the stream's last event (0n when none). */
  position: bigint;
  keyedAppends: Map<string, KeyedAppend>;
}

interface CacheEntry {
  decider: unknown;
  loaded: LoadedAggregate<unknown>;
}

const KEYS_KEPT = 64;

/**
 * Folds a stream with its decider's `evolve`. States are immutable, so a folded state is cached and
 * only the events appended since are read on the next load: loading stays fast however long the stream.
 */
export class AggregateLoader {
  private readonly cache = new Map<string, CacheEntry>();

  constructor(private readonly store: EventStore, private readonly capacity = 20_000) {}

  async load<S, E extends DomainEvent>(decider: Decider<S, unknown, E, any>, streamId: string): Promise<LoadedAggregate<S>> {
    const hit = this.cache.get(streamId);
    let loaded: LoadedAggregate<S> =
      hit && hit.decider === decider
        ? (hit.loaded as LoadedAggregate<S>)
        : { state: decider.initialState, revision: null, position: 0n, keyedAppends: new Map() };
    const from = loaded.revision === null ? 0n : loaded.revision + 1n;
    let state = loaded.state;
    let revision = loaded.revision;
    let position = loaded.position;
    let keyedAppends = loaded.keyedAppends;
    let copied = false;
    for await (const stored of this.store.readStream(streamId, { fromRevision: from })) {
      const event = upcast(stored);
      state = decider.evolve(state, { type: event.type, data: event.data } as E);
      revision = event.revision;
      position = event.position;
      const key = event.metadata.idempotencyKey;
      if (key) {
        if (!copied) {
          keyedAppends = new Map(keyedAppends);
          copied = true;
        }
        const entry = keyedAppends.get(key) ?? { revision, position, events: [] };
        keyedAppends.set(key, {
          revision,
          position,
          events: [...entry.events, { type: event.type, revision }],
        });
        if (keyedAppends.size > KEYS_KEPT) keyedAppends.delete(keyedAppends.keys().next().value as string);
      }
    }
    if (revision !== loaded.revision) {
      loaded = { state, revision, position, keyedAppends };
      this.remember(streamId, decider, loaded);
    }
    return loaded;
  }

  /** Stores the state a command produced, so the next load reads nothing. */
  remember<S>(streamId: string, decider: unknown, loaded: LoadedAggregate<S>): void {
    this.cache.delete(streamId);
    this.cache.set(streamId, { decider, loaded });
    if (this.cache.size > this.capacity) this.cache.delete(this.cache.keys().next().value as string);
  }

  forget(streamId: string): void {
    this.cache.delete(streamId);
  }
}
