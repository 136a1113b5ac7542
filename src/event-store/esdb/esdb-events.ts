import type { AllStreamResolvedEvent, EventData, JSONType, ResolvedEvent } from '@eventstore/db-client';
import { NewEvent, RecordedEvent } from '../../shared/event';
import { MAX_POSITION } from '../event-store.port';
import { CHAIN_HASH_KEY, splitChainHash } from './esdb-hash-chain';

// EventStoreDB stores event ids as UUIDs; anything else would be rejected or silently rewritten.
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

function isJson(value: unknown): boolean {
  try {
    return JSON.stringify(value) !== undefined;
  } catch {
    return false;
  }
}

/** Refuses, before anything is read or sent, an event EventStoreDB cannot store faithfully. */
export function checkStorable(event: NewEvent): void {
  if (!UUID.test(event.eventId)) {
    throw new TypeError(`EventStoreDB needs lowercase UUID event ids; got "${event.eventId}"`);
  }
  // The client serialises inside an async Promise executor: a throw there would leave the append hanging forever.
  if (!isJson(event.data)) throw new TypeError(`Event ${event.eventId} (${event.type}) has data that is not JSON`);
}

/** The client's form of an event already through `checkStorable`, with its chain hash in the metadata. */
export function toEventData(event: NewEvent, hash?: string): EventData {
  return {
    id: event.eventId,
    contentType: 'application/json',
    type: event.type,
    data: event.data as JSONType,
    metadata: hash === undefined ? { ...event.metadata } : { ...event.metadata, [CHAIN_HASH_KEY]: hash },
  };
}

/** Server-written events ($-types such as $metadata or the $> links of the standard projections) and $-streams. */
export const isSystemEvent = (type: string, streamId: string): boolean => type.startsWith('$') || streamId.startsWith('$');

/** Whether an event of $all is one of ours: not a system event, and in our streams when the store has a prefix. */
export const isOurs = (type: string, streamId: string, prefix = ''): boolean =>
  !isSystemEvent(type, streamId) && streamId.startsWith(prefix);

/**
 * Our view of a stored event (its stream id without the store's prefix), or undefined for a system
 * event, an unresolved link, or an event of a stream outside the prefix.
 */
export function toRecorded(resolved: ResolvedEvent | AllStreamResolvedEvent, prefix = ''): RecordedEvent | undefined {
  const event = resolved.event;
  if (!event || !isOurs(event.type, event.streamId, prefix)) return undefined;
  // Reads of $all carry the position on the event; stream reads only from server 22.6 on. Client
  // 6.2.1 always builds one: an unknown position arrives as ulong.MaxValue, which is no position.
  const position = [event.position?.commit, resolved.commitPosition].find(isKnownPosition);
  if (position === undefined) {
    throw new Error(`EventStoreDB returned ${event.streamId}@${event.revision} without a position (server older than 22.6?)`);
  }
  // We write our metadata as a JSON object (with the chain's hash beside it); events written by other tools are passed through as stored.
  const { metadata, hash } = splitChainHash(event.metadata);
  return {
    eventId: event.id,
    streamId: event.streamId.slice(prefix.length),
    type: event.type,
    data: event.data,
    metadata,
    revision: event.revision,
    position,
    ...(hash === undefined ? {} : { hash }),
  };
}

const isKnownPosition = (position: bigint | undefined): position is bigint =>
  position !== undefined && position >= 0n && position <= MAX_POSITION;
