/** Time comes from here so tests and deciders can fix it. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

export class FixedClock implements Clock {
  constructor(private current: Date) {}
  now(): Date {
    return new Date(this.current.getTime());
  }
  set(to: Date | string): void {
    this.current = new Date(to);
  }
}

export const isoDate = (d: Date): string => d.toISOString().slice(0, 10);

export const CLOCK = Symbol('Clock');
