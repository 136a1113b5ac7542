import { upcast } from '../event-store/upcasting';
import { Decider } from '../shared/decider';
import { DomainEvent, RecordedEvent } from '../shared/event';

/** Where to stop: at a revision (inclusive), as of an instant (events that occurred at or before it), or at the end. */
export type HistoryPoint = { atRevision: bigint } | { asOf: Date } | { latest: true };

export interface StateAt<S = unknown> {
  state: S;
  revision: bigint;
  position: bigint;
  /** When the last event folded occurred. */
  occurredAt: string;
}

export type FoldOutcome<S> =
  | { found: StateAt<S> }
  | { missing: 'no events' }
  | { missing: 'revision past the end'; lastRevision: bigint }
  | { missing: 'before the first event'; firstOccurredAt: string };

/**
 * Folds a stream's prefix with the decider's own `evolve`, each event upcast as the decider reads it
 * (`AggregateLoader` folds the same way), so the state is the one decisions were made with then.
 */
export async function foldUntil<S>(decider: Decider<S, any, any, any>, events: AsyncIterable<RecordedEvent> | Iterable<RecordedEvent>, point: HistoryPoint): Promise<FoldOutcome<S>> {
  let folded: StateAt<S> | null = null;
  const asOf = 'asOf' in point ? point.asOf.getTime() : null;
  let first: RecordedEvent | null = null;
  for await (const stored of events) {
    first ??= stored;
    if ('atRevision' in point && stored.revision > point.atRevision) break;
    const event = upcast(stored);
    if (asOf !== null && Date.parse(event.metadata.occurredAt) > asOf) break;
    const state = decider.evolve(folded ? folded.state : decider.initialState, { type: event.type, data: event.data } as DomainEvent);
    folded = { state, revision: event.revision, position: event.position, occurredAt: event.metadata.occurredAt };
  }
  if (!first) return { missing: 'no events' };
  if ('atRevision' in point && (!folded || folded.revision < point.atRevision)) return { missing: 'revision past the end', lastRevision: folded?.revision ?? -1n };
  if (!folded) return { missing: 'before the first event', firstOccurredAt: first.metadata.occurredAt };
  return { found: folded };
}
