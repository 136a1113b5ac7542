import { StoreUnavailableError } from '../../../src/event-store/event-store.port';
import type {
  Document, DocumentCollection, DocumentStore, DocumentTransaction, Filter, FindOptions, IndexSpec, StoredDocument, WriteOptions,
} from '../../../src/read-store/document-store.port';

/** Which writes a targeted fault hits: any field left out matches every write. */
export interface WriteTarget {
  /** A name, or a pattern (a rebuild writes the same documents into `<name>__shadow`). */
  collection?: string | RegExp;
  id?: string;
  /** The event a projector writes for: matched against the conditional write's `ifOlderThan`. */
  position?: bigint;
}

interface TargetedFault extends WriteTarget {
  error: () => Error;
}

/** A write refused for good, the way MongoDB refuses a document (not transient: retrying fails the same way). */
export const refusedWrite = (message = 'injected: the store refused this document') => () => new Error(message);
/** The read store not answering, as the adapters report it (transient). */
export const storeUnavailable = () => new StoreUnavailableError('injected: the read store is unavailable');

/**
 * A DocumentStore that fails on demand, around a real one: fail before a write, fail after a commit
 * (the work is stored, the caller is told it failed), unavailable for a while, slow, and refuse the
 * writes of one event or one document. Reproduces here what MongoDB does in production.
 */
export class FaultyDocumentStore implements DocumentStore {
  private unavailableUntil = 0;
  private delayMs = 0;
  private beforeFault: { count: number; error: () => Error } | null = null;
  private afterCommitFault: { count: number; error: () => Error } | null = null;
  private readonly targeted = new Set<TargetedFault>();
  /** Operations refused or failed so far, for tests to check that a fault was met. */
  injected = 0;

  constructor(readonly inner: DocumentStore) {}

  get kind(): DocumentStore['kind'] {
    return this.inner.kind;
  }

  /** Every operation (reads, writes, ping) rejects as unavailable for `ms` from now. */
  unavailableFor(ms: number): this {
    this.unavailableUntil = Date.now() + ms;
    return this;
  }

  /** Every operation waits `ms` before it runs. */
  slow(ms: number): this {
    this.delayMs = ms;
    return this;
  }

  /** The next `count` writes (put, delete, transaction) fail before reaching the store. */
  failNextWrites(count = 1, error: () => Error = storeUnavailable): this {
    this.beforeFault = { count, error };
    return this;
  }

  /** The next `count` transactions (or lone writes) are stored, then reported as failed. */
  failAfterCommit(count = 1, error: () => Error = storeUnavailable): this {
    this.afterCommitFault = { count, error };
    return this;
  }

  /** Writes matching `target` fail (before reaching the store) until the returned function is called. */
  failWrites(target: WriteTarget, error: () => Error = refusedWrite()): () => void {
    const fault = { ...target, error };
    this.targeted.add(fault);
    return () => void this.targeted.delete(fault);
  }

  /** Lifts every fault. */
  heal(): this {
    this.unavailableUntil = 0;
    this.delayMs = 0;
    this.beforeFault = null;
    this.afterCommitFault = null;
    this.targeted.clear();
    return this;
  }

  async before(): Promise<void> {
    if (this.delayMs > 0) await new Promise((resolve) => setTimeout(resolve, this.delayMs));
    if (Date.now() < this.unavailableUntil) {
      this.injected += 1;
      throw storeUnavailable();
    }
  }

  async beforeWrite(collection: string, id: string, options: WriteOptions | undefined, inTransaction: boolean): Promise<void> {
    await this.before();
    for (const fault of this.targeted) {
      const hit =
        (fault.collection === undefined || (typeof fault.collection === 'string' ? fault.collection === collection : fault.collection.test(collection))) &&
        (fault.id === undefined || fault.id === id) &&
        (fault.position === undefined || fault.position === options?.ifOlderThan);
      if (hit) {
        this.injected += 1;
        throw fault.error();
      }
    }
    if (!inTransaction) this.takeFailBefore();
  }

  private takeFailBefore(): void {
    if (!this.beforeFault || this.beforeFault.count <= 0) return;
    this.beforeFault.count -= 1;
    this.injected += 1;
    throw this.beforeFault.error();
  }

  afterCommit(): void {
    if (!this.afterCommitFault || this.afterCommitFault.count <= 0) return;
    this.afterCommitFault.count -= 1;
    this.injected += 1;
    throw this.afterCommitFault.error();
  }

  collection<T extends Document = Document>(name: string): DocumentCollection<T> {
    return new FaultyCollection<T>(this, this.inner.collection<T>(name), name, false);
  }

  async transaction<R>(work: (tx: DocumentTransaction) => Promise<R>): Promise<R> {
    await this.before();
    this.takeFailBefore();
    const result = await this.inner.transaction((tx) =>
      work({
        collection: <T extends Document>(name: string) => new FaultyCollection<T>(this, tx.collection<T>(name), name, true),
        renameCollection: (source, target) => tx.renameCollection(source, target),
      }),
    );
    this.afterCommit();
    return result;
  }

  async ensureIndexes(collection: string, indexes: IndexSpec[]): Promise<void> {
    await this.before();
    return this.inner.ensureIndexes(collection, indexes);
  }

  async renameCollection(source: string, target: string): Promise<void> {
    await this.before();
    return this.inner.renameCollection(source, target);
  }

  async dropCollection(name: string): Promise<void> {
    await this.before();
    return this.inner.dropCollection(name);
  }

  async listCollections(): Promise<string[]> {
    await this.before();
    return this.inner.listCollections();
  }

  async ping(): Promise<void> {
    await this.before();
    return this.inner.ping();
  }

  async optimize(): Promise<void> {
    await this.before();
    return this.inner.optimize();
  }

  close(): Promise<void> {
    return this.inner.close();
  }
}

class FaultyCollection<T extends Document> implements DocumentCollection<T> {
  constructor(
    private readonly faults: FaultyDocumentStore,
    private readonly inner: DocumentCollection<T>,
    private readonly name: string,
    private readonly inTransaction: boolean,
  ) {}

  async get(id: string): Promise<T | null> {
    await this.faults.before();
    return this.inner.get(id);
  }

  async getStored(id: string): Promise<StoredDocument<T> | null> {
    await this.faults.before();
    return this.inner.getStored(id);
  }

  async find(filter?: Filter, options?: FindOptions): Promise<T[]> {
    await this.faults.before();
    return this.inner.find(filter, options);
  }

  async count(filter?: Filter): Promise<number> {
    await this.faults.before();
    return this.inner.count(filter);
  }

  async entries(options?: { afterId?: string; limit?: number }): Promise<{ id: string; doc: T; position: bigint }[]> {
    await this.faults.before();
    return this.inner.entries(options);
  }

  async put(id: string, doc: T, options?: WriteOptions): Promise<boolean> {
    await this.faults.beforeWrite(this.name, id, options, this.inTransaction);
    const applied = await this.inner.put(id, doc, options);
    if (!this.inTransaction) this.faults.afterCommit();
    return applied;
  }

  async delete(id: string, options?: WriteOptions): Promise<boolean> {
    await this.faults.beforeWrite(this.name, id, options, this.inTransaction);
    const applied = await this.inner.delete(id, options);
    if (!this.inTransaction) this.faults.afterCommit();
    return applied;
  }
}
