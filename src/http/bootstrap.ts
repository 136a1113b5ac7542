import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { AppModule } from '../app.module';
import { AppOverrides } from '../config/app-overrides';
import { AppConfig } from '../config/config';
import { PinoLogger } from '../logging/pino-logger';
import { LedgerMetrics } from '../operations/ledger-metrics';
import { buildOpenApiDocument, serveOpenApi } from '../operations/openapi.document';
import { trackRequestsInFlight } from '../operations/http-drain';
import { observeRequests } from '../operations/request-observer';
import { CommandCatalog } from './command-catalog';
import { applyRequestLimits, serverLimits } from './request-limits';

const BODY_LIMIT = 1024 * 1024;
const SERVICE_VERSION = '0.1.0';

/** Builds the Nest application on Fastify: JSON bodies only, 1 MB at most, bounded requests, every error in the API's shape. */
export async function createApp(config: AppConfig, options: { logger?: PinoLogger | false; overrides?: AppOverrides } = {}): Promise<NestFastifyApplication> {
  const adapter = new FastifyAdapter({ bodyLimit: BODY_LIMIT, return503OnClosing: true, ...serverLimits });
  const logger = options.logger === undefined ? new PinoLogger(config.logLevel) : options.logger;
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot(config, options.overrides), adapter, {
    bodyParser: false,
    logger: logger === false ? false : logger,
    abortOnError: false,
  });
  const catalog = app.get(CommandCatalog);
  trackRequestsInFlight(app.getHttpAdapter().getInstance());
  observeRequests(app.getHttpAdapter().getInstance(), {
    metrics: app.get(LedgerMetrics),
    isCommand: (name) => catalog.find(name) !== undefined,
    log: logger === false ? undefined : logger.pino,
  });
  let document: ReturnType<typeof buildOpenApiDocument> | undefined;
  serveOpenApi(app, () => (document ??= buildOpenApiDocument(app, catalog, SERVICE_VERSION)));
  // After the observers, so refused requests (401, 429, 400 on a path) are counted too.
  await applyRequestLimits(app, config.limits);
  return app;
}
