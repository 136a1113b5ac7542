import type { INestApplication, INestApplicationContext, LoggerService } from '@nestjs/common';
import { drainHttp } from './http-drain';

/** How long a stop may take before the process gives up waiting and exits anyway. */
export const SHUTDOWN_DEADLINE_MS = 10_000;

/**
 * On SIGTERM or SIGINT: stop taking requests, let those in flight finish, flush checkpoints and
 * snapshots, close the stores (Nest's shutdown hooks), then exit 0. A stop that hangs past the
 * deadline exits 1 rather than keep an orchestrator waiting.
 */
export function exitGracefullyOnSignals(app: INestApplicationContext, logger: LoggerService): void {
  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    logger.log(`${signal} received: finishing requests in flight, then stopping`, 'shutdown');
    const deadline = setTimeout(() => {
      logger.error(`Stopping took longer than ${SHUTDOWN_DEADLINE_MS / 1000} s; exiting now`, undefined, 'shutdown');
      process.exit(1);
    }, SHUTDOWN_DEADLINE_MS);
    stopTakingRequests(app)
      .then(() => logger.log('No request in flight; closing the stores', 'shutdown'))
      .then(() => app.close())
      .then(() => {
        clearTimeout(deadline);
        logger.log('Stopped cleanly', 'shutdown');
        process.exit(0);
      })
      .catch((error: unknown) => {
        logger.error(`Stopping failed: ${error instanceof Error ? error.message : String(error)}`, undefined, 'shutdown');
        process.exit(1);
      });
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

const isHttpApp = (app: INestApplicationContext): app is INestApplication => typeof (app as Partial<INestApplication>).getHttpAdapter === 'function';

/** The HTTP server first: new requests are refused (503 on open connections) while those in flight finish. */
async function stopTakingRequests(app: INestApplicationContext): Promise<void> {
  if (isHttpApp(app)) await drainHttp(app);
}
