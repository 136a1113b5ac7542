/** Calendar dates are `YYYY-MM-DD` strings; they compare correctly as strings. */
export const DATE_PATTERN = /^\d{4}-\d{2}-\d{2}$/;

/** A `YYYY-MM-DD` that names a real day of the (proleptic Gregorian) calendar, as `Date` reads it; checked without making one. */
export function isCalendarDate(value: unknown): value is string {
  if (typeof value !== 'string' || !DATE_PATTERN.test(value)) return false;
  const year = Number(value.slice(0, 4));
  const month = Number(value.slice(5, 7));
  const day = Number(value.slice(8, 10));
  return month >= 1 && month <= 12 && day >= 1 && day <= daysIn(year, month);
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const isLeapYear = (year: number) => (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
const daysIn = (year: number, month: number) => (month === 2 && isLeapYear(year) ? 29 : DAYS_IN_MONTH[month - 1]);

/** Half-open interval [begin, end) holds `day`; an absent end is open. */
export const coversDay = (begin: string, end: string | undefined | null, day: string): boolean =>
  begin <= day && (end == null || day < end);

/** Two half-open intervals overlap. */
export const overlaps = (
  a: { begin: string; end?: string | null },
  b: { begin: string; end?: string | null },
): boolean => (a.end == null || b.begin < a.end) && (b.end == null || a.begin < b.end);
