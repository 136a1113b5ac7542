import { WorkLedger } from './student-work.values';

describe('WorkLedger', () => {
  it('extends without changing the ledger it came from', () => {
    const one = WorkLedger.empty<number>().with('a', 1);
    const two = one.with('b', 2).with('a', 3);
    expect([...two.entries()]).toEqual([['a', 3], ['b', 2]]);
    expect([...one.entries()]).toEqual([['a', 1]]);
    expect([one.size, two.size]).toEqual([1, 2]);
  });

  describe('deferred (a snapshot’s ledger)', () => {
    const seeded = () => {
      const made = { times: 0 };
      const ledger = WorkLedger.deferred<number>(2, () => {
        made.times++;
        return [['x', 1], ['y', 2]];
      });
      return { ledger, made };
    };

    it('knows its size without making its entries', () => {
      const { ledger, made } = seeded();
      expect(ledger.size).toBe(2);
      expect(made.times).toBe(0);
    });

    it('makes its entries on the first read, once, in their order', () => {
      const { ledger, made } = seeded();
      expect(ledger.get('y')).toBe(2);
      expect(ledger.has('z')).toBe(false);
      expect([...ledger.entries()]).toEqual([['x', 1], ['y', 2]]);
      expect(made.times).toBe(1);
    });

    it('is extended after its own entries, and still answers as it was when asked again', () => {
      const { ledger } = seeded();
      const later = ledger.with('z', 3).with('x', 9);
      expect([...later.entries()]).toEqual([['x', 9], ['y', 2], ['z', 3]]);
      expect(later.size).toBe(3);
      expect([...ledger.entries()]).toEqual([['x', 1], ['y', 2]]);
      expect(ledger.toJSON()).toEqual({ x: 1, y: 2 });
    });
  });
});
