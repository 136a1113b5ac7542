import { Decider, DecisionContext } from '../../src/shared/decider';
import { DomainError } from '../../src/shared/domain-error';
import { DomainEvent } from '../../src/shared/event';

export const SPEC_NOW = new Date('2025-10-01T09:00:00Z');

/**
 * given(events).when(command).then(events) / .thenFails(code) for a decider:
 * the state is folded from the given events with the decider's own evolve.
 */
export function specFor<S, C, E extends DomainEvent, L>(decider: Decider<S, C, E, L>, defaultLookups: L) {
  return {
    given(events: E[] = []) {
      const state = events.reduce(decider.evolve, decider.initialState);
      return {
        when(command: C, context: Partial<DecisionContext<L>> = {}) {
          const decide = () =>
            decider.decide(command, state, {
              now: context.now ?? SPEC_NOW,
              actingUserId: context.actingUserId,
              lookups: { ...defaultLookups, ...(context.lookups ?? {}) } as L,
            });
          return {
            then(expected: E[]) {
              expect(decide()).toEqual(expected);
            },
            thenFails(code: string) {
              let failure: unknown;
              try {
                decide();
              } catch (error) {
                failure = error;
              }
              expect(failure).toBeInstanceOf(DomainError);
              expect((failure as DomainError).code).toBe(code);
              return failure as DomainError;
            },
            state: () => decide().reduce(decider.evolve, state),
          };
        },
        state,
      };
    },
  };
}
