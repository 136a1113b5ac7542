import { Global, Inject, Module, OnApplicationShutdown } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '../config/config';
import { createDocumentStore } from './document-store.factory';
import { DOCUMENT_STORE, DocumentStore } from './document-store.port';

@Global()
@Module({
  providers: [
    {
      provide: DOCUMENT_STORE,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) =>
        createDocumentStore({
          dataDir: config.dataDir,
          mongodbUri: config.mongodbUri,
          mongodbDb: config.mongodbDb,
          synchronous: config.durability === 'power' ? 'full' : 'normal',
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
