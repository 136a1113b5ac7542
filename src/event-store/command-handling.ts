import { Logger } from '@nestjs/common';
import { Decider, DecisionContext } from '../shared/decider';
import { conflict, DomainError, ruleBroken } from '../shared/domain-error';
import { DomainEvent, EventMetadata, NewEvent } from '../shared/event';
import { newId } from '../shared/ids';
import { Clock } from '../shared/clock';
import { AggregateLoader, LoadedAggregate } from './aggregate-loader';
import { CommandEnvelope, CommandResult, metadataFor } from './command-envelope';
import { withSchemaVersion } from './upcasting';
import { keyedAppendId } from './snapshots';
import { appendFindingOutcome, DEFAULT_OUTCOME_CHECKS, OutcomeCheckOptions } from './append-outcome';
import { AppendOutcomeUnknownError, EventStore, WrongExpectedRevisionError } from './event-store.port';
import { ReservationKey, ReservationOwner, Reservations } from './reservations';

/** Unique values an aggregate's new events take and free (e.g. a changed username). */
export interface ReservationChanges {
  claim: ReservationKey[];
  release: Pick<ReservationKey, 'kind' | 'scope' | 'value'>[];
}

export interface CommandSpec<S, C, E extends DomainEvent, L> {
  decider: Decider<S, C, E, L>;
  aggregateId: string;
  streamId: string;
  command: C;
  envelope: CommandEnvelope;
  /** Facts the decision needs from elsewhere, fetched before `decide` (which never fetches). */
  lookups?: (state: S) => Promise<L>;
  reservations?: (events: E[], before: S) => ReservationChanges;
  /** Other streams appended around this one's, knowing where its first new event will be (e.g. an allowance reserved first, released after). */
  surround?: (plan: SurroundPlan<S, E>) => SurroundingAppends;
}

/** What a command is about to append, for the streams that change around it. */
export interface SurroundPlan<S, E> {
  events: E[];
  before: S;
  after: S;
  /** Revision and id this stream's first new event will have: how another stream recognises an append that never happened. */
  owner: ReservationOwner;
  envelope: CommandEnvelope;
  now: Date;
}

/** Appends to other streams around this aggregate's own append. */
export interface SurroundingAppends {
  /** Before the append; throws to refuse the command, having undone its own partial work. */
  before?(): Promise<void>;
  /** When this aggregate's append failed after `before` succeeded. */
  undo?(): Promise<void>;
  /** After the append succeeded: bookkeeping only (the command has happened), so it must not throw. */
  after?(): Promise<void>;
}

/**
 * Load → decide → append, written once. The append expects the revision that was loaded (or the
 * caller's `If-Match`); a lost race is retried once with a fresh load, then reported as a conflict.
 */
export class CommandHandling {
  private readonly logger = new Logger('commands');

  constructor(
    private readonly store: EventStore,
    private readonly loader: AggregateLoader,
    private readonly reservations: Reservations,
    private readonly clock: Clock,
    private readonly outcomeChecks: OutcomeCheckOptions = DEFAULT_OUTCOME_CHECKS,
  ) {}

  async handle<S, C, E extends DomainEvent, L>(spec: CommandSpec<S, C, E, L>): Promise<CommandResult> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.attempt(spec);
      } catch (error) {
        if (!(error instanceof WrongExpectedRevisionError)) throw error;
        this.loader.forget(spec.streamId);
        if (spec.envelope.expectedRevision !== undefined) throw revisionMismatch(error.actual);
        if (attempt >= 2) {
          throw conflict('ConcurrencyConflict', 'The aggregate was changed by another command at the same time; retry the command.', [
            { streamId: spec.streamId },
          ]);
        }
      }
    }
  }

  async load<S, E extends DomainEvent>(decider: Decider<S, any, E, any>, streamId: string): Promise<LoadedAggregate<S>> {
    return this.loader.load(decider, streamId);
  }

  private async attempt<S, C, E extends DomainEvent, L>(spec: CommandSpec<S, C, E, L>): Promise<CommandResult> {
    const { decider, streamId, envelope } = spec;
    const loaded = await this.loader.load(decider, streamId);
    const keyId = envelope.idempotencyKey ? keyedAppendId(envelope.actor.id, envelope.idempotencyKey) : undefined;
    const repeated = keyId ? loaded.keyedAppends.get(keyId) : undefined;
    if (repeated) {
      if (repeated.requestHash !== undefined && envelope.requestHash !== undefined && repeated.requestHash !== envelope.requestHash) throw keyReused();
      return { aggregateId: spec.aggregateId, streamId, revision: repeated.revision, position: repeated.position, events: repeated.events, correlationId: envelope.correlationId };
    }
    const current = loaded.revision ?? -1n;
    if (envelope.expectedRevision !== undefined && envelope.expectedRevision !== current) {
      throw revisionMismatch(loaded.revision);
    }
    const now = this.clock.now();
    const context: DecisionContext<L> = {
      now,
      actingUserId: envelope.actor.actingUserId,
      lookups: spec.lookups ? await spec.lookups(loaded.state) : (undefined as L),
    };
    const decided = decider.decide(spec.command, loaded.state, context);
    if (decided.length === 0) {
      return { aggregateId: spec.aggregateId, streamId, revision: current, position: loaded.position, events: [], correlationId: envelope.correlationId };
    }

    const metadata = metadataFor(envelope, now);
    const events: NewEvent[] = decided.map((event) => ({ eventId: newId(), type: event.type, data: event.data, metadata: withSchemaVersion(metadata, event.type) }));
    const changes = spec.reservations?.(decided, loaded.state);
    const owner = { streamId, revision: current + 1n, eventId: events[0].eventId };
    const state = decided.reduce(decider.evolve, loaded.state);
    const surrounding = spec.surround?.({ events: decided, before: loaded.state, after: state, owner, envelope, now });
    if (changes?.claim.length) await this.reservations.claimAll(changes.claim, owner, metadata);
    try {
      await surrounding?.before?.();
    } catch (error) {
      if (changes?.claim.length) await this.release(changes.claim, streamId, metadata);
      throw error;
    }

    let appended;
    try {
      // An unknown outcome is found out by reading the stream: appended counts as success.
      appended = await appendFindingOutcome(this.store, streamId, events, loaded.revision === null ? 'no_stream' : loaded.revision, this.outcomeChecks);
    } catch (error) {
      // Cannot tell: the events may be in the log, so every hold stays (abandoned ones are taken over later).
      if (error instanceof AppendOutcomeUnknownError) throw error;
      if (changes?.claim.length) await this.release(changes.claim, streamId, metadata);
      await surrounding?.undo?.();
      throw error;
    }
    // The command has happened: freeing its old values is bookkeeping and must not turn it into an error.
    if (changes?.release.length) await this.release(changes.release, streamId, metadata);
    await surrounding?.after?.();

    const first = appended.nextRevision - BigInt(events.length) + 1n;
    const written = events.map((event, i) => ({ type: event.type, revision: first + BigInt(i) }));
    // Copied only when it changes: the loaded map is never written to (the loader's fold copies it too).
    let keyedAppends = loaded.keyedAppends;
    if (keyId) {
      keyedAppends = new Map(keyedAppends);
      keyedAppends.set(keyId, { revision: appended.nextRevision, position: appended.position, events: written, ...(envelope.requestHash ? { requestHash: envelope.requestHash } : {}) });
    }
    this.loader.remember(streamId, decider, { state, revision: appended.nextRevision, position: appended.position, keyedAppends });
    return {
      aggregateId: spec.aggregateId,
      streamId,
      revision: appended.nextRevision,
      position: appended.position,
      events: written,
      correlationId: envelope.correlationId,
    };
  }
  /**
   * Frees values after a failure, or the ones a command that happened no longer uses. Must not
   * throw: the caller's own outcome is what the client needs to hear. A claim left behind is taken
   * over once its owner's event is not where it says (after 30 seconds).
   */
  private async release(keys: ReservationChanges['release'], streamId: string, metadata: EventMetadata): Promise<void> {
    await this.reservations.releaseAll(keys, streamId, metadata).catch((error: unknown) => {
      this.logger.warn(`Releasing ${keys.length} reserved value(s) of ${streamId} failed: ${error instanceof Error ? error.message : String(error)}`);
    });
  }
}

export const revisionMismatch = (actual: bigint | null): DomainError =>
  new DomainError('RevisionMismatch', 'The aggregate has changed since the revision given in If-Match; reload it and retry.', 'precondition', [
    { actualRevision: actual === null ? -1 : Number(actual) },
  ]);

/** The stream remembers which request a token's key was used for, after the HTTP store has forgotten it. */
const keyReused = (): DomainError =>
  ruleBroken('IdempotencyKeyReused', 'This Idempotency-Key was used with another command or body; use a new key.');
