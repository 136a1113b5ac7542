import { Logger } from '@nestjs/common';
import { Decider } from '../shared/decider';
import { DomainEvent } from '../shared/event';
import { EventStore } from './event-store.port';
import {
  decodeKeyedAppends,
  encodeKeyedAppends,
  KeyedAppend,
  keyedAppendId,
  SNAPSHOT_EVERY,
  SnapshotCodec,
  SnapshotDocument,
  SNAPSHOTS,
  SnapshotSettings,
} from './snapshots';
import { upcast } from './upcasting';

export type { KeyedAppend } from './snapshots';

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
  /** Revision of the newest snapshot written or read for this stream (-1n: none). */
  snapshotRevision: bigint;
}

const KEYS_KEPT = 64;
/** Shared by every stream loaded with none: these maps are copied before a key is added, never changed in place. */
const NO_KEYED_APPENDS: Map<string, KeyedAppend> = new Map();

/** What the cache may hold in all, counted in events folded: a state grows with its stream, so this bounds its size. */
export const CACHED_EVENTS = 2_000_000;
const weightOf = (entry: CacheEntry): number => Number(entry.loaded.revision ?? -1n) + 1;

/**
 * Folds a stream with its decider's `evolve`. States are immutable, so a folded state is cached and
 * only the events appended since are read on the next load: loading stays fast however long the stream.
 *
 * Deciders registered with a snapshot codec (`useSnapshots`) are also snapshotted in the read store
 * (collection `_snapshots`) every SNAPSHOT_EVERY events, so a load that misses the cache (a fresh
 * process) reads the snapshot and only the stream's tail after it. Snapshots are written in the
 * background and are only ever an optimisation: a missing, unreadable, stale-versioned or
 * inconsistent snapshot means the stream is folded from the start.
 */
export class AggregateLoader {
  private readonly cache = new Map<string, CacheEntry>();
  /**
   * Where eviction goes on in the cache's insertion order. A Map's iterator survives deletions and
   * insertions, so each eviction starts where the last one stopped: asking `keys()` anew each time
   * would step again over every slot already emptied at the front, a cost growing with the cache.
   */
  private evictionOrder: IterableIterator<string> = this.cache.keys();
  private cachedEvents = 0;
  private readonly codecs = new Map<unknown, SnapshotCodec<any>>();
  private readonly pending = new Set<Promise<void>>();
  private readonly logger = new Logger('snapshots');

  constructor(
    private readonly store: EventStore,
    private readonly snapshots: SnapshotSettings | null = null,
    private readonly capacity = 20_000,
    private readonly maxCachedEvents = CACHED_EVENTS,
  ) {}

  /** Snapshots this decider's streams with `codec` (when the loader has a document store). */
  useSnapshots<S>(decider: Decider<S, any, any, any>, codec: SnapshotCodec<S>): void {
    this.codecs.set(decider, codec);
  }

  async load<S, E extends DomainEvent>(decider: Decider<S, unknown, E, any>, streamId: string): Promise<LoadedAggregate<S>> {
    const hit = this.cache.get(streamId);
    if (hit && hit.decider === decider) {
      const loaded = await this.fold(decider, streamId, hit.loaded as LoadedAggregate<S>);
      if (loaded !== hit.loaded) this.remember(streamId, decider, loaded);
      return loaded;
    }
    const empty: LoadedAggregate<S> = { state: decider.initialState, revision: null, position: 0n, keyedAppends: NO_KEYED_APPENDS };
    const snapshot = await this.readSnapshot<S>(decider, streamId);
    let loaded: LoadedAggregate<S> | null = null;
    if (snapshot) {
      loaded = await this.fold(decider, streamId, snapshot, true);
      if (loaded === null) this.logger.warn(`Snapshot of ${streamId} does not match its stream; folding the stream from the start.`);
    }
    const snapshotRevision = loaded !== null && snapshot ? (snapshot.revision as bigint) : -1n;
    loaded ??= (await this.fold(decider, streamId, empty)) as LoadedAggregate<S>;
    if (loaded.revision !== null) this.remember(streamId, decider, loaded, snapshotRevision);
    return loaded;
  }

  /** Stores the state a command produced, so the next load reads nothing. */
  remember<S>(streamId: string, decider: unknown, loaded: LoadedAggregate<S>, snapshotRevision?: bigint): void {
    const previous = this.cache.get(streamId);
    this.forget(streamId);
    const entry: CacheEntry = {
      decider,
      loaded,
      snapshotRevision: snapshotRevision ?? (previous && previous.decider === decider ? previous.snapshotRevision : -1n),
    };
    this.cache.set(streamId, entry);
    this.cachedEvents += weightOf(entry);
    // Oldest first, by count and by events folded; the entry just stored stays.
    while (this.cache.size > 1 && (this.cache.size > this.capacity || this.cachedEvents > this.maxCachedEvents)) {
      this.forget(this.oldest());
    }
    this.snapshotIfDue(streamId, entry);
  }

  /** The stream stored longest ago (a stream stored again counts from its new storing). */
  private oldest(): string {
    let next = this.evictionOrder.next();
    if (next.done) {
      this.evictionOrder = this.cache.keys();
      next = this.evictionOrder.next();
    }
    return next.value as string;
  }

  forget(streamId: string): void {
    const entry = this.cache.get(streamId);
    if (entry) this.cachedEvents -= weightOf(entry);
    this.cache.delete(streamId);
  }

  /** Streams and events folded held in the cache now. */
  cached(): { streams: number; events: number } {
    return { streams: this.cache.size, events: this.cachedEvents };
  }

  /** Waits for the snapshots being written (before the stores close). */
  async flush(): Promise<void> {
    while (this.pending.size > 0) await Promise.all([...this.pending]);
  }

  /**
   * Applies the events after `base`. With `verify` (base is a snapshot), the read starts at the
   * snapshot's own revision and that event must be where the snapshot says, else null.
   */
  private async fold<S, E extends DomainEvent>(decider: Decider<S, unknown, E, any>, streamId: string, base: LoadedAggregate<S>, verify: true): Promise<LoadedAggregate<S> | null>;
  private async fold<S, E extends DomainEvent>(decider: Decider<S, unknown, E, any>, streamId: string, base: LoadedAggregate<S>): Promise<LoadedAggregate<S>>;
  private async fold<S, E extends DomainEvent>(
    decider: Decider<S, unknown, E, any>,
    streamId: string,
    base: LoadedAggregate<S>,
    verify = false,
  ): Promise<LoadedAggregate<S> | null> {
    let unverified = verify && base.revision !== null;
    const from = base.revision === null ? 0n : unverified ? base.revision : base.revision + 1n;
    let state = base.state;
    let revision = base.revision;
    let position = base.position;
    let keyedAppends = base.keyedAppends;
    let copied = false;
    for await (const stored of this.store.readStream(streamId, { fromRevision: from })) {
      if (unverified) {
        if (stored.revision !== base.revision || stored.position !== base.position) return null;
        unverified = false;
        continue;
      }
      const event = upcast(stored);
      state = decider.evolve(state, { type: event.type, data: event.data } as E);
      revision = event.revision;
      position = event.position;
      const key = event.metadata.idempotencyKey && keyedAppendId(event.metadata.idempotencyScope, event.metadata.idempotencyKey);
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
          ...(event.metadata.requestHash !== undefined ? { requestHash: event.metadata.requestHash } : {}),
        });
        if (keyedAppends.size > KEYS_KEPT) keyedAppends.delete(keyedAppends.keys().next().value as string);
      }
    }
    if (unverified) return null;
    return revision === base.revision ? base : { state, revision, position, keyedAppends };
  }

  private async readSnapshot<S>(decider: unknown, streamId: string): Promise<LoadedAggregate<S> | null> {
    const codec = this.codecs.get(decider) as SnapshotCodec<S> | undefined;
    if (!codec || !this.snapshots) return null;
    try {
      const doc = await this.snapshots.documents.collection<SnapshotDocument>(SNAPSHOTS).get(streamId);
      if (!doc || doc.version !== codec.version || doc.streamId !== streamId) return null;
      const state = this.snapshots.sealer ? await this.snapshots.sealer.open(streamId, doc.state) : doc.state;
      if (state === null) return null;
      return {
        state: codec.decode(state),
        revision: BigInt(doc.revision),
        position: BigInt(doc.position),
        keyedAppends: decodeKeyedAppends(doc.keyedAppends),
      };
    } catch (error) {
      this.logger.error(`Reading the snapshot of ${streamId} failed; folding the stream from the start: ${describe(error)}`);
      return null;
    }
  }

  /** In the background, never failing the load or command that got here. */
  private snapshotIfDue(streamId: string, entry: CacheEntry): void {
    const codec = this.codecs.get(entry.decider);
    const { revision } = entry.loaded;
    if (!codec || !this.snapshots || revision === null) return;
    if (revision - entry.snapshotRevision < BigInt(this.snapshots.every ?? SNAPSHOT_EVERY)) return;
    const before = entry.snapshotRevision;
    entry.snapshotRevision = revision;
    const { documents, sealer } = this.snapshots;
    const loaded = entry.loaded;
    const task = new Promise<void>((resolve) => setImmediate(resolve))
      .then(async () => {
        const doc: SnapshotDocument = {
          streamId,
          revision: String(revision),
          position: String(loaded.position),
          version: codec.version,
          state: sealer ? await sealer.seal(streamId, codec.encode(loaded.state)) : codec.encode(loaded.state),
          keyedAppends: encodeKeyedAppends(loaded.keyedAppends),
        };
        await documents.collection<SnapshotDocument>(SNAPSHOTS).put(streamId, doc);
      })
      .catch((error: unknown) => {
        if (entry.snapshotRevision === revision) entry.snapshotRevision = before;
        this.logger.error(`Writing the snapshot of ${streamId} at revision ${revision} failed: ${describe(error)}`);
      })
      .finally(() => this.pending.delete(task));
    this.pending.add(task);
  }
}

const describe = (error: unknown) => (error instanceof Error ? error.message : String(error));
