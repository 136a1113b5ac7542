import { EventMetadata, NewEvent, RecordedEvent } from '../../shared/event';
import { ExpectedRevision } from '../event-store.port';
import { chainHashes } from '../hash-chain';

/** The metadata key that carries an event's hash on EventStoreDB; the hash covers the metadata without it. */
export const CHAIN_HASH_KEY = 'chainHash';

/** Attempts of one append whose expectation (`any`, `stream_exists`) is pinned to the tail read before it. */
export const PINNED_ATTEMPTS = 5;

/**
 * The hashes for events appended after `tail`, and the expectation the append must be made with so
 * that the chain cannot fork: the server checks the revision of the tail the hashes were chained to,
 * so a concurrent append in between fails this one (and it is retried on the new tail) instead of
 * landing after an event its first hash does not follow.
 */
export function chainedAppend(tail: RecordedEvent | undefined, events: NewEvent[], expected: ExpectedRevision): { hashes: string[]; expected: ExpectedRevision } {
  const hashes = chainHashes(tail?.hash ?? null, events);
  // A repeat of events already at the tail: keep the caller's expectation, so the server answers it as the repeat it is.
  const repeat = tail !== undefined && events.length > 0 && tail.eventId === events[events.length - 1].eventId;
  if (repeat || typeof expected === 'bigint' || expected === 'no_stream') return { hashes, expected };
  return { hashes, expected: tail ? tail.revision : 'no_stream' };
}

/** Stored metadata with the hash taken out: what the hash covers, and the hash. */
export function splitChainHash(stored: unknown): { metadata: EventMetadata; hash?: string } {
  if (stored === null || typeof stored !== 'object' || !(CHAIN_HASH_KEY in stored)) return { metadata: stored as EventMetadata };
  const { [CHAIN_HASH_KEY]: hash, ...metadata } = stored as Record<string, unknown>;
  return typeof hash === 'string' ? { metadata: metadata as unknown as EventMetadata, hash } : { metadata: stored as unknown as EventMetadata };
}
