/**
 * An immutable map from work ids, cheap to extend: each ledger is one link (key, value, previous),
 * and the newest link of a lineage owns a lookup index (a Map) that `with` hands on to its
 * successor and extends in place. Folding n events is O(n) with no copying; an older ledger that
 * is asked again (a branch, an audit) rebuilds its own index from its links, so no ledger ever
 * observes a change made after it. A ledger decoded from a snapshot is `deferred`: its entries are
 * made when it is first read or extended, so a command that never looks at the work (most of a
 * student's commands) does not pay for tens of thousands of them.
 */
export class WorkLedger<V> {
  private constructor(
    private readonly previous: WorkLedger<V> | null,
    private readonly key: string | null,
    private readonly value: V | undefined,
    readonly size: number,
    private index: Map<string, V> | null,
    /** The root's entries when it was made `deferred`, in their order. */
    private readonly seed: (() => Iterable<[string, V]>) | null = null,
  ) {}

  static empty<V>(): WorkLedger<V> {
    return new WorkLedger<V>(null, null, undefined, 0, null);
  }

  /** A ledger of `size` distinct keys whose entries (in order) are made only when it is first read or extended. */
  static deferred<V>(size: number, entries: () => Iterable<[string, V]>): WorkLedger<V> {
    return new WorkLedger<V>(null, null, undefined, size, null, entries);
  }

  get(key: string): V | undefined {
    return this.owned().get(key);
  }

  has(key: string): boolean {
    return this.owned().has(key);
  }

  with(key: string, value: V): WorkLedger<V> {
    const index = this.owned();
    // Handed on: this ledger rebuilds from its links if it is ever read again.
    this.index = null;
    const size = index.has(key) ? this.size : this.size + 1;
    index.set(key, value);
    return new WorkLedger(this, key, value, size, index);
  }

  entries(): IterableIterator<[string, V]> {
    return this.owned().entries();
  }

  /** As JSON (audit's state-as-of): the entries as an object, in key order. */
  toJSON(): Record<string, V> {
    return Object.fromEntries([...this.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  }

  private owned(): Map<string, V> {
    if (this.index === null) this.index = this.rebuilt();
    return this.index;
  }

  /** The root's entries, then the links from the oldest: a key's latest value wins. */
  private rebuilt(): Map<string, V> {
    const links: WorkLedger<V>[] = [];
    let link: WorkLedger<V> | null = this;
    for (; link !== null && link.key !== null; link = link.previous) links.push(link);
    const index = new Map<string, V>(link?.seed?.() ?? []);
    for (let i = links.length - 1; i >= 0; i--) index.set(links[i].key as string, links[i].value as V);
    return index;
  }
}

/** A stable 53-bit fingerprint (cyrb53) of work content, fed field by field: what an idempotent repeat is compared by. */
export function contentHash(fields: readonly (string | number | null)[]): number {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (const field of fields) {
    // A type tag before and a separator after each field, so null, 1 and '1' never hash alike.
    const text = field === null ? '' : String(field);
    let ch = field === null ? 0 : typeof field === 'number' ? 1 : 2;
    for (let i = -1; i <= text.length; i++) {
      if (i >= 0) ch = i < text.length ? text.charCodeAt(i) : 0xffff;
      h1 = Math.imul(h1 ^ ch, 2654435761);
      h2 = Math.imul(h2 ^ ch, 1597334677);
    }
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return 4294967296 * (2097151 & h2) + (h1 >>> 0);
}
