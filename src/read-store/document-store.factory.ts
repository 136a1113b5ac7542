import { join } from 'node:path';
import { ensurePrivateDir, preparePrivateDatabase } from '../config/private-files';
import type { DocumentStore } from './document-store.port';
import { SqliteDocumentStore } from './embedded/sqlite-document-store';

export interface DocumentStoreEnv {
  dataDir: string;
  mongodbUri?: string;
  mongodbDb?: string;
  synchronous?: 'normal' | 'full';
  /** The embedded file's key, derived from the master key (`fileKeyFor`, src/privacy): the file and its WAL are encrypted. */
  fileKey: Buffer;
}

export const EMBEDDED_READ_MODELS_FILE = 'read-models.sqlite';
const DEFAULT_MONGODB_DB = 'school_ledger';

/**
 * MongoDB when `MONGODB_URI` is set (in clear there: the server's encryption at rest must cover it),
 * else the embedded store in `<dataDir>/read-models.sqlite`, encrypted with `fileKey`.
 */
export async function createDocumentStore(env: DocumentStoreEnv): Promise<DocumentStore> {
  if (env.mongodbUri) {
    // Loaded only when asked for, so the embedded default never pays for the driver.
    const { MongoDocumentStore } = await import('./mongodb/mongo-document-store');
    return MongoDocumentStore.connect({ uri: env.mongodbUri, dbName: env.mongodbDb || DEFAULT_MONGODB_DB });
  }
  ensurePrivateDir(env.dataDir);
  const file = join(env.dataDir, EMBEDDED_READ_MODELS_FILE);
  preparePrivateDatabase(file);
  return SqliteDocumentStore.open({ file, synchronous: env.synchronous, key: env.fileKey });
}
