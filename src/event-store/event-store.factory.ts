import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
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
  mkdirSync(env.dataDir, { recursive: true });
  return SqliteEventStore.open({ file: join(env.dataDir, 'events.sqlite'), synchronous: env.synchronous });
}
