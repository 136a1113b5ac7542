import type { EventStore } from '../event-store/event-store.port';

/**
 * Seams for tests that run the whole app: wrappers around the stores it builds (e.g. a store that
 * injects faults). The service itself never sets them.
 */
export interface AppOverrides {
  /** Wraps the event store built from the configuration. */
  eventStore?: (store: EventStore) => EventStore;
}

export const APP_OVERRIDES = Symbol('AppOverrides');
