import type { DocumentStore } from '../read-store/document-store.port';

/** What an earlier command with an Idempotency-Key appended, found again in the stream after a crash. */
export interface KeyedAppend {
  revision: bigint;
  position: bigint;
  events: { type: string; revision: bigint }[];
  /** Hash of the request that used the key (absent on events written before keys were bound to requests). */
  requestHash?: string;
}

/**
 * How keyed appends are remembered per stream: by token and key. Keys recorded before keys were
 * scoped (no token in the metadata) sit under a scope no token has, so they never answer a command.
 */
export const keyedAppendId = (scope: string | undefined, key: string): string => `${scope ?? '\u0000unscoped'}\u0000${key}`;

/**
 * How one decider's state is kept as a snapshot: a JSON-safe form and back. Bump `version`
 * whenever the state or its encoding changes: a stored snapshot of another version is ignored
 * (the stream is folded from the start and a new snapshot written).
 */
export interface SnapshotCodec<S> {
  version: number;
  encode(state: S): unknown;
  decode(json: unknown): S;
}

/** The read store's collection of snapshots (not a projection: never rebuilt, verified or swapped). */
export const SNAPSHOTS = '_snapshots';

/** A snapshot is written once a stream has grown this many events since its last one. */
export const SNAPSHOT_EVERY = 500;

/** Keyed appends (idempotency recovery) a snapshot carries: the events before it are never read again. */
export const SNAPSHOT_KEYS_KEPT = 64;

type EncodedKeyedAppend = [key: string, revision: string, position: string, events: [type: string, revision: string][], requestHash?: string];

/** One snapshot per stream, id = streamId. Revisions and positions are decimal strings (exact bigints). */
export interface SnapshotDocument {
  [field: string]: unknown;
  streamId: string;
  revision: string;
  position: string;
  version: number;
  state: unknown;
  keyedAppends: EncodedKeyedAppend[];
}

/** Seals a snapshot's state before it is stored and opens it when read (src/privacy: personal data is never kept in clear). */
export interface SnapshotSealer {
  seal(streamId: string, state: unknown): Promise<unknown>;
  /** null: the state cannot be opened any more (e.g. its key was destroyed); the stream is folded instead. */
  open(streamId: string, sealed: unknown): Promise<unknown | null>;
}

export interface SnapshotSettings {
  documents: DocumentStore;
  sealer?: SnapshotSealer;
  /** Events since the last snapshot before the next one is written (SNAPSHOT_EVERY). */
  every?: number;
}

export function encodeKeyedAppends(keyedAppends: Map<string, KeyedAppend>): EncodedKeyedAppend[] {
  const entries = [...keyedAppends].slice(-SNAPSHOT_KEYS_KEPT);
  return entries.map(([key, append]) => [
    key,
    String(append.revision),
    String(append.position),
    append.events.map((event): [string, string] => [event.type, String(event.revision)]),
    ...(append.requestHash !== undefined ? [append.requestHash] : []),
  ] as EncodedKeyedAppend);
}

export function decodeKeyedAppends(encoded: EncodedKeyedAppend[] | undefined): Map<string, KeyedAppend> {
  return new Map(
    (encoded ?? []).map(([key, revision, position, events, requestHash]) => [
      key,
      {
        revision: BigInt(revision),
        position: BigInt(position),
        events: events.map(([type, rev]) => ({ type, revision: BigInt(rev) })),
        ...(requestHash !== undefined ? { requestHash } : {}),
      },
    ]),
  );
}
