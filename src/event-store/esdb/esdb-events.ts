import type { AllStreamResolvedEvent, EventData, JSONType, ResolvedEvent } from '@eventstore/db-client';
import { NewEvent, RecordedEvent } from '../../shared/event';
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

export function toEventData(event: NewEvent, hash?: string): EventData {
  if (!UUID.test(event.eventId)) {
    throw new TypeError(`EventStoreDB needs lowercase UUID event ids; got "${event.eventId}"`);
  }
  // The client serialises inside an async Promise executor: a throw there would leave the append hanging forever.
  if (!isJson(event.data)) throw new TypeError(`Event ${event.eventId} (${event.type}) has data that is not JSON`);
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

/** Our view of a stored event, or undefined for a system event or an unresolved link. */
export function toRecorded(resolved: ResolvedEvent | AllStreamResolvedEvent): RecordedEvent | undefined {
  const event = resolved.event;
  if (!event || isSystemEvent(event.type, event.streamId)) return undefined;
  // Reads of $all carry the position on the event; stream reads only from server 22.6 on.
  const position = event.position?.commit ?? resolved.commitPosition;
  if (position === undefined) {
    throw new Error(`EventStoreDB returned ${event.streamId}@${event.revision} without a position (server older than 22.6?)`);
  }
  // We write our metadata as a JSON object (with the chain's hash beside it); events written by other tools are passed through as stored.
  const { metadata, hash } = splitChainHash(event.metadata);
  return {
    eventId: event.id,
    streamId: event.streamId,
    type: event.type,
    data: event.data,
    metadata,
    revision: event.revision,
    position,
    ...(hash === undefined ? {} : { hash }),
  };
}
