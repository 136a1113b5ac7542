import { RecordedEvent } from '../shared/event';

/** An event as auditors see it: exact numbers as the API writes them, and its chained hash when it has one. */
export function auditEvent(event: RecordedEvent) {
  const { occurredAt, actor, correlationId, causationId, command, idempotencyKey, schemaVersion } = event.metadata;
  return {
    eventId: event.eventId,
    streamId: event.streamId,
    type: event.type,
    revision: Number(event.revision),
    position: event.position.toString(),
    data: event.data,
    metadata: { actor, occurredAt, correlationId, causationId, command, ...(idempotencyKey ? { idempotencyKey } : {}), schemaVersion },
    ...(event.hash ? { hash: event.hash } : {}),
  };
}
