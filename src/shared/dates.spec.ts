import { isCalendarDate } from './dates';

/** What the check said before: a Date made of the text must give the same day back. */
const byDate = (value: string) => {
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
};

describe('isCalendarDate', () => {
  it('accepts exactly the YYYY-MM-DD texts that name a real day, as Date reads them', () => {
    const pad = (n: number, width: number) => String(n).padStart(width, '0');
    for (const year of [0, 1, 4, 100, 400, 1900, 1999, 2000, 2023, 2024, 2100, 9999]) {
      for (let month = 0; month <= 13; month++) {
        for (let day = 0; day <= 32; day++) {
          const text = `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`;
          expect({ text, valid: isCalendarDate(text) }).toEqual({ text, valid: byDate(text) });
        }
      }
    }
  });

  it('refuses what is not a YYYY-MM-DD string', () => {
    for (const value of [undefined, null, 20240101, '2024-1-01', '2024-01-01T00:00:00Z', ' 2024-01-01', '2024/01/01', '+02024-01-01']) {
      expect(isCalendarDate(value)).toBe(false);
    }
    expect(isCalendarDate('2024-02-29')).toBe(true);
    expect(isCalendarDate('2023-02-29')).toBe(false);
  });
});
