import { DomainEvent } from './event';

/** What a decision may know beyond the aggregate: time, who asks, and facts looked up beforehand. */
export interface DecisionContext<L = unknown> {
  now: Date;
  actingUserId?: string;
  lookups: L;
}

/**
 * An aggregate as three pure functions. `decide` returns the new events (empty for an idempotent
 * repeat) or throws a DomainError; it never fetches.
 */
export interface Decider<S, C, E extends DomainEvent, L = unknown> {
  initialState: S;
  evolve(state: S, event: E): S;
  decide(command: C, state: S, context: DecisionContext<L>): E[];
}

export function assertNever(value: never): never {
  throw new Error(`Unexpected value: ${JSON.stringify(value)}`);
}
