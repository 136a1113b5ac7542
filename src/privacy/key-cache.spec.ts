import { KeyCache } from './key-cache';

describe('KeyCache', () => {
  it('holds at most its capacity; the least recently used go first', () => {
    const cache = new KeyCache<number>(4);
    for (const [i, id] of ['a', 'b', 'c', 'd'].entries()) cache.set(id, i);
    expect(cache.get('a')).toBe(0);
    cache.set('e', 4);
    cache.set('f', 5);
    expect(['a', 'b', 'c', 'd', 'e', 'f'].filter((id) => cache.peek(id) !== undefined)).toEqual(['a', 'e', 'f']);
  });

  it('peek does not count as a use', () => {
    const cache = new KeyCache<number>(2);
    cache.set('a', 1);
    cache.set('b', 2);
    expect(cache.peek('a')).toBe(1);
    cache.set('c', 3);
    expect(cache.peek('a')).toBeUndefined();
    expect(cache.peek('b')).toBe(2);
  });

  it('a value set again replaces the old one, also after the generations turn; delete forgets it', () => {
    const cache = new KeyCache<string>(2);
    cache.set('a', 'old');
    cache.set('b', 'b');
    cache.set('a', 'new');
    expect(cache.peek('a')).toBe('new');
    cache.set('c', 'c');
    expect(cache.get('a')).toBe('new');
    cache.delete('a');
    expect(cache.peek('a')).toBeUndefined();
  });

  it('stays fast at 50,000 keys with every use moving a key (a Map kept in LRU order by delete + set does not)', () => {
    const cache = new KeyCache<number>(50_000);
    for (let i = 0; i < 60_000; i++) cache.set(`k${i}`, i);
    const start = process.hrtime.bigint();
    for (let i = 0; i < 100_000; i++) {
      cache.get('k59999');
      cache.set(`n${i}`, i);
    }
    expect(Number(process.hrtime.bigint() - start) / 1e6).toBeLessThan(1_000);
  });
});
