import { Collection, MongoServerError } from 'mongodb';
import {
  Document,
  DocumentCollection,
  DuplicateKeyError,
  Filter,
  FindOptions,
  StoredDocument,
  WriteOptions,
} from '../document-store.port';
import { checkedDocumentPosition } from '../document-positions';
import { filterToMongo, sortToMongo } from './filter-to-mongo';

/** A read model as stored: the port's id is `_id`, the last event's position is `_position` (int64). */
export type { StoredShape } from './stored-shape';
import type { StoredShape } from './stored-shape';

const WITHOUT_OWN_FIELDS = { _id: 0, _position: 0 } as const;

export class MongoCollection<T extends Document> implements DocumentCollection<T> {
  constructor(
    private readonly collection: Collection<StoredShape>,
    /** Field lists of the collection's unique indexes (a sort on one needs no tie-break). */
    private readonly uniqueKeys: () => string[][] = () => [],
  ) {}

  async get(id: string): Promise<T | null> {
    return (await this.collection.findOne({ _id: id }, { projection: WITHOUT_OWN_FIELDS })) as T | null;
  }

  async getStored(id: string): Promise<StoredDocument<T> | null> {
    const stored = await this.collection.findOne({ _id: id }, { useBigInt64: true });
    return stored ? { doc: withoutOwnFields<T>(stored), position: BigInt(stored._position ?? 0) } : null;
  }

  async find(filter?: Filter, options: FindOptions = {}): Promise<T[]> {
    const { limit, offset } = paging(options.limit, options.offset);
    // MongoDB reads a limit of 0 as "no limit".
    if (limit === 0) return [];
    const query = filterToMongo(filter);
    const cursor = this.collection
      .find(query, { projection: WITHOUT_OWN_FIELDS })
      .sort(sortToMongo(options.sort, this.uniqueKeys()))
      .skip(offset);
    if (limit !== undefined) cursor.limit(limit);
    return (await cursor.toArray()) as unknown as T[];
  }

  async count(filter?: Filter): Promise<number> {
    return this.collection.countDocuments(filterToMongo(filter));
  }

  async entries(options: { afterId?: string; limit?: number } = {}): Promise<{ id: string; doc: T; position: bigint }[]> {
    const { limit } = paging(options.limit, 0);
    if (limit === 0) return [];
    const cursor = this.collection
      .find(options.afterId === undefined ? {} : { _id: { $gt: options.afterId } }, { useBigInt64: true })
      .sort({ _id: 1 });
    if (limit !== undefined) cursor.limit(limit);
    const stored = await cursor.toArray();
    return stored.map((s) => ({ id: s._id, doc: withoutOwnFields<T>(s), position: BigInt(s._position ?? 0) }));
  }

  async put(id: string, doc: T, options: WriteOptions = {}): Promise<boolean> {
    checkDocument(id, doc);
    const ifOlderThan = checkedDocumentPosition(options.ifOlderThan);
    try {
      if (ifOlderThan === undefined) {
        await this.collection.replaceOne({ _id: id }, { ...doc, _position: 0n }, { upsert: true });
        return true;
      }
      return await this.putIfOlder(id, doc, ifOlderThan, true);
    } catch (error) {
      if (isDuplicateKey(error)) throw new DuplicateKeyError(this.collection.collectionName, error);
      throw error;
    }
  }

  /**
   * The filter misses when the stored document is as new or newer, and the upsert's insert then
   * collides on `_id`: not applied. The same collision also happens when another writer inserted the
   * id between our filter and our insert, so one retry compares against that document's position.
   */
  private async putIfOlder(id: string, doc: T, ifOlderThan: bigint, retry: boolean): Promise<boolean> {
    try {
      const result = await this.collection.replaceOne(
        { _id: id, _position: { $lt: ifOlderThan } },
        { ...doc, _position: ifOlderThan },
        { upsert: true },
      );
      return result.matchedCount + result.upsertedCount > 0;
    } catch (error) {
      if (!(isDuplicateKey(error) && isIdKey(error))) throw error;
      return retry ? this.putIfOlder(id, doc, ifOlderThan, false) : false;
    }
  }

  async delete(id: string, options: WriteOptions = {}): Promise<boolean> {
    const ifOlderThan = checkedDocumentPosition(options.ifOlderThan);
    const filter = ifOlderThan === undefined ? { _id: id } : { _id: id, _position: { $lt: ifOlderThan } };
    const result = await this.collection.deleteOne(filter);
    return result.deletedCount > 0;
  }
}

export function isDuplicateKey(error: unknown): error is MongoServerError {
  return error instanceof MongoServerError && error.code === 11000;
}

function isIdKey(error: MongoServerError): boolean {
  const keyPattern: unknown = error.keyPattern ?? error.errorResponse?.keyPattern;
  if (keyPattern && typeof keyPattern === 'object') return Object.keys(keyPattern).join() === '_id';
  return / index: _id_ /.test(error.message);
}

function withoutOwnFields<T>(stored: StoredShape): T {
  const { _id, _position, ...doc } = stored;
  return doc as unknown as T;
}

function checkDocument(id: string, doc: Document): void {
  if (typeof id !== 'string') throw new TypeError('A document id must be a string');
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) throw new TypeError('A document must be an object');
  if (Object.hasOwn(doc, '_id') || Object.hasOwn(doc, '_position')) {
    throw new TypeError('Document fields "_id" and "_position" are reserved by the store');
  }
}

function paging(limit: number | undefined, offset = 0): { limit: number | undefined; offset: number } {
  for (const [name, value] of [['limit', limit ?? 0], ['offset', offset]] as const) {
    if (!Number.isSafeInteger(value) || value < 0) throw new RangeError(`${name} must be a non-negative integer`);
  }
  return { limit, offset };
}
