import { createHmac } from 'node:crypto';
import { Logger } from '@nestjs/common';
import { conflict } from '../shared/domain-error';
import { EventMetadata, NewEvent, RecordedEvent } from '../shared/event';
import { newId } from '../shared/ids';
import { Clock } from '../shared/clock';
import { appendFindingOutcome, DEFAULT_OUTCOME_CHECKS, OutcomeCheckOptions } from './append-outcome';
import { EventStore, WrongExpectedRevisionError } from './event-store.port';

/**
 * A unique value across aggregates (a username in a district, an email in a service…). The stream
 * id is a keyed hash, so personal values never appear in stream names or reservation events and
 * cannot be found by hashing guesses.
 */
export interface ReservationKey {
  kind: string;
  scope: string;
  value: string;
  /** The error a caller gets when someone else holds the value. */
  conflictCode: string;
  conflictMessage: string;
}

export interface ReservationOwner {
  streamId: string;
  /** Revision and id the owner's first new event will have: how a reservation left by a crash is recognised. */
  revision: bigint;
  eventId: string;
}

interface ClaimedData {
  kind: string;
  scope: string;
  owner: string;
  ownerRevision: string;
  ownerEventId: string;
}

/** A claim whose owner never appended its event is taken over after this long. */
const ABANDONED_AFTER_MS = 30_000;

/** HMAC-SHA-256 with the reservation secret (derived from the master key, src/privacy): the one place reservation ids are made. */
export const reservationStreamId = (key: Pick<ReservationKey, 'kind' | 'scope' | 'value'>, secret: Buffer): string =>
  `reservation-${key.kind}-${createHmac('sha256', secret).update(`${key.scope}\u0000${key.value}`).digest('hex').slice(0, 40)}`;

/**
 * Uniqueness without a read model: each value is a stream, claimed with "no stream" or after a release.
 * An append of unknown outcome is found out by reading the reservation stream back; when even that
 * fails the error is thrown and the claim, if it was made, is taken over once abandoned.
 */
export class Reservations {
  private readonly logger = new Logger('reservations');

  constructor(
    private readonly store: EventStore,
    private readonly clock: Clock,
    private readonly secret: Buffer,
    private readonly outcomeChecks: OutcomeCheckOptions = DEFAULT_OUTCOME_CHECKS,
  ) {}

  async claim(key: ReservationKey, owner: ReservationOwner, metadata: EventMetadata): Promise<void> {
    const streamId = reservationStreamId(key, this.secret);
    const claimed = (): NewEvent => ({
      eventId: newId(),
      type: 'ReservationClaimed',
      data: { kind: key.kind, scope: key.scope, owner: owner.streamId, ownerRevision: owner.revision.toString(), ownerEventId: owner.eventId } satisfies ClaimedData,
      metadata,
    });
    // Most values are claimed for the first time: try that before reading anything.
    try {
      await this.append(streamId, [claimed()], 'no_stream');
      return;
    } catch (error) {
      if (!(error instanceof WrongExpectedRevisionError)) throw error;
    }
    for (let attempt = 0; attempt < 3; attempt++) {
      const last = await this.lastEvent(streamId);
      if (last?.type === 'ReservationClaimed') {
        const held = last.data as ClaimedData;
        if (held.owner === owner.streamId) {
          // This stream's claim: kept when it names this attempt or an event the stream has; an earlier attempt that
          // never appended (a retry after an unknown outcome) is pointed at this one, else it would look abandoned.
          if (held.ownerEventId === owner.eventId || (await this.ownerEventIsThere(held))) return;
        } else if (!(await this.isAbandoned(last, held))) throw conflict(key.conflictCode, key.conflictMessage);
      }
      try {
        await this.append(streamId, [claimed()], last ? last.revision : 'no_stream');
        return;
      } catch (error) {
        if (!(error instanceof WrongExpectedRevisionError)) throw error;
      }
    }
    throw conflict(key.conflictCode, key.conflictMessage);
  }

  async release(key: Pick<ReservationKey, 'kind' | 'scope' | 'value'>, ownerStreamId: string, metadata: EventMetadata): Promise<void> {
    const streamId = reservationStreamId(key, this.secret);
    for (let attempt = 0; attempt < 3; attempt++) {
      const last = await this.lastEvent(streamId);
      if (last?.type !== 'ReservationClaimed' || (last.data as ClaimedData).owner !== ownerStreamId) return;
      try {
        await this.append(
          streamId,
          [{ eventId: newId(), type: 'ReservationReleased', data: { kind: key.kind, scope: key.scope, owner: ownerStreamId }, metadata }],
          last.revision,
        );
        return;
      } catch (error) {
        if (!(error instanceof WrongExpectedRevisionError)) throw error;
      }
    }
  }

  /** The stream that holds the value now (claimed and not released), or null: how a unique value finds its owner without a read model. */
  async holder(key: Pick<ReservationKey, 'kind' | 'scope' | 'value'>): Promise<string | null> {
    const last = await this.lastEvent(reservationStreamId(key, this.secret));
    return last?.type === 'ReservationClaimed' ? (last.data as ClaimedData).owner : null;
  }

  /** Claims every key or none: on a conflict the ones already claimed are released. */
  async claimAll(keys: ReservationKey[], owner: ReservationOwner, metadata: EventMetadata): Promise<void> {
    const claimed: ReservationKey[] = [];
    try {
      for (const key of keys) {
        await this.claim(key, owner, metadata);
        claimed.push(key);
      }
    } catch (error) {
      // The caller hears about the claim that failed; a release that fails too leaves a claim the takeover frees.
      await this.releaseAll(claimed, owner.streamId, metadata).catch((releaseError: unknown) =>
        this.logger.warn(`Releasing ${claimed.length} claim(s) of ${owner.streamId} failed: ${releaseError instanceof Error ? releaseError.message : String(releaseError)}`),
      );
      throw error;
    }
  }

  async releaseAll(keys: Pick<ReservationKey, 'kind' | 'scope' | 'value'>[], ownerStreamId: string, metadata: EventMetadata): Promise<void> {
    for (const key of keys) await this.release(key, ownerStreamId, metadata);
  }

  private append(streamId: string, events: NewEvent[], expected: bigint | 'no_stream') {
    return appendFindingOutcome(this.store, streamId, events, expected, this.outcomeChecks);
  }

  private async lastEvent(streamId: string): Promise<RecordedEvent | undefined> {
    for await (const event of this.store.readStream(streamId, { direction: 'backwards', maxCount: 1 })) return event;
    return undefined;
  }

  private async ownerEventIsThere(held: ClaimedData): Promise<boolean> {
    for await (const event of this.store.readStream(held.owner, { fromRevision: BigInt(held.ownerRevision), maxCount: 1 })) return event.eventId === held.ownerEventId;
    return false;
  }

  /** The owner's event is not where the claim said it would be, and the claim is old enough that it never will be. */
  private async isAbandoned(claim: RecordedEvent, held: ClaimedData): Promise<boolean> {
    for await (const event of this.store.readStream(held.owner, { fromRevision: BigInt(held.ownerRevision), maxCount: 1 })) {
      if (event.eventId === held.ownerEventId) return false;
      return true;
    }
    const age = this.clock.now().getTime() - new Date(claim.metadata.occurredAt).getTime();
    return age > ABANDONED_AFTER_MS;
  }
}

