import { RecordedEvent } from '../shared/event';
import { canonicalJson } from './canonical-json';
import { EventStore } from './event-store.port';

/** An event as its adapter stores it: data and metadata as their canonical JSON text, and its chained hash (null: none). */
export interface StoredEvent {
  eventId: string;
  streamId: string;
  type: string;
  revision: bigint;
  position: bigint;
  dataJson: string;
  metadataJson: string;
  hash: string | null;
}

export interface StreamHead {
  streamId: string;
  revision: bigint;
  hash: string | null;
}

/** What verifying the hash chain reads: the stored form, never decrypted or upcast. */
export interface StoredEventReader {
  readStoredAll(): AsyncIterable<StoredEvent>;
  readStoredStream(streamId: string, fromRevision?: bigint, maxCount?: number): AsyncIterable<StoredEvent>;
  /** Each stream's last revision as the store records it apart from the events (finds a truncated tail); absent when it keeps none. */
  streamHeads?(): AsyncIterable<StreamHead>;
  /** Unhashed events at or before this position were written before the log had hashes. */
  hashChainFrom(): Promise<bigint>;
  headPosition(): Promise<bigint>;
}

const hasStoredForm = (store: EventStore): store is EventStore & StoredEventReader =>
  typeof (store as Partial<StoredEventReader>).readStoredAll === 'function';

/**
 * The stored form of a raw (undecorated) store's events. An adapter that keeps canonical JSON text
 * (the embedded log) hands it over as is; for any other the parsed events are written canonically again.
 */
export function storedEventReader(store: EventStore): StoredEventReader {
  if (hasStoredForm(store)) return store;
  return {
    readStoredAll: () => map(store.readAll(), toStored),
    readStoredStream: (streamId, fromRevision, maxCount) => map(store.readStream(streamId, { fromRevision, maxCount }), toStored),
    // No record of when chaining began: every event must carry a hash.
    hashChainFrom: async () => 0n,
    headPosition: () => store.headPosition(),
  };
}

export function toStored(event: RecordedEvent): StoredEvent {
  return {
    eventId: event.eventId,
    streamId: event.streamId,
    type: event.type,
    revision: event.revision,
    position: event.position,
    dataJson: canonicalJson(event.data),
    metadataJson: canonicalJson(event.metadata),
    hash: event.hash ?? null,
  };
}

async function* map<A, B>(source: AsyncIterable<A>, f: (a: A) => B): AsyncIterable<B> {
  for await (const item of source) yield f(item);
}
