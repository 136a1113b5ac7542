import { freshRandomBytes, freshRandomView } from './random-pool';

describe('freshRandomBytes', () => {
  it('never hands out the same bytes twice, across refills of the pool', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 2_000; i++) seen.add(freshRandomBytes(12).toString('hex'));
    expect(seen.size).toBe(2_000);
  });

  it('answers the size asked for, small or large', () => {
    const small = freshRandomBytes(32);
    const large = freshRandomBytes(4_096);
    expect([small.length, large.length]).toEqual([32, 4_096]);
    expect(large.equals(Buffer.alloc(4_096))).toBe(false);
  });

  it('views and copies together never hand out the same bytes twice', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 2_000; i++) seen.add((i % 2 ? freshRandomView(12) : freshRandomBytes(12)).toString('hex'));
    expect(seen.size).toBe(2_000);
  });
});
