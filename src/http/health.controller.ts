import { Controller, Get, Inject, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Public } from '../auth/auth.decorators';
import { bearerOf } from '../auth/bearer-hook';
import { hasRole } from '../auth/token';
import { TOKEN_REGISTRY, TokenRegistry } from '../auth/token-registry';
import { EVENT_STORE, EventStore } from '../event-store/event-store.port';
import { SubscriberRegistry } from '../event-store/subscriber-registry';
import { DOCUMENT_STORE, DocumentStore } from '../read-store/document-store.port';
import { PROJECTION_POSITIONS, ProjectionPositions } from './read-consistency';
import { Unscoped } from '../auth/read-scope';

/** A store that has not answered within this long counts as down. */
const PROBE_MS = 2000;

type Probe = { status: 'up' } | { status: 'down'; error: string };

async function probe(work: () => Promise<unknown>): Promise<Probe> {
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      work(),
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer within ${PROBE_MS} ms`)), PROBE_MS);
      }),
    ]);
    return { status: 'up' };
  } catch (error) {
    return { status: 'down', error: error instanceof Error ? error.message : String(error) };
  } finally {
    clearTimeout(timer);
  }
}

@Controller('health')
export class HealthController {
  constructor(
    @Inject(EVENT_STORE) private readonly events: EventStore,
    @Inject(DOCUMENT_STORE) private readonly documents: DocumentStore,
    @Inject(PROJECTION_POSITIONS) private readonly projections: ProjectionPositions,
    @Inject(TOKEN_REGISTRY) private readonly tokens: TokenRegistry,
    private readonly subscribers: SubscriberRegistry,
  ) {}

  /** 200 once the service takes commands. */
  @Get()
  @Public()
  @Unscoped('public health check')
  health() {
    return { status: 'ok' };
  }

  /**
   * 200 `ready` when every store answers and no projection or process is `failed`, else 503
   * `degraded`. Only an admin token also gets the details (stores, projections, processes).
   */
  @Get('ready')
  @Public()
  @Unscoped('public readiness check')
  async ready(@Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply) {
    const [events, readModels] = await Promise.all([probe(() => this.events.headPosition()), probe(() => this.documents.ping())]);
    const stores = { events, readModels };
    const storesUp = events.status === 'up' && readModels.status === 'up';
    const projections = storesUp ? await this.projections.list().catch(() => null) : null;
    const processes = this.subscribers.list().map(({ name, subscriber }) => ({
      name,
      status: subscriber.status,
      lastError: subscriber.lastError,
      failure: subscriber.failure && { ...subscriber.failure, position: subscriber.failure.position.toString() },
    }));
    const ready =
      storesUp && projections !== null && projections.every((p) => p.status !== 'failed') && processes.every((p) => p.status !== 'failed');
    reply.status(ready ? 200 : 503);
    const status = ready ? 'ready' : 'degraded';
    if (!this.isAdmin(request)) return { status };
    return { status, stores, projections: projections ?? [], processes };
  }

  private isAdmin(request: FastifyRequest): boolean {
    const secret = bearerOf(request);
    const principal = secret === null ? null : this.tokens.authenticate(secret);
    return principal !== null && hasRole(principal, 'admin');
  }
}
