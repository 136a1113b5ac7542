import { CallHandler, ExecutionContext, Inject, Injectable, NestInterceptor, SetMetadata } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { catchError, from, Observable, switchMap, throwError } from 'rxjs';
import type { AuthenticatedRequest } from '../auth/auth.decorators';
import { APP_CONFIG, AppConfig } from '../config/config';
import { ApiError, validationFailed } from './api-error';
import { PositionWaits } from './position-waits';

/** How far each read model has read; implemented by the projections. */
export interface ProjectionPositions {
  waitFor(projection: string, position: bigint, timeoutMs: number): Promise<boolean>;
  checkpoint(projection: string): Promise<bigint>;
  list(): Promise<
    {
      name: string;
      status: string;
      checkpoint: string;
      lagEvents: number;
      lagSeconds: number;
      lastError: string | null;
      failure: { position: string; eventType: string | null; error: string } | null;
    }[]
  >;
}

export const PROJECTION_POSITIONS = Symbol('ProjectionPositions');
const READ_MODEL = 'readModel';
const WAIT_MS = 5000;

/** Marks a query as answered by this projection: `minPosition` is honoured and `X-Position` set. */
export const ReadModel = (projection: string) => SetMetadata(READ_MODEL, projection);

/** Waits bounded by the configured limits; one shared poller per projection when projections run elsewhere. */
export const positionWaitsProvider = {
  provide: PositionWaits,
  inject: [APP_CONFIG, PROJECTION_POSITIONS],
  useFactory: (config: AppConfig, positions: ProjectionPositions) =>
    new PositionWaits(
      config.limits,
      config.projections === 'off'
        ? { poll: (projection) => positions.checkpoint(projection) }
        : { inProcess: (projection, position, timeoutMs) => positions.waitFor(projection, position, timeoutMs) },
    ),
};

export function parseMinPosition(request: FastifyRequest): bigint | undefined {
  const query = request.query as Record<string, unknown> | undefined;
  const raw = query?.minPosition ?? request.headers['x-min-position'];
  if (raw === undefined) return undefined;
  if (typeof raw !== 'string' || !/^\d{1,30}$/.test(raw)) {
    throw validationFailed([{ field: 'minPosition', message: 'must be a position as returned by a command' }]);
  }
  return BigInt(raw);
}

@Injectable()
export class ReadConsistencyInterceptor implements NestInterceptor {
  constructor(
    private readonly reflector: Reflector,
    @Inject(PROJECTION_POSITIONS) private readonly positions: ProjectionPositions,
    private readonly waits: PositionWaits,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const projection = this.reflector.get<string | undefined>(READ_MODEL, context.getHandler());
    if (!projection) return next.handle();
    const http = context.switchToHttp();
    const request = http.getRequest<AuthenticatedRequest>();
    const reply = http.getResponse<FastifyReply>();
    return from(this.ready(projection, parseMinPosition(request), request.principal?.name ?? '')).pipe(
      switchMap(() => next.handle()),
      switchMap(async (body) => {
        reply.header('X-Position', (await this.positions.checkpoint(projection)).toString());
        return body;
      }),
      // A refusal (404, 503 ProjectionBehind) says how far the read model had read too.
      catchError((error: unknown) =>
        from(this.positions.checkpoint(projection)).pipe(
          switchMap((position) => {
            reply.header('X-Position', position.toString());
            return throwError(() => error);
          }),
        ),
      ),
    );
  }

  private async ready(projection: string, minPosition: bigint | undefined, token: string): Promise<void> {
    if (minPosition === undefined) return;
    if (await this.waits.waitFor(token, projection, minPosition, WAIT_MS)) return;
    throw new ApiError(503, 'ProjectionBehind', `The ${projection} read model has not reached position ${minPosition} yet; retry shortly.`, [], {
      'Retry-After': '1',
    });
  }
}
