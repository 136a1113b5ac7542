import { DomainEvent, EventMetadata, RecordedEvent } from '../../src/shared/event';

export const TEST_METADATA: EventMetadata = {
  occurredAt: '2025-10-01T09:00:00.000Z',
  actor: { type: 'token', id: 'test' },
  correlationId: 'c-test',
  causationId: 'cmd-test',
  command: 'Test',
  schemaVersion: 1,
};

/** Gives domain events stream ids, revisions and consecutive positions, as the store would. */
export function recorded(events: (DomainEvent & { streamId?: string; occurredAt?: string })[], firstPosition = 1n): RecordedEvent[] {
  const revisions = new Map<string, bigint>();
  return events.map((event, i) => {
    const streamId = event.streamId ?? 'test-stream';
    const revision = (revisions.get(streamId) ?? -1n) + 1n;
    revisions.set(streamId, revision);
    return {
      eventId: `e-${firstPosition + BigInt(i)}`,
      streamId,
      type: event.type,
      data: event.data,
      metadata: { ...TEST_METADATA, ...(event.occurredAt ? { occurredAt: event.occurredAt } : {}) },
      revision,
      position: firstPosition + BigInt(i),
    };
  });
}
