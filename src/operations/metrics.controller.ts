import { Controller, Get, Inject, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { RequireRole } from '../auth/auth.decorators';
import { PROJECTION_POSITIONS, ProjectionPositions } from '../http/read-consistency';
import { LedgerMetrics } from './ledger-metrics';
import { Unscoped } from '../auth/read-scope';

/** `GET /metrics`: Prometheus text for scrapers holding a `metrics` (or `admin`) token. */
@Controller('metrics')
export class MetricsController {
  constructor(
    private readonly metrics: LedgerMetrics,
    @Inject(PROJECTION_POSITIONS) private readonly projections: ProjectionPositions,
  ) {}

  @Get()
  @RequireRole('metrics')
  @Unscoped('operations: counters by command and projection, no organisation data')
  async scrape(@Res({ passthrough: true }) reply: FastifyReply): Promise<string> {
    this.metrics.recordProjections(await this.projections.list());
    reply.type(this.metrics.registry.contentType);
    return this.metrics.registry.metrics();
  }
}
