import { createHash } from 'node:crypto';
import { canonicalJson } from '../event-store/canonical-json';
import { DocumentStore } from '../read-store/document-store.port';
import { IdempotencyClaims } from './idempotency-claims';

/** What a keyed command answered, replayed to a retry with the same key and body. */
export interface StoredResponse extends Record<string, unknown> {
  requestHash: string;
  status: number;
  body: unknown;
  headers: Record<string, string>;
  storedAt: string;
}

/** What is left of a key after its 48 hours: the request it was used for, so another body is still refused. */
export interface ExpiredKey extends Record<string, unknown> {
  requestHash: string;
  storedAt: string;
  expired: true;
}

const COLLECTION = 'idempotency_keys';
const KEEP_MS = 48 * 3600 * 1000;

/** The request's fingerprint: the command's name and its body as canonical JSON (the event log's: keys sorted, any depth), hashed. */
export const requestHash = (command: string, body: unknown): string =>
  createHash('sha256').update(command).update('\u0000').update(canonicalJson(body)).digest('hex');

/**
 * Responses to keyed commands, kept for 48 hours in the read-model store (so across restarts); then
 * only the request's hash is kept. Keys are scoped by token; one request per key runs at a time in
 * this process, and across processes through a claim in the shared store.
 */
export class IdempotencyStore {
  private readonly inFlight = new Map<string, Promise<unknown>>();
  private readonly claims: IdempotencyClaims;

  constructor(
    private readonly documents: DocumentStore,
    claimWaitMs?: number,
  ) {
    this.claims = new IdempotencyClaims(documents, claimWaitMs);
  }

  private id = (tokenName: string, key: string) => createHash('sha256').update(`${tokenName}\u0000${key}`).digest('hex');

  /** The stored response, or what is left of it after 48 hours, or null for a key never used by this token. */
  async find(tokenName: string, key: string): Promise<StoredResponse | ExpiredKey | null> {
    const stored = await this.documents.collection<StoredResponse | ExpiredKey>(COLLECTION).get(this.id(tokenName, key));
    if (!stored) return null;
    if (stored.expired === true || Date.now() - Date.parse(stored.storedAt) > KEEP_MS) {
      return { requestHash: stored.requestHash, storedAt: stored.storedAt, expired: true };
    }
    return stored;
  }

  /** Runs `work` holding this token's key in the store every API process shares; `settled` may answer first (another process finished it). */
  claimed<R>(tokenName: string, key: string, settled: () => Promise<R | null>, work: () => Promise<R>): Promise<R> {
    return this.claims.run(this.id(tokenName, key), settled, work);
  }

  async save(tokenName: string, key: string, response: { requestHash: string; status: number; body: unknown; headers: Record<string, string> }): Promise<void> {
    await this.documents
      .collection<StoredResponse>(COLLECTION)
      .put(this.id(tokenName, key), { ...response, storedAt: new Date().toISOString() });
  }

  /** Runs `work` after any in-flight request with the same key has finished. */
  async exclusive<R>(tokenName: string, key: string, work: () => Promise<R>): Promise<R> {
    const id = this.id(tokenName, key);
    while (this.inFlight.has(id)) await this.inFlight.get(id)!.catch(() => undefined);
    const running = work();
    this.inFlight.set(id, running);
    try {
      return await running;
    } finally {
      this.inFlight.delete(id);
    }
  }

  /** Drops every stored response about this aggregate (an erased student's): a retry then runs again and finds nothing to do. */
  async dropResponsesFor(aggregateId: string): Promise<number> {
    const collection = this.documents.collection<StoredResponse>(COLLECTION);
    let dropped = 0;
    for (let afterId: string | undefined; ; ) {
      const page = await collection.entries({ afterId, limit: 500 });
      for (const entry of page) {
        const body = entry.doc.body as { aggregateId?: unknown } | null;
        if (body && typeof body === 'object' && body.aggregateId === aggregateId && (await collection.delete(entry.id))) dropped++;
      }
      if (page.length < 500) return dropped;
      afterId = page[page.length - 1].id;
    }
  }

  /** Drops the stored responses past their 48 hours, keeping each key's request hash (a small record per key). */
  async purgeExpired(): Promise<number> {
    const cutoff = new Date(Date.now() - KEEP_MS).toISOString();
    const collection = this.documents.collection<StoredResponse | ExpiredKey>(COLLECTION);
    let purged = 0;
    for (let afterId: string | undefined; ; ) {
      const page = await collection.entries({ afterId, limit: 500 });
      for (const entry of page) {
        if (entry.doc.expired === true || entry.doc.storedAt >= cutoff) continue;
        await collection.put(entry.id, { requestHash: entry.doc.requestHash, storedAt: entry.doc.storedAt, expired: true });
        purged++;
      }
      if (page.length < 500) return purged;
      afterId = page[page.length - 1].id;
    }
  }
}

export const IDEMPOTENCY_STORE = Symbol('IdempotencyStore');
