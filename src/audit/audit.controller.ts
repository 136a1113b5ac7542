import { Controller, Get, Headers, Inject, Param, Query } from '@nestjs/common';
import { CurrentPrincipal, RequireRole } from '../auth/auth.decorators';
import { Scope } from '../auth/read-scope';
import { Principal, seesEverything } from '../auth/token';
import { DisclosureLog } from '../privacy/disclosure-log';
import { OrganisationScope } from '../scopes/organisation-scope';
import { Ownerships } from '../scopes/ownership';
import { ApiError, validationFailed } from '../http/api-error';
import { EVENT_STORE, EventStore } from '../event-store/event-store.port';
import { upcast } from '../event-store/upcasting';
import { auditEvent } from './audit-event';
import { QueryParams, textQuery, wholeQuery } from '../http/query-docs';

const STREAM_ID = /^[A-Za-z0-9._\-:@]{1,200}$/;

function whole(name: string, value: unknown, fallback: number, max = Number.MAX_SAFE_INTEGER): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'string' || !/^\d{1,15}$/.test(value) || Number(value) > max) {
    throw validationFailed([{ field: name, message: `must be a whole number up to ${max}` }]);
  }
  return Number(value);
}

@Controller('v1/audit')
export class AuditController {
  constructor(
    @Inject(EVENT_STORE) private readonly events: EventStore,
    private readonly disclosures: DisclosureLog,
    private readonly ownerships: Ownerships,
    private readonly scope: OrganisationScope,
  ) {}

  /** Whether a token may see a stream's events: a stream out of scope is answered as if it had none. */
  private inScope(principal: Principal): (streamId: string) => Promise<boolean> {
    if (seesEverything(principal)) return async () => true;
    const known = new Map<string, Promise<boolean>>();
    return (streamId) => {
      let answer = known.get(streamId);
      if (!answer) {
        answer = this.ownerships.ownersOfStream(streamId).then((owners) => this.scope.coversStream(principal, owners));
        known.set(streamId, answer);
      }
      return answer;
    };
  }

  /** A stream's events with who, when and why. */
  @QueryParams(wholeQuery('fromRevision', 'The first revision to read (default 0).', 0), wholeQuery('limit', 'Events per page (default 1000).', 1, 1000))
  @Get('streams/:streamId')
  @RequireRole('audit')
  @Scope({ kind: 'streams' })
  async stream(
    @Param('streamId') streamId: string,
    @Query() query: Record<string, unknown>,
    @CurrentPrincipal() principal: Principal,
    @Headers('x-acting-user') actingUserId?: string,
  ) {
    if (!STREAM_ID.test(streamId)) throw new ApiError(400, 'InvalidId', 'Stream ids are <type>-<id> with API.md id characters.');
    if (!(await this.inScope(principal)(streamId))) throw new ApiError(404, 'NotFound', `Stream ${streamId} has no events.`);
    const fromRevision = BigInt(whole('fromRevision', query.fromRevision, 0));
    const limit = whole('limit', query.limit, 1000, 1000);
    const items = [];
    for await (const event of this.events.readStream(streamId, { fromRevision, maxCount: limit })) items.push(auditEvent(upcast(event)));
    if (items.length === 0 && fromRevision === 0n) throw new ApiError(404, 'NotFound', `Stream ${streamId} has no events.`);
    // A student's stream is that student's personal data: a disclosure, as the record is.
    if (streamId.startsWith('student-') && items.length > 0) {
      this.disclosures.record({
        at: new Date().toISOString(),
        token: principal.name,
        actingUserId: actingUserId ?? null,
        studentId: streamId.slice('student-'.length),
        endpoint: 'GET /v1/audit/streams/:streamId',
      });
    }
    return { items };
  }

  /** The global log in order: a change feed, paged by `nextPosition`. */
  @QueryParams(textQuery('fromPosition', 'Events after this position of the log (from nextPosition).'), wholeQuery('limit', 'Events per page (default 100).', 1, 1000), textQuery('type', 'Only events of this type.'), textQuery('correlationId', 'Only events of this request or import.'))
  @Get('events')
  @RequireRole('audit')
  @Scope({ kind: 'streams' })
  async feed(@Query() query: Record<string, unknown>, @CurrentPrincipal() principal: Principal) {
    const inScope = this.inScope(principal);
    const raw = query.fromPosition;
    if (raw !== undefined && (typeof raw !== 'string' || !/^\d{1,30}$/.test(raw))) {
      throw validationFailed([{ field: 'fromPosition', message: 'must be a position' }]);
    }
    const after = raw === undefined ? 0n : BigInt(raw as string);
    // Positions are signed 64-bit in both stores: a larger one is no position of the log.
    if (after >= 2n ** 63n) throw new ApiError(400, 'InvalidPosition', 'fromPosition is not a position of the log.');
    const limit = whole('limit', query.limit, 100, 1000);
    const type = typeof query.type === 'string' ? query.type : undefined;
    const correlationId = typeof query.correlationId === 'string' ? query.correlationId : undefined;
    const items = [];
    let last = after;
    // Filters (and a scoped token) scan at most 10 pages' worth of the log per request; nextPosition says where to go on.
    for await (const event of this.events.readAll({ after, maxCount: type || correlationId || !seesEverything(principal) ? limit * 10 : limit })) {
      last = event.position;
      if (type && event.type !== type) continue;
      if (correlationId && event.metadata.correlationId !== correlationId) continue;
      if (!(await inScope(event.streamId))) continue;
      items.push(auditEvent(upcast(event)));
      if (items.length === limit) break;
    }
    return { items, nextPosition: last.toString() };
  }
}
