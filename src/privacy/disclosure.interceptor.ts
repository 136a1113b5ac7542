import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import { Observable, tap } from 'rxjs';
import type { AuthenticatedRequest } from '../auth/auth.decorators';
import { DISCLOSES_STUDENT } from '../http/discloses-student';
import { CLOCK, Clock } from '../shared/clock';
import { Inject } from '@nestjs/common';
import { DisclosureLog } from './disclosure-log';

/** Records each successful answer of a route marked `@DisclosesStudent`: who read whose record, when, through which endpoint. */
@Injectable()
export class DisclosureInterceptor implements NestInterceptor {
  constructor(
    private readonly reflector: Reflector,
    private readonly log: DisclosureLog,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const param = this.reflector.get<string | undefined>(DISCLOSES_STUDENT, context.getHandler());
    if (!param) return next.handle();
    const request = context.switchToHttp().getRequest<AuthenticatedRequest & FastifyRequest>();
    return next.handle().pipe(
      tap(() => {
        const studentId = (request.params as Record<string, string>)[param];
        const acting = request.headers['x-acting-user'];
        this.log.record({
          at: this.clock.now().toISOString(),
          token: request.principal?.name ?? 'unknown',
          actingUserId: typeof acting === 'string' ? acting : null,
          studentId,
          endpoint: `${request.method} ${request.routeOptions.url ?? request.url.split('?')[0]}`,
        });
      }),
    );
  }
}
