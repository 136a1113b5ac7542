/** Days from `from` (inclusive) to `to` (exclusive; null = no end), as `YYYY-MM-DD` strings that compare as dates. */
export interface DayRange {
  from: string;
  to: string | null;
}

const endsBefore = (a: string | null, b: string | null) => a !== null && (b === null || a < b);
const laterEnd = (a: string | null, b: string | null) => (a === null || b === null ? null : a > b ? a : b);
const isEmpty = (r: DayRange) => r.to !== null && r.to <= r.from;

export const oneDay = (day: string): DayRange => ({ from: day, to: nextDay(day) });

export function nextDay(day: string): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

export const inRange = (day: string, range: DayRange) => day >= range.from && (range.to === null || day < range.to);

/** Sorted, disjoint ranges covering the same days (overlapping or touching ones joined). */
export function mergedRanges(ranges: DayRange[]): DayRange[] {
  const sorted = ranges.filter((r) => !isEmpty(r)).sort((a, b) => (a.from < b.from ? -1 : a.from > b.from ? 1 : 0));
  const merged: DayRange[] = [];
  for (const range of sorted) {
    const last = merged[merged.length - 1];
    if (last && !endsBefore(last.to, range.from)) merged[merged.length - 1] = { from: last.from, to: laterEnd(last.to, range.to) };
    else merged.push({ ...range });
  }
  return merged;
}

/**
 * The days on which one interval and its replacement differ (null = no interval): only work done on
 * those days can change attribution. Disjoint, so each day's documents are written once per event.
 */
export function changedRanges(before: DayRange | null, after: DayRange | null): DayRange[] {
  const b = before && !isEmpty(before) ? before : null;
  const a = after && !isEmpty(after) ? after : null;
  if (!b || !a) return mergedRanges([b, a].filter((r): r is DayRange => r !== null));
  const overlap = !(b.to !== null && b.to <= a.from) && !(a.to !== null && a.to <= b.from);
  if (!overlap) return mergedRanges([b, a]);
  const pieces: DayRange[] = [];
  if (b.from !== a.from) pieces.push({ from: b.from < a.from ? b.from : a.from, to: b.from < a.from ? a.from : b.from });
  if (b.to !== a.to) pieces.push({ from: endsBefore(b.to, a.to) ? (b.to as string) : (a.to as string), to: laterEnd(b.to, a.to) });
  return mergedRanges(pieces);
}
