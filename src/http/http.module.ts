import { Global, Module } from '@nestjs/common';
import { APP_FILTER, APP_INTERCEPTOR } from '@nestjs/core';
import { CqrsModule } from '@nestjs/cqrs';
import { DOCUMENT_STORE, DocumentStore } from '../read-store/document-store.port';
import { CommandCatalog } from './command-catalog';
import { CommandController } from './command.controller';
import { ApiErrorFilter } from './error.filter';
import { HealthController } from './health.controller';
import { IDEMPOTENCY_STORE, IdempotencyStore } from './idempotency';
import { IdempotencyJanitor } from './idempotency-janitor';
import { positionWaitsProvider, ReadConsistencyInterceptor } from './read-consistency';

@Global()
@Module({
  imports: [CqrsModule],
  controllers: [CommandController, HealthController],
  providers: [
    CommandCatalog,
    IdempotencyJanitor,
    positionWaitsProvider,
    { provide: IDEMPOTENCY_STORE, inject: [DOCUMENT_STORE], useFactory: (documents: DocumentStore) => new IdempotencyStore(documents) },
    { provide: APP_FILTER, useClass: ApiErrorFilter },
    { provide: APP_INTERCEPTOR, useClass: ReadConsistencyInterceptor },
  ],
  exports: [CommandCatalog, IDEMPOTENCY_STORE],
})
export class HttpModule {}
