import { Db, MongoClient, MongoServerError } from 'mongodb';
import type {
  Document,
  DocumentCollection,
  DocumentStore,
  DocumentTransaction,
  IndexSpec,
} from '../document-store.port';
import { DuplicateKeyError } from '../document-store.port';
import { checkedPath } from './filter-to-mongo';
import { isDuplicateKey, MongoCollection, StoredShape } from './mongo-collection';

const NAMESPACE_NOT_FOUND = 26;
const NAMESPACE_EXISTS = 48;

/**
 * Read models in MongoDB. Writes apply as they are made (no server transaction): projectors make
 * them safe to repeat with conditional writes, and the checkpoint is written last.
 */
export class MongoDocumentStore implements DocumentStore {
  readonly kind = 'mongodb' as const;

  private constructor(
    private readonly client: MongoClient,
    private readonly db: Db,
  ) {}

  static async connect(options: { uri: string; dbName: string }): Promise<MongoDocumentStore> {
    // Like JSON.stringify on the embedded store, an undefined field is left out rather than stored as null.
    const client = new MongoClient(options.uri, { ignoreUndefined: true });
    await client.connect();
    return new MongoDocumentStore(client, client.db(options.dbName));
  }

  collection<T extends Document = Document>(name: string): DocumentCollection<T> {
    return new MongoCollection<T>(this.db.collection<StoredShape>(name));
  }

  async transaction<R>(work: (tx: DocumentTransaction) => Promise<R>): Promise<R> {
    return work({
      collection: <T extends Document = Document>(name: string) => this.collection<T>(name),
      renameCollection: (source, target) => this.renameCollection(source, target),
    });
  }

  async ensureIndexes(collection: string, indexes: IndexSpec[]): Promise<void> {
    if (indexes.length === 0) {
      // As on the embedded store, declaring indexes creates the collection.
      try {
        await this.db.createCollection(collection);
      } catch (error) {
        if (!(error instanceof MongoServerError && error.code === NAMESPACE_EXISTS)) throw error;
      }
      return;
    }
    const descriptions = indexes.map((spec) => {
      if (spec.fields.length === 0) throw new TypeError('An index needs at least one field');
      for (const [path, direction] of spec.fields) {
        if (direction !== 1 && direction !== -1) throw new TypeError(`Index direction for "${path}" must be 1 or -1`);
      }
      if (spec.kind === '2dsphere') return { key: new Map([[checkedPath(spec.fields[0][0]), '2dsphere' as const]]) };
      return {
        key: new Map(spec.fields.map(([path, direction]) => [checkedPath(path), direction] as const)),
        ...(spec.unique ? { unique: true } : {}),
      };
    });
    try {
      await this.db.collection(collection).createIndexes(descriptions);
    } catch (error) {
      if (isDuplicateKey(error)) throw new DuplicateKeyError(collection, error);
      throw error;
    }
  }

  async renameCollection(source: string, target: string): Promise<void> {
    if (source === target) return;
    try {
      await this.db.renameCollection(source, target, { dropTarget: true });
    } catch (error) {
      // A source never written to is an empty collection: replacing the target with it empties the target.
      if (error instanceof MongoServerError && error.code === NAMESPACE_NOT_FOUND) await this.dropCollection(target);
      else throw error;
    }
  }

  async dropCollection(name: string): Promise<void> {
    await this.db.dropCollection(name);
  }

  async listCollections(): Promise<string[]> {
    const collections = await this.db.listCollections({}, { nameOnly: true }).toArray();
    return collections.map((c) => c.name).filter((name) => !name.startsWith('system.')).sort();
  }

  /** MongoDB keeps its own planner statistics. */
  async optimize(): Promise<void> {}

  async ping(): Promise<void> {
    await this.db.command({ ping: 1 });
  }

  async close(): Promise<void> {
    await this.client.close();
  }
}
