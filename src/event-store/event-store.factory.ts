import { join } from 'node:path';
import { ensurePrivateDir, preparePrivateDatabase } from '../config/private-files';
import { SqliteEventStore } from './embedded/sqlite-event-store';
import { EsdbEventStore } from './esdb/esdb-event-store';
import { EventStore, StoreAccessDeniedError } from './event-store.port';

export interface EventStoreEnv {
  dataDir: string;
  /** Set: EventStoreDB; unset: the embedded log in `<dataDir>/events.sqlite`. */
  eventstoreConnectionString?: string;
  /** EventStoreDB only: a prefix for every stream (tests on a shared server). */
  eventstoreStreamPrefix?: string;
  synchronous?: 'normal' | 'full';
}

export function createEventStore(env: EventStoreEnv): EventStore {
  if (env.eventstoreConnectionString) {
    return EsdbEventStore.connect(env.eventstoreConnectionString, { streamPrefix: env.eventstoreStreamPrefix });
  }
  ensurePrivateDir(env.dataDir);
  const file = join(env.dataDir, 'events.sqlite');
  preparePrivateDatabase(file);
  return SqliteEventStore.open({ file, synchronous: env.synchronous });
}

/**
 * createEventStore, then on EventStoreDB the start-up check that the service may read $all: without
 * that right it stops here with the ACL to grant, rather than with projections that never start.
 * A server that is not reachable yet is not an error here (the service answers 503 until it is).
 */
export async function openEventStore(env: EventStoreEnv): Promise<EventStore> {
  return verifiedAtStart(createEventStore(env));
}

export async function verifiedAtStart(store: EventStore): Promise<EventStore> {
  if (!(store instanceof EsdbEventStore)) return store;
  try {
    await store.verifyAccess();
  } catch (error) {
    if (error instanceof StoreAccessDeniedError) {
      await store.close();
      throw error;
    }
  }
  return store;
}
