/** Calendar dates are `YYYY-MM-DD` strings; they compare correctly as strings. */
export const DATE_PATTERN = /^\d{4}-\d{2}-\d{2}$/;

export function isCalendarDate(value: unknown): value is string {
  if (typeof value !== 'string' || !DATE_PATTERN.test(value)) return false;
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
}

/** Half-open interval [begin, end) holds `day`; an absent end is open. */
export const coversDay = (begin: string, end: string | undefined | null, day: string): boolean =>
  begin <= day && (end == null || day < end);

/** Two half-open intervals overlap. */
export const overlaps = (
  a: { begin: string; end?: string | null },
  b: { begin: string; end?: string | null },
): boolean => (a.end == null || b.begin < a.end) && (b.end == null || a.begin < b.end);
