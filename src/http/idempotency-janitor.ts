import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { IDEMPOTENCY_STORE, IdempotencyStore } from './idempotency';

const HOURLY = 3600 * 1000;

/** Drops idempotency records past their 48 hours, once an hour. */
@Injectable()
export class IdempotencyJanitor implements OnApplicationBootstrap, OnApplicationShutdown {
  private timer: NodeJS.Timeout | undefined;
  private readonly logger = new Logger('idempotency');

  constructor(@Inject(IDEMPOTENCY_STORE) private readonly store: IdempotencyStore) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => {
      this.store.purgeExpired().catch((error: unknown) => this.logger.warn(`Purging expired keys failed: ${(error as Error).message}`));
    }, HOURLY);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
  }
}
