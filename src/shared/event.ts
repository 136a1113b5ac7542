/** Who caused an event: the calling token, and the person it acted for when given. */
export interface Actor {
  type: 'token' | 'system';
  id: string;
  actingUserId?: string;
}

export interface EventMetadata {
  occurredAt: string;
  actor: Actor;
  correlationId: string;
  causationId: string;
  command: string;
  idempotencyKey?: string;
  /** The token the key belongs to: keys are scoped by token, so one token's key never answers another's command. */
  idempotencyScope?: string;
  /** Hash of the keyed request: the same key with another body is refused, however long ago the key was used. */
  requestHash?: string;
  schemaVersion: number;
}

/** A domain event as deciders produce it: a stable type string and plain data. */
export interface DomainEvent<T extends string = string, D = unknown> {
  type: T;
  data: D;
}

/** An event about to be appended: the id is chosen before the append, so a re-append is a no-op. */
export interface NewEvent<E extends DomainEvent = DomainEvent> {
  eventId: string;
  type: E['type'];
  data: E['data'];
  metadata: EventMetadata;
}

/** An event as stored: revision within its stream, position in the global log (both exact). */
export interface RecordedEvent<E extends DomainEvent = DomainEvent> {
  eventId: string;
  streamId: string;
  type: E['type'];
  data: E['data'];
  metadata: EventMetadata;
  revision: bigint;
  position: bigint;
  /** Chained hash of the stored form (`src/event-store/hash-chain.ts`); absent on events written before the chain. */
  hash?: string;
}

/** Narrows a recorded event to the events of one union, for projectors. */
export type RecordedOf<E extends DomainEvent> = E extends DomainEvent ? RecordedEvent<E> : never;
