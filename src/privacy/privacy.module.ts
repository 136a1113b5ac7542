import { Module } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { DisclosureInterceptor } from './disclosure.interceptor';
import { DisclosureLog } from './disclosure-log';
import { DisclosuresController } from './disclosures.controller';

/** The record of disclosures; keys and encryption are wired with the event store (privacy.providers.ts). */
@Module({
  controllers: [DisclosuresController],
  providers: [DisclosureLog, { provide: APP_INTERCEPTOR, useClass: DisclosureInterceptor }],
  exports: [DisclosureLog],
})
export class PrivacyModule {}
