import { Logger, Provider } from '@nestjs/common';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { APP_CONFIG, AppConfig } from '../config/config';
import { EVENT_STORE, EventStore, RAW_EVENT_STORE } from '../event-store/event-store.port';
import { EncryptingEventStore } from './encrypting-event-store';
import { KeyRing } from './key-ring';
import { KEY_STORE, KeyStore } from './key-store.port';
import { loadMasterKey } from './master-key';
import { studentPersonalData } from './personal-data-catalog';
import { SqliteKeyStore } from './sqlite-key-store';

export const EMBEDDED_KEYS_FILE = 'keys.sqlite';

/** MongoDB when `MONGODB_URI` is set (collection `student_data_keys`), else `<dataDir>/keys.sqlite`. */
export async function createKeyStore(config: Pick<AppConfig, 'dataDir' | 'mongodbUri' | 'mongodbDb' | 'durability'>): Promise<KeyStore> {
  if (config.mongodbUri) {
    const { MongoKeyStore } = await import('./mongo-key-store');
    return MongoKeyStore.connect({ uri: config.mongodbUri, dbName: config.mongodbDb });
  }
  mkdirSync(config.dataDir, { recursive: true, mode: 0o700 });
  return SqliteKeyStore.open(join(config.dataDir, EMBEDDED_KEYS_FILE), config.durability === 'power' ? 'full' : 'normal');
}

/** Loads the master key and checks it against the key store; any doubt stops start-up. */
export async function openKeyRing(config: Pick<AppConfig, 'dataDir' | 'masterKeyFile'>, store: KeyStore): Promise<KeyRing> {
  const master = loadMasterKey({ masterKeyFile: config.masterKeyFile, dataDir: config.dataDir, mayCreate: (await store.checkValue()) === null });
  if (master.createdDevKey || !config.masterKeyFile) {
    new Logger('privacy').warn(`MASTER_KEY_FILE is not set: students' data keys are wrapped by ${master.origin}. Keep a production key outside DATA_DIR.`);
  }
  return KeyRing.open(store, master.key, { origin: master.origin });
}

/** The key store, the key ring and the encrypting EVENT_STORE over the adapter (RAW_EVENT_STORE). */
export const privacyProviders: Provider[] = [
  { provide: KEY_STORE, inject: [APP_CONFIG], useFactory: createKeyStore },
  { provide: KeyRing, inject: [APP_CONFIG, KEY_STORE], useFactory: openKeyRing },
  {
    provide: EVENT_STORE,
    inject: [RAW_EVENT_STORE, KeyRing],
    useFactory: (raw: EventStore, keys: KeyRing) => new EncryptingEventStore(raw, keys, studentPersonalData),
  },
];
