import { Controller, Get, Inject, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { Public } from '../auth/auth.decorators';
import { EVENT_STORE, EventStore } from '../event-store/event-store.port';
import { DOCUMENT_STORE, DocumentStore } from '../read-store/document-store.port';
import { PROJECTION_POSITIONS, ProjectionPositions } from './read-consistency';
import { Unscoped } from '../auth/read-scope';

@Controller('health')
export class HealthController {
  constructor(
    @Inject(EVENT_STORE) private readonly events: EventStore,
    @Inject(DOCUMENT_STORE) private readonly documents: DocumentStore,
    @Inject(PROJECTION_POSITIONS) private readonly projections: ProjectionPositions,
  ) {}

  /** 200 once the service takes commands. */
  @Get()
  @Public()
  @Unscoped('public health check')
  health() {
    return { status: 'ok' };
  }

  /** Each store and each projection's lag; 503 when a store does not answer. */
  @Get('ready')
  @Public()
  @Unscoped('public readiness check')
  async ready(@Res({ passthrough: true }) reply: FastifyReply) {
    const stores: Record<string, string> = {};
    const check = async (name: string, probe: () => Promise<unknown>) => {
      try {
        await probe();
        stores[name] = 'up';
      } catch {
        stores[name] = 'down';
      }
    };
    await check('events', () => this.events.headPosition());
    await check('readModels', () => this.documents.ping());
    const up = Object.values(stores).every((s) => s === 'up');
    if (!up) reply.status(503);
    return {
      status: up ? 'ready' : 'unavailable',
      stores,
      projections: up ? await this.projections.list() : [],
    };
  }
}
