import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { AppModule } from './app.module';
import { ConfigError, loadConfig } from './config/config';
import { createApp } from './http/bootstrap';
import { PinoLogger } from './logging/pino-logger';
import { exitGracefullyOnSignals } from './operations/graceful-shutdown';

async function main(): Promise<void> {
  const config = loadConfig();
  const logger = new PinoLogger(config.logLevel);
  if (config.projections === 'only') {
    // A projector process: no HTTP, just the projections' subscriptions.
    const app = await NestFactory.createApplicationContext(AppModule.forRoot(config), { logger, abortOnError: false });
    exitGracefullyOnSignals(app, logger);
    logger.log(`Projector running (PROJECTIONS=only) on ${config.eventstoreConnectionString ? 'EventStoreDB' : `DATA_DIR ${config.dataDir}`}`, 'main');
    return;
  }
  const app = await createApp(config, { logger });
  exitGracefullyOnSignals(app, logger);
  await app.listen({ port: config.port, host: config.host });
  logger.log(
    `school-ledger listening on http://${config.host}:${config.port} (events: ${config.eventstoreConnectionString ? 'EventStoreDB' : 'embedded'}, read models: ${config.mongodbUri ? 'MongoDB' : 'embedded'}, projections: ${config.projections}, data: ${config.dataDir})`,
    'main',
  );
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) {
    process.stderr.write(`Configuration error: ${error.message}\n`);
    process.exit(2);
  }
  process.stderr.write(`school-ledger failed to start: ${error instanceof Error ? error.stack ?? error.message : String(error)}\n`);
  process.exit(1);
});
