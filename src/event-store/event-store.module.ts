import { BeforeApplicationShutdown, Global, Inject, Module, OnApplicationShutdown } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '../config/config';
import { DOCUMENT_STORE, DocumentStore } from '../read-store/document-store.port';
import { CLOCK, Clock, systemClock } from '../shared/clock';
import { AggregateLoader } from './aggregate-loader';
import { CommandHandling } from './command-handling';
import { openEventStore } from './event-store.factory';
import { EVENT_STORE, EventStore } from './event-store.port';
import { Reservations } from './reservations';

@Global()
@Module({
  providers: [
    { provide: CLOCK, useValue: systemClock },
    {
      provide: EVENT_STORE,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) =>
        openEventStore({
          dataDir: config.dataDir,
          eventstoreConnectionString: config.eventstoreConnectionString,
          eventstoreStreamPrefix: config.eventstoreStreamPrefix,
          synchronous: config.durability === 'power' ? 'full' : 'normal',
        }),
    },
    {
      provide: AggregateLoader,
      // The read store (ReadStoreModule is global) keeps the snapshots deciders register for (`useSnapshots`).
      inject: [EVENT_STORE, DOCUMENT_STORE],
      useFactory: (store: EventStore, documents: DocumentStore) => new AggregateLoader(store, { documents }),
    },
    { provide: Reservations, inject: [EVENT_STORE, CLOCK], useFactory: (store: EventStore, clock: Clock) => new Reservations(store, clock) },
    {
      provide: CommandHandling,
      inject: [EVENT_STORE, AggregateLoader, Reservations, CLOCK],
      useFactory: (store: EventStore, loader: AggregateLoader, reservations: Reservations, clock: Clock) =>
        new CommandHandling(store, loader, reservations, clock),
    },
  ],
  exports: [CLOCK, EVENT_STORE, AggregateLoader, Reservations, CommandHandling],
})
export class EventStoreModule implements BeforeApplicationShutdown, OnApplicationShutdown {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly loader: AggregateLoader,
  ) {}

  /** Snapshots still being written finish before any store closes. */
  async beforeApplicationShutdown(): Promise<void> {
    await this.loader.flush();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.store.close();
  }
}
