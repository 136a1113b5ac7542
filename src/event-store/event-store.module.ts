import { BeforeApplicationShutdown, Global, Inject, Module, OnApplicationShutdown } from '@nestjs/common';
import { APP_OVERRIDES, AppOverrides } from '../config/app-overrides';
import { APP_CONFIG, AppConfig } from '../config/config';
import { DOCUMENT_STORE, DocumentStore } from '../read-store/document-store.port';
import { CLOCK, Clock, systemClock } from '../shared/clock';
import { AggregateLoader } from './aggregate-loader';
import { CommandHandling } from './command-handling';
import { openEventStore } from './event-store.factory';
import { EVENT_STORE, EventStore, RAW_EVENT_STORE } from './event-store.port';
import { Reservations } from './reservations';
import { SubscriberRegistry } from './subscriber-registry';
import { KeyRing } from '../privacy/key-ring';
import { KEY_STORE, KeyStore } from '../privacy/key-store.port';
import { privacyProviders } from '../privacy/privacy.providers';
import { studentSnapshotSealer } from '../privacy/snapshot-sealer';

@Global()
@Module({
  providers: [
    { provide: CLOCK, useValue: systemClock },
    SubscriberRegistry,
    {
      provide: RAW_EVENT_STORE,
      inject: [APP_CONFIG, APP_OVERRIDES],
      useFactory: async (config: AppConfig, overrides: AppOverrides) => {
        const store = await openEventStore({
          dataDir: config.dataDir,
          eventstoreConnectionString: config.eventstoreConnectionString,
          eventstoreStreamPrefix: config.eventstoreStreamPrefix,
          synchronous: config.durability === 'power' ? 'full' : 'normal',
        });
        return overrides.eventStore ? overrides.eventStore(store) : store;
      },
    },
    ...privacyProviders,
    {
      provide: AggregateLoader,
      // The read store (ReadStoreModule is global) keeps the snapshots deciders register for (`useSnapshots`).
      // Student snapshots are sealed with the student's key (src/privacy).
      inject: [EVENT_STORE, DOCUMENT_STORE, KeyRing],
      useFactory: (store: EventStore, documents: DocumentStore, keys: KeyRing) => new AggregateLoader(store, { documents, sealer: studentSnapshotSealer(keys) }),
    },
    {
      provide: Reservations,
      inject: [EVENT_STORE, CLOCK, KeyRing],
      useFactory: (store: EventStore, clock: Clock, keys: KeyRing) => new Reservations(store, clock, keys.derivedSecret('reservation ids')),
    },
    {
      provide: CommandHandling,
      inject: [EVENT_STORE, AggregateLoader, Reservations, CLOCK],
      useFactory: (store: EventStore, loader: AggregateLoader, reservations: Reservations, clock: Clock) =>
        new CommandHandling(store, loader, reservations, clock),
    },
  ],
  exports: [CLOCK, EVENT_STORE, RAW_EVENT_STORE, KEY_STORE, KeyRing, AggregateLoader, Reservations, CommandHandling, SubscriberRegistry],
})
export class EventStoreModule implements BeforeApplicationShutdown, OnApplicationShutdown {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(KEY_STORE) private readonly keys: KeyStore,
    private readonly loader: AggregateLoader,
  ) {}

  /** Snapshots still being written finish before any store closes. */
  async beforeApplicationShutdown(): Promise<void> {
    await this.loader.flush();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.store.close();
    await this.keys.close();
  }
}
