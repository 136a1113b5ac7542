import { Body, Controller, Headers, HttpCode, Inject, Param, Post, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import type { FastifyReply } from 'fastify';
import { CurrentPrincipal, RequireRole } from '../auth/auth.decorators';
import { hasRole, Principal } from '../auth/token';
import { CommandEnvelope } from '../event-store/command-envelope';
import { correlationIdProblem, issuedCorrelationId } from '../shared/correlation';
import { isValidId, keyedId, newId } from '../shared/ids';
import { ApiError, validationFailed } from './api-error';
import { CommandCatalog } from './command-catalog';
import { commandAnswer, HttpAnswer } from './command-response';
import { validateBody } from './dto-validation';
import { toApiError } from './error.filter';
import { IDEMPOTENCY_STORE, IdempotencyStore, requestHash } from './idempotency';
import { IdempotencyKeyBusy } from './idempotency-claims';
import { Scope } from '../auth/read-scope';
import { ActingUserCheck } from '../scopes/acting-user-check';
import { CommandScopeCheck } from '../scopes/command-scope-check';

type CommandHeaders = Record<string, string | undefined>;

/** `POST /v1/commands/{name}`: shape check, idempotency, envelope, then the command bus. */
@Controller('v1/commands')
export class CommandController {
  constructor(
    private readonly catalog: CommandCatalog,
    private readonly bus: CommandBus,
    @Inject(IDEMPOTENCY_STORE) private readonly idempotency: IdempotencyStore,
    private readonly scopes: CommandScopeCheck,
    private readonly actingUsers: ActingUserCheck,
  ) {}

  @Post(':name')
  @HttpCode(200)
  @RequireRole('commands')
  @Scope({ kind: 'command' })
  async execute(
    @Param('name') name: string,
    @Body() body: unknown,
    @Headers() headers: CommandHeaders,
    @CurrentPrincipal() principal: Principal,
    @Res({ passthrough: false }) reply: FastifyReply,
  ): Promise<void> {
    const answer = await this.answer(name, body, headers, principal);
    for (const [header, value] of Object.entries(answer.headers)) reply.header(header, value);
    await reply.status(answer.status).type('application/json').send(answer.body);
  }

  private async answer(name: string, body: unknown, headers: CommandHeaders, principal: Principal): Promise<HttpAnswer> {
    const route = this.catalog.find(name);
    if (!route) throw new ApiError(404, 'UnknownCommand', `There is no command named "${name.slice(0, 100)}".`);
    if (route.role && !hasRole(principal, route.role)) throw new ApiError(403, 'Forbidden', `${route.name} needs the ${route.role} role.`);
    const key = headers['idempotency-key'];
    if (key !== undefined && (key.length < 1 || key.length > 200)) {
      throw validationFailed([{ field: 'Idempotency-Key', message: 'must be 1–200 characters' }]);
    }
    if (key === undefined) return this.run(route.name, body, headers, principal);

    const hash = requestHash(route.name, body);
    // Earlier answers for this token's key: replayed for the same request, refused for another (also after 48 hours).
    const earlier = async (): Promise<HttpAnswer | null> => {
      const found = await this.idempotency.find(principal.name, key);
      if (!found) return null;
      if (found.requestHash !== hash) {
        throw new ApiError(422, 'IdempotencyKeyReused', 'This Idempotency-Key was used with another command or body; use a new key.');
      }
      return 'expired' in found ? null : { status: found.status, body: found.body, headers: found.headers };
    };
    const execute = async (): Promise<HttpAnswer> => {
      let answer: HttpAnswer;
      try {
        answer = await this.run(route.name, body, headers, principal, hash);
      } catch (error) {
        const failure = toApiError(error);
        // A key the stream says belongs to another request keeps answering for that request.
        if (failure.status >= 500 || failure.code === 'IdempotencyKeyReused') throw failure;
        answer = { status: failure.status, body: failure.body(), headers: failure.headers };
      }
      await this.idempotency.save(principal.name, key, { requestHash: hash, ...answer });
      return answer;
    };
    try {
      return await this.idempotency.exclusive(principal.name, key, () => this.idempotency.claimed(principal.name, key, earlier, execute));
    } catch (error) {
      if (!(error instanceof IdempotencyKeyBusy)) throw error;
      throw new ApiError(409, 'IdempotencyKeyInUse', 'A request with this Idempotency-Key is still running; retry it shortly.', [], { 'Retry-After': '1' });
    }
  }

  private async run(name: string, body: unknown, headers: CommandHeaders, principal: Principal, hash?: string): Promise<HttpAnswer> {
    const route = this.catalog.find(name)!;
    if (route.generatedId && body && typeof body === 'object' && !Array.isArray(body) && (body as Record<string, unknown>)[route.generatedId] === undefined) {
      const key = headers['idempotency-key'];
      body = { ...body, [route.generatedId]: key === undefined ? newId() : keyedId(principal.name, name, key, requestHash(name, body)) };
    }
    const dto = validateBody(route.dto, body);
    const envelope = { ...this.envelope(name, headers, principal), ...(hash ? { requestHash: hash } : {}) };
    await this.actingUsers.check(principal, envelope.actor.actingUserId);
    await this.scopes.check(route.scope, dto, principal);
    const result = await this.bus.execute(route.toCommand(dto, envelope) as never);
    return commandAnswer(result as never);
  }

  private envelope(name: string, headers: CommandHeaders, principal: Principal): CommandEnvelope {
    const problems: { field: string; message: string }[] = [];
    const acting = headers['x-acting-user'];
    if (acting !== undefined && !isValidId(acting)) problems.push({ field: 'X-Acting-User', message: 'must be a user id' });
    const correlation = headers['x-correlation-id'];
    const correlationProblem = correlation === undefined ? null : correlationIdProblem(correlation);
    if (correlationProblem) problems.push({ field: 'X-Correlation-Id', message: correlationProblem });
    let expectedRevision: bigint | undefined;
    const ifMatch = headers['if-match'];
    if (ifMatch !== undefined) {
      const match = /^(?:W\/)?"?(-1|\d{1,18})"?$/.exec(ifMatch.trim());
      if (match) expectedRevision = BigInt(match[1]);
      else problems.push({ field: 'If-Match', message: 'must be a revision in quotes, e.g. "3"' });
    }
    if (problems.length) throw validationFailed(problems);
    return {
      commandName: name,
      commandId: newId(),
      correlationId: correlation ?? issuedCorrelationId(),
      actor: { type: 'token', id: principal.name, ...(acting ? { actingUserId: acting } : {}) },
      idempotencyKey: headers['idempotency-key'],
      expectedRevision,
    };
  }
}
