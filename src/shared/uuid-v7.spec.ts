import { validate, version } from 'uuid';
import { uuidV7 } from './uuid-v7';

const millisecondsOf = (id: string) => parseInt(id.replace(/-/g, '').slice(0, 12), 16);

describe('uuidV7', () => {
  it('makes RFC 9562 version 7 ids (variant 10) carrying the millisecond they were made in', () => {
    // The module keeps the last millisecond (ids never go back in time): the tests go forward, within 48 bits.
    expect(Math.abs(millisecondsOf(uuidV7()) - Date.now())).toBeLessThan(1000);
    for (const now of [Date.now() + 1000, Date.now() + 2000, 2 ** 47 + 5]) {
      const id = uuidV7(now);
      expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      expect(validate(id)).toBe(true);
      expect(version(id)).toBe(7);
      expect(millisecondsOf(id)).toBe(now);
    }
  });

  it('sorts ids in the order they were made, also many in one millisecond and when the clock steps back', () => {
    const base = 2.5e14;
    const ids: string[] = [];
    for (let i = 0; i < 20_000; i++) ids.push(uuidV7(base + Math.floor(i / 5000) - (i % 7 === 0 ? 3 : 0)));
    expect([...ids].sort()).toEqual(ids);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('draws fresh random bits for every id', () => {
    const tails = new Set(Array.from({ length: 5000 }, () => uuidV7(2.6e14).slice(-10)));
    expect(tails.size).toBe(5000);
  });
});
