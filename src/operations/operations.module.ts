import { Module } from '@nestjs/common';
import { LedgerMetrics } from './ledger-metrics';
import { DashboardController } from './dashboard.controller';
import { MetricsController } from './metrics.controller';

/** What operators use: Prometheus metrics (and, wired in bootstrap, request logs and the API's documentation). */
@Module({
  controllers: [MetricsController, DashboardController],
  providers: [{ provide: LedgerMetrics, useFactory: () => new LedgerMetrics() }],
  exports: [LedgerMetrics],
})
export class OperationsModule {}
