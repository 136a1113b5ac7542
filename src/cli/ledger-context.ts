import { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { AppModule } from '../app.module';
import { loadConfig } from '../config/config';

/** The service's modules without HTTP and without running projectors: what CLI commands work with. */
export async function openLedger(): Promise<INestApplicationContext> {
  const config = { ...loadConfig(), projections: 'off' as const, commandLine: true };
  return NestFactory.createApplicationContext(AppModule.forRoot(config), { logger: ['error'], abortOnError: false });
}
