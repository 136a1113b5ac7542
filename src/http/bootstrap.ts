import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { AppModule } from '../app.module';
import { AppConfig } from '../config/config';
import { PinoLogger } from '../logging/pino-logger';
import { applyRequestLimits, serverLimits } from './request-limits';

const BODY_LIMIT = 1024 * 1024;

/** Builds the Nest application on Fastify: JSON bodies only, 1 MB at most, bounded requests, every error in the API's shape. */
export async function createApp(config: AppConfig, options: { logger?: PinoLogger | false } = {}): Promise<NestFastifyApplication> {
  const adapter = new FastifyAdapter({ bodyLimit: BODY_LIMIT, return503OnClosing: true, ...serverLimits });
  const logger = options.logger === undefined ? new PinoLogger(config.logLevel) : options.logger;
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot(config), adapter, {
    bodyParser: false,
    logger: logger === false ? false : logger,
    abortOnError: false,
  });
  await applyRequestLimits(app, config.limits);
  app.enableShutdownHooks();
  return app;
}
