import { Db, MongoClient, MongoServerError } from 'mongodb';
import type {
  Document,
  DocumentCollection,
  DocumentStore,
  DocumentTransaction,
  IndexSpec,
} from '../document-store.port';
import { DuplicateKeyError } from '../document-store.port';
import { ExistingIndex, planIndexes, toDescription } from './mongo-indexes';
import { isDuplicateKey, MongoCollection, StoredShape } from './mongo-collection';

const NAMESPACE_NOT_FOUND = 26;
const NAMESPACE_EXISTS = 48;

/**
 * Read models in MongoDB. Writes apply as they are made (no server transaction): projectors make
 * them safe to repeat with conditional writes, and the checkpoint is written last.
 */
export class MongoDocumentStore implements DocumentStore {
  readonly kind = 'mongodb' as const;

  /** Field lists of each collection's unique indexes, as declared in this process: sorts on them need no tie-break. */
  private readonly uniqueKeys = new Map<string, string[][]>();

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

  /** Over a client that is already connected (or stands in for one, in tests at the driver's API). */
  static withClient(client: MongoClient, dbName: string): MongoDocumentStore {
    return new MongoDocumentStore(client, client.db(dbName));
  }

  collection<T extends Document = Document>(name: string): DocumentCollection<T> {
    return new MongoCollection<T>(this.db.collection<StoredShape>(name), () => this.uniqueKeys.get(name) ?? []);
  }

  async transaction<R>(work: (tx: DocumentTransaction) => Promise<R>): Promise<R> {
    return work({
      collection: <T extends Document = Document>(name: string) => this.collection<T>(name),
      renameCollection: (source, target) => this.renameCollection(source, target),
    });
  }

  /**
   * Makes `indexes` the collection's complete set of indexes (see `planIndexes`). During a rebuild
   * the runner declares them on the shadow collections only; the rename carries them over.
   */
  async ensureIndexes(collection: string, indexes: IndexSpec[]): Promise<void> {
    // As on the embedded store, declaring indexes creates the collection.
    try {
      await this.db.createCollection(collection);
    } catch (error) {
      if (!(error instanceof MongoServerError && error.code === NAMESPACE_EXISTS)) throw error;
    }
    const target = this.db.collection(collection);
    const existing = (await target.listIndexes().toArray()) as ExistingIndex[];
    const plan = planIndexes(existing, indexes);
    for (const name of plan.drop) await target.dropIndex(name);
    try {
      if (plan.create.length > 0) await target.createIndexes(plan.create.map(toDescription));
    } catch (error) {
      if (isDuplicateKey(error)) throw new DuplicateKeyError(collection, error);
      throw error;
    }
    this.uniqueKeys.set(collection, uniqueKeysOf(indexes));
  }

  async renameCollection(source: string, target: string): Promise<void> {
    if (source === target) return;
    const sourceKeys = this.uniqueKeys.get(source);
    this.uniqueKeys.delete(source);
    if (sourceKeys) this.uniqueKeys.set(target, sourceKeys);
    else this.uniqueKeys.delete(target);
    try {
      await this.db.renameCollection(source, target, { dropTarget: true });
    } catch (error) {
      // A source never written to is an empty collection: replacing the target with it empties the target.
      if (error instanceof MongoServerError && error.code === NAMESPACE_NOT_FOUND) await this.dropCollection(target);
      else throw error;
    }
  }

  async dropCollection(name: string): Promise<void> {
    this.uniqueKeys.delete(name);
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

const uniqueKeysOf = (indexes: IndexSpec[]): string[][] =>
  indexes.filter((spec) => spec.unique && spec.kind !== '2dsphere').map((spec) => spec.fields.map(([path]) => path));
