import { Controller, Get, Inject, Param } from '@nestjs/common';
import { CurrentPrincipal, RequireRole } from '../auth/auth.decorators';
import { Scope } from '../auth/read-scope';
import { Principal } from '../auth/token';
import { OrganisationScope } from '../scopes/organisation-scope';
import { Ownerships } from '../scopes/ownership';
import { ApiError } from '../http/api-error';
import { EventStore, RAW_EVENT_STORE } from '../event-store/event-store.port';
import { storedEventReader } from '../event-store/stored-events';
import { ChainVerifier } from './chain-verifier';
import { STREAM_ID } from './stream-id';
import { streamInScope } from './stream-scope';

@Controller('v1/audit')
export class IntegrityController {
  private readonly verifier: ChainVerifier;

  constructor(
    @Inject(RAW_EVENT_STORE) raw: EventStore,
    private readonly ownerships: Ownerships,
    private readonly scope: OrganisationScope,
  ) {
    this.verifier = new ChainVerifier(storedEventReader(raw));
  }

  /** Recomputes one stream's hash chain over its stored form. */
  @Get('streams/:streamId/verify')
  @RequireRole('audit')
  @Scope({ kind: 'streams' })
  async verify(@Param('streamId') streamId: string, @CurrentPrincipal() principal: Principal) {
    if (!STREAM_ID.test(streamId)) throw new ApiError(400, 'InvalidId', 'Stream ids are <type>-<id> with API.md id characters.');
    if (!(await streamInScope(this.ownerships, this.scope, principal, streamId))) throw new ApiError(404, 'NotFound', `Stream ${streamId} has no events.`);
    const outcome = await this.verifier.verifyStream(streamId);
    if (outcome.events === 0) throw new ApiError(404, 'NotFound', `Stream ${streamId} has no events.`);
    const found = outcome.firstBreak;
    const base = { streamId, events: outcome.events, unhashedBeforeChain: outcome.unhashedBeforeChain };
    if (!found) return { ...base, ok: true };
    return {
      ...base,
      ok: false,
      firstBadRevision: Number(found.revision),
      position: found.position === null ? null : found.position.toString(),
      reason: found.reason,
      detail: found.detail,
    };
  }
}
