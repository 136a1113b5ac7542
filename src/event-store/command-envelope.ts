import { Actor, EventMetadata } from '../shared/event';
import { CURRENT_SCHEMA_VERSION } from './upcasting';

/** Everything about a command but its payload: who sent it, under which request, with which guarantees. */
export interface CommandEnvelope {
  commandName: string;
  commandId: string;
  correlationId: string;
  actor: Actor;
  idempotencyKey?: string;
  /** Hash of the keyed request (command name and body), recorded with the key. */
  requestHash?: string;
  /** `If-Match`: the revision the caller saw. */
  expectedRevision?: bigint;
}

export interface CommandResult {
  aggregateId: string;
  streamId: string;
  /** Last revision of the stream after the command (-1 when it still has no events). */
  revision: bigint;
  position: bigint;
  events: { type: string; revision: bigint }[];
  correlationId: string;
}

export interface BatchCommandResult {
  affected: number;
  position: bigint;
  correlationId: string;
}

export function metadataFor(envelope: CommandEnvelope, occurredAt: Date): EventMetadata {
  return {
    occurredAt: occurredAt.toISOString(),
    actor: envelope.actor,
    correlationId: envelope.correlationId,
    causationId: envelope.commandId,
    command: envelope.commandName,
    ...(envelope.idempotencyKey
      ? { idempotencyKey: envelope.idempotencyKey, idempotencyScope: envelope.actor.id, ...(envelope.requestHash ? { requestHash: envelope.requestHash } : {}) }
      : {}),
    schemaVersion: CURRENT_SCHEMA_VERSION,
  };
}
