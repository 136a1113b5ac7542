/** Date ranges of years and terms: both ends inclusive (2025-09-01..2026-08-31), as calendar dates that compare as strings. */
export interface DateRange {
  startsOn: string;
  endsOn: string;
}

/** Years and terms end after they start. */
export const endsAfterStarts = (range: DateRange): boolean => range.endsOn > range.startsOn;

/** Two inclusive ranges share at least one day. */
export const rangesOverlap = (a: DateRange, b: DateRange): boolean => a.startsOn <= b.endsOn && b.startsOn <= a.endsOn;

export const rangeWithin = (inner: DateRange, outer: DateRange): boolean => inner.startsOn >= outer.startsOn && inner.endsOn <= outer.endsOn;

export const sameRange = (a: DateRange, b: DateRange): boolean => a.startsOn === b.startsOn && a.endsOn === b.endsOn;
