import { Inject, Injectable } from '@nestjs/common';
import { EVENT_STORE, EventStore } from '../event-store/event-store.port';
import { ApiError } from '../http/api-error';
import { aggregateOf, AGGREGATE_TYPES } from './aggregate-catalog';
import { jsonSafe } from './json-safe';
import { foldUntil, HistoryPoint } from './state-as-of';

export interface AggregateStateAnswer {
  type: string;
  id: string;
  streamId: string;
  revision: number;
  position: string;
  occurredAt: string;
  state: unknown;
}

/** Any aggregate as it was: the HTTP answer and `ledger state` print the same. */
@Injectable()
export class AggregateStates {
  constructor(@Inject(EVENT_STORE) private readonly events: EventStore) {}

  async stateOf(type: string, id: string, point: HistoryPoint): Promise<AggregateStateAnswer> {
    const aggregate = aggregateOf(type, id);
    if (!aggregate) throw new ApiError(404, 'NotFound', `No aggregate type "${type}"; there are: ${AGGREGATE_TYPES.join(', ')}.`);
    const { decider, streamId } = aggregate;
    // At a revision only the events up to it are read.
    const maxCount = 'atRevision' in point ? Number(point.atRevision) + 1 : undefined;
    const outcome = await foldUntil(decider, this.events.readStream(streamId, { maxCount }), point);
    if ('missing' in outcome) {
      switch (outcome.missing) {
        case 'no events':
          throw new ApiError(404, 'NotFound', `${type} ${id} has no events.`);
        case 'revision past the end':
          throw new ApiError(422, 'RevisionOutOfRange', `${type} ${id} ends at revision ${outcome.lastRevision}.`, [{ lastRevision: Number(outcome.lastRevision) }]);
        case 'before the first event':
          throw new ApiError(422, 'BeforeFirstEvent', `${type} ${id} begins at ${outcome.firstOccurredAt}.`, [{ firstOccurredAt: outcome.firstOccurredAt }]);
      }
    }
    const { state, revision, position, occurredAt } = outcome.found;
    return { type, id, streamId, revision: Number(revision), position: position.toString(), occurredAt, state: jsonSafe(state) };
  }
}

/** `atRevision` / `asOf` as the query string or the command line gives them (at most one); null: not a point. */
export function historyPoint(atRevision: unknown, asOf: unknown): HistoryPoint | { invalid: string } {
  if (atRevision !== undefined && asOf !== undefined) return { invalid: 'give atRevision or asOf, not both' };
  if (atRevision !== undefined) {
    if (typeof atRevision !== 'string' || !/^\d{1,15}$/.test(atRevision)) return { invalid: 'atRevision must be a whole number' };
    return { atRevision: BigInt(atRevision) };
  }
  if (asOf !== undefined) {
    const instant = typeof asOf === 'string' && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/.test(asOf) ? new Date(asOf) : null;
    if (!instant || Number.isNaN(instant.getTime())) return { invalid: 'asOf must be an instant (ISO 8601 with a zone, e.g. 2026-01-31T12:00:00Z)' };
    return { asOf: instant };
  }
  return { latest: true };
}
