import { INestApplicationContext } from '@nestjs/common';
import { join } from 'node:path';
import { APP_CONFIG, AppConfig } from '../config/config';
import { EVENT_STORE, EventStore, RAW_EVENT_STORE } from '../event-store/event-store.port';
import { Reservations } from '../event-store/reservations';
import { EncryptingEventStore } from './encrypting-event-store';
import { EsdbStreamRewriter } from './esdb-stream-rewriter';
import { studentPersonalData } from './personal-data-catalog';
import { MigrationOutcome, PrivacyMigration } from './privacy-migration';
import { SqliteStreamRewriter } from './sqlite-stream-rewriter';
import { StreamRewriter } from './stream-rewriter';

/** `ledger privacy:migrate` on the stores the environment names. */
export async function runPrivacyMigration(ledger: INestApplicationContext, onProgress: (done: bigint, total: bigint) => void): Promise<MigrationOutcome> {
  const config = ledger.get<AppConfig>(APP_CONFIG);
  const rewriter: StreamRewriter = config.eventstoreConnectionString
    ? new EsdbStreamRewriter(config.eventstoreConnectionString, config.eventstoreStreamPrefix)
    : new SqliteStreamRewriter(join(config.dataDir, 'events.sqlite'));
  try {
    const migration = new PrivacyMigration(
      ledger.get<EventStore>(RAW_EVENT_STORE),
      ledger.get<EncryptingEventStore>(EVENT_STORE),
      studentPersonalData,
      rewriter,
      ledger.get(Reservations),
    );
    return await migration.run(onProgress);
  } finally {
    await rewriter.close();
  }
}
