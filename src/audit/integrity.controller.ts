import { Controller, Get, Inject, Param } from '@nestjs/common';
import { RequireRole } from '../auth/auth.decorators';
import { ApiError } from '../http/api-error';
import { EventStore, RAW_EVENT_STORE } from '../event-store/event-store.port';
import { storedEventReader } from '../event-store/stored-events';
import { ChainVerifier } from './chain-verifier';
import { STREAM_ID } from './stream-id';

@Controller('v1/audit')
export class IntegrityController {
  private readonly verifier: ChainVerifier;

  constructor(@Inject(RAW_EVENT_STORE) raw: EventStore) {
    this.verifier = new ChainVerifier(storedEventReader(raw));
  }

  /** Recomputes one stream's hash chain over its stored form. */
  @Get('streams/:streamId/verify')
  @RequireRole('audit')
  async verify(@Param('streamId') streamId: string) {
    if (!STREAM_ID.test(streamId)) throw new ApiError(400, 'InvalidId', 'Stream ids are <type>-<id> with API.md id characters.');
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
