/** Window dates are calendar days, both ends included. */
export interface WindowDates {
  startsOn: string;
  endsOn: string;
}

/** Reference rule 1: one window starts inside, ends inside or encloses the other. */
export const datesOverlap = (a: WindowDates, b: WindowDates): boolean => a.startsOn <= b.endsOn && b.startsOn <= a.endsOn;

export const hasEnded = (window: WindowDates, today: string): boolean => window.endsOn < today;

/** How long a registry entry waits for its window's own event before it is taken as abandoned by a crash. */
export const REGISTRY_GRACE_MS = 30_000;
