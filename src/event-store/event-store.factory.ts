import { join } from 'node:path';
import { ensurePrivateDir, preparePrivateDatabase } from '../config/private-files';
import { SqliteEventStore } from './embedded/sqlite-event-store';
import { EsdbEventStore } from './esdb/esdb-event-store';
import { EventStore } from './event-store.port';

export interface EventStoreEnv {
  dataDir: string;
  /** Set: EventStoreDB; unset: the embedded log in `<dataDir>/events.sqlite`. */
  eventstoreConnectionString?: string;
  synchronous?: 'normal' | 'full';
}

export function createEventStore(env: EventStoreEnv): EventStore {
  if (env.eventstoreConnectionString) return EsdbEventStore.connect(env.eventstoreConnectionString);
  ensurePrivateDir(env.dataDir);
  const file = join(env.dataDir, 'events.sqlite');
  preparePrivateDatabase(file);
  return SqliteEventStore.open({ file, synchronous: env.synchronous });
}
