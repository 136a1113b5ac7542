import { Global, Inject, Module, OnApplicationShutdown } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '../config/config';
import { CLOCK, Clock, systemClock } from '../shared/clock';
import { AggregateLoader } from './aggregate-loader';
import { CommandHandling } from './command-handling';
import { createEventStore } from './event-store.factory';
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
        createEventStore({
          dataDir: config.dataDir,
          eventstoreConnectionString: config.eventstoreConnectionString,
          synchronous: config.durability === 'power' ? 'full' : 'normal',
        }),
    },
    { provide: AggregateLoader, inject: [EVENT_STORE], useFactory: (store: EventStore) => new AggregateLoader(store) },
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
export class EventStoreModule implements OnApplicationShutdown {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async onApplicationShutdown(): Promise<void> {
    await this.store.close();
  }
}
