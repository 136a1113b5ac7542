/**
 * Recently used keys, bounded, in two generations: a hit in the young one is one lookup, a hit in
 * the old one moves the key to the young one; a full young generation becomes the old one and the
 * old one is dropped, so the least recently used keys go first. (A Map kept in LRU order by delete +
 * set costs tens of µs an operation at 50,000 keys: the deleted slots pile up until a rehash.)
 */
export class KeyCache<V> {
  private young = new Map<string, V>();
  private old = new Map<string, V>();
  private readonly generation: number;

  constructor(capacity: number) {
    this.generation = Math.max(1, Math.floor(capacity / 2));
  }

  /** The value without marking it used. */
  peek(id: string): V | undefined {
    const young = this.young.get(id);
    return young !== undefined ? young : this.old.get(id);
  }

  /** The value, marked used. */
  get(id: string): V | undefined {
    const young = this.young.get(id);
    if (young !== undefined) return young;
    const old = this.old.get(id);
    if (old !== undefined) this.set(id, old);
    return old;
  }

  set(id: string, value: V): void {
    if (this.young.size >= this.generation && !this.young.has(id)) {
      this.old = this.young;
      this.young = new Map();
    }
    // A stale value of `id` left in the old generation is hidden by this one and dropped with it.
    this.young.set(id, value);
  }

  delete(id: string): void {
    this.young.delete(id);
    this.old.delete(id);
  }
}
