import { Global, Inject, Module, OnApplicationShutdown } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '../config/config';
import { fileKeyFor } from '../privacy/encrypted-sqlite';
import { KeyRing } from '../privacy/key-ring';
import { createDocumentStore } from './document-store.factory';
import { DOCUMENT_STORE, DocumentStore } from './document-store.port';

@Global()
@Module({
  providers: [
    {
      provide: DOCUMENT_STORE,
      // KeyRing comes from the (global) EventStoreModule: it has checked the master key by then.
      inject: [APP_CONFIG, KeyRing],
      useFactory: (config: AppConfig, keys: KeyRing) =>
        createDocumentStore({
          dataDir: config.dataDir,
          mongodbUri: config.mongodbUri,
          mongodbDb: config.mongodbDb,
          synchronous: config.durability === 'power' ? 'full' : 'normal',
          fileKey: fileKeyFor(keys),
        }),
    },
  ],
  exports: [DOCUMENT_STORE],
})
export class ReadStoreModule implements OnApplicationShutdown {
  constructor(@Inject(DOCUMENT_STORE) private readonly store: DocumentStore) {}

  async onApplicationShutdown(): Promise<void> {
    await this.store.close();
  }
}
