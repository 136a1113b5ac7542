import { DocumentStore } from '../read-store/document-store.port';

interface ClaimDocument extends Record<string, unknown> {
  claimedAt: string;
}

const COLLECTION = 'idempotency_claims';
/** A claim older than this belongs to a process that died mid-request: another may take it over. */
const STALE_MS = 60_000;
const POLL_MS = 50;

export class IdempotencyKeyBusy extends Error {}

/**
 * "This keyed request is being executed", claimed in the read store every API process shares, so
 * two replicas never both execute one keyed request. A claim is an insert-if-absent (a conditional
 * write at position 1); a stale claim is taken over by compare-and-set on its position.
 */
export class IdempotencyClaims {
  constructor(
    private readonly documents: DocumentStore,
    private readonly waitMs = 10_000,
  ) {}

  /**
   * Waits (up to `waitMs`) until this process holds the claim, then runs `work` and releases it.
   * `settled` is asked before each attempt: once another process saved an answer, it is returned instead.
   */
  async run<R>(id: string, settled: () => Promise<R | null>, work: () => Promise<R>): Promise<R> {
    const collection = this.documents.collection<ClaimDocument>(COLLECTION);
    const deadline = Date.now() + this.waitMs;
    for (;;) {
      const done = await settled();
      if (done !== null) return done;
      const position = await this.claim(id);
      if (position !== null) {
        try {
          return await work();
        } finally {
          await collection.delete(id, { ifOlderThan: position + 1n });
        }
      }
      if (Date.now() > deadline) throw new IdempotencyKeyBusy(`The request with this Idempotency-Key is still running elsewhere after ${this.waitMs} ms`);
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    }
  }

  /** The claim's position when this call got it; null when another holds a live claim. */
  private async claim(id: string): Promise<bigint | null> {
    const collection = this.documents.collection<ClaimDocument>(COLLECTION);
    const doc: ClaimDocument = { claimedAt: new Date().toISOString() };
    if (await collection.put(id, doc, { ifOlderThan: 1n })) return 1n;
    const held = await collection.getStored(id);
    if (!held) return (await collection.put(id, doc, { ifOlderThan: 1n })) ? 1n : null;
    if (Date.now() - Date.parse(held.doc.claimedAt) < STALE_MS) return null;
    const next = held.position + 1n;
    return (await collection.put(id, doc, { ifOlderThan: next })) ? next : null;
  }
}
