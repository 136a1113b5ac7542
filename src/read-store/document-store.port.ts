/**
 * The read-model store. Documents are plain JSON objects kept by id in named collections.
 * Every adapter must give identical answers for the same calls: the contract suite pins that.
 */

export type Scalar = string | number | boolean | null;

/**
 * A condition on one (possibly nested, dot-separated) field. A bare scalar means equality. A path
 * must not pass through an array of objects (MongoDB matches any element there, the embedded store
 * none): keep such lists as arrays of scalars (`$contains`) or in documents of their own.
 * Semantics follow MongoDB: `null` matches a missing field; `$ne`/`$nin` match missing fields;
 * range operators only match values of the bound's type (compare strings with strings, numbers
 * with numbers); `$contains` matches an array field holding the value.
 */
export type FieldCondition =
  | Scalar
  | {
      $eq?: Scalar;
      $ne?: Scalar;
      $in?: Scalar[];
      $nin?: Scalar[];
      $gt?: string | number;
      $gte?: string | number;
      $lt?: string | number;
      $lte?: string | number;
      $exists?: boolean;
      $contains?: Scalar;
      $containsAny?: Scalar[];
    };

export interface Filter {
  /** Any of these sub-filters holds (alongside the other fields, which must all hold). */
  $or?: Filter[];
  [path: string]: FieldCondition | Filter[] | undefined;
}

/** Sort keys in order; ties are always broken by document id ascending, on every adapter. */
export type Sort = [path: string, direction: 1 | -1][];

export interface FindOptions {
  sort?: Sort;
  limit?: number;
  offset?: number;
}

/**
 * A collection's indexes are declared as a whole (`ensureIndexes`). A unique index must not cover an
 * array field: MongoDB would key it per element. On MongoDB a plain index also ends with the id, the
 * tie-break of every sort: declare the directions the queries sort in.
 */
export interface IndexSpec {
  /** Fields in order with their direction. */
  fields: [path: string, direction: 1 | -1][];
  unique?: boolean;
  /**
   * '2dsphere': a MongoDB geospatial index on a GeoJSON point field (the one field named; its
   * direction is ignored), for dashboards querying MongoDB directly. The embedded store ignores it.
   */
  kind?: '2dsphere';
}

export interface StoredDocument<T> {
  doc: T;
  /** Global position of the last event written into this document (0n when written without one). */
  position: bigint;
}

export interface WriteOptions {
  /** Conditional write: apply only if the stored document is absent or older than this position. */
  ifOlderThan?: bigint;
}

export type Document = Record<string, unknown>;

export interface DocumentCollection<T extends Document = Document> {
  get(id: string): Promise<T | null>;
  getStored(id: string): Promise<StoredDocument<T> | null>;
  find(filter?: Filter, options?: FindOptions): Promise<T[]>;
  count(filter?: Filter): Promise<number>;
  /** Every document with its id, in id order (ascending, binary), a page at a time: for diffs and exports. */
  entries(options?: { afterId?: string; limit?: number }): Promise<{ id: string; doc: T; position: bigint }[]>;
  /** Returns whether the write was applied (false when a conditional write found a newer document). */
  put(id: string, doc: T, options?: WriteOptions): Promise<boolean>;
  delete(id: string, options?: WriteOptions): Promise<boolean>;
}

/** Reads and writes made inside `DocumentStore.transaction`. */
export interface DocumentTransaction {
  collection<T extends Document = Document>(name: string): DocumentCollection<T>;
  /** Replaces `target` with `source` within the transaction (used to swap in a rebuilt read model). */
  renameCollection(source: string, target: string): Promise<void>;
}

export interface DocumentStore {
  /** 'embedded' commits a transaction atomically; 'mongodb' applies writes as they come (made safe by conditional writes). */
  readonly kind: 'embedded' | 'mongodb';
  collection<T extends Document = Document>(name: string): DocumentCollection<T>;
  /**
   * Runs `work` with writes grouped: on the embedded store they commit together or not at all and
   * no other write interleaves; on MongoDB each write is applied when made.
   */
  transaction<R>(work: (tx: DocumentTransaction) => Promise<R>): Promise<R>;
  /** Makes `indexes` the collection's whole set: missing ones are created, changed ones recreated, others dropped. */
  ensureIndexes(collection: string, indexes: IndexSpec[]): Promise<void>;
  /** Replaces `target` with `source` (which disappears), atomically where the backend allows. */
  renameCollection(source: string, target: string): Promise<void>;
  dropCollection(name: string): Promise<void>;
  listCollections(): Promise<string[]>;
  ping(): Promise<void>;
  /** Refreshes the statistics the query planner chooses indexes by (after bulk writes such as a rebuild). */
  optimize(): Promise<void>;
  close(): Promise<void>;
}

export const DOCUMENT_STORE = Symbol('DocumentStore');

/** A write or an index build would give two documents the same key in a unique index (missing counts as null, as in MongoDB). */
export class DuplicateKeyError extends Error {
  constructor(
    readonly collection: string,
    override readonly cause?: unknown,
  ) {
    super(`A unique index on collection "${collection}" already holds this key`);
    this.name = 'DuplicateKeyError';
  }
}
