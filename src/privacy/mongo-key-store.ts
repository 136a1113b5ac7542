import type { Binary, Collection, MongoClient } from 'mongodb';
import { KeyStore, StoredKey } from './key-store.port';

/** One document per subject; the check value is a document with a reserved id no subject id can have (ids never start with `$`). */
export interface KeyDocument {
  _id: string;
  wrapped: Binary | Buffer | null;
  destroyedAt?: string;
}

export const KEY_COLLECTION = 'student_data_keys';
const CHECK_VALUE_ID = '$check-value';

const bytes = (value: Binary | Buffer): Buffer => (Buffer.isBuffer(value) ? value : Buffer.from(value.buffer));

/**
 * Data keys in their own MongoDB collection, apart from the read models (a dashboard with read
 * access to the read models is not given this one). Wrapped keys only.
 */
export class MongoKeyStore implements KeyStore {
  constructor(
    private readonly keys: Pick<Collection<KeyDocument>, 'findOne' | 'updateOne'>,
    private readonly client?: MongoClient,
  ) {}

  static async connect(options: { uri: string; dbName: string }): Promise<MongoKeyStore> {
    const { MongoClient } = await import('mongodb');
    const client = new MongoClient(options.uri);
    await client.connect();
    return new MongoKeyStore(client.db(options.dbName).collection<KeyDocument>(KEY_COLLECTION), client);
  }

  async get(subjectId: string): Promise<StoredKey | null> {
    const doc = await this.keys.findOne({ _id: subjectId });
    if (!doc) return null;
    return doc.wrapped ? { wrapped: bytes(doc.wrapped) } : { destroyed: true };
  }

  async putIfAbsent(subjectId: string, wrapped: Buffer): Promise<StoredKey> {
    await this.keys.updateOne({ _id: subjectId }, { $setOnInsert: { wrapped } }, { upsert: true });
    return (await this.get(subjectId))!;
  }

  async destroy(subjectId: string, at: Date): Promise<void> {
    await this.keys.updateOne({ _id: subjectId }, { $set: { wrapped: null, destroyedAt: at.toISOString() } }, { upsert: true });
  }

  async checkValue(): Promise<Buffer | null> {
    const doc = await this.keys.findOne({ _id: CHECK_VALUE_ID });
    return doc?.wrapped ? bytes(doc.wrapped) : null;
  }

  async putCheckValueIfAbsent(value: Buffer): Promise<Buffer> {
    await this.keys.updateOne({ _id: CHECK_VALUE_ID }, { $setOnInsert: { wrapped: value } }, { upsert: true });
    return (await this.checkValue())!;
  }

  async close(): Promise<void> {
    await this.client?.close();
  }
}
