import { Injectable } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { Principal } from '../auth/token';
import { CommandScopeCheck } from '../scopes/command-scope-check';
import { Actor } from '../shared/event';
import { CommandEnvelope, CommandResult } from '../event-store/command-envelope';
import { CommandCatalog } from '../http/command-catalog';
import { validateBody } from '../http/dto-validation';
import { toApiError } from '../http/error.filter';
import { newId } from '../shared/ids';

export type SendOutcome =
  | { ok: true; position: bigint | null; events: number }
  | { ok: false; status: number; code: string; message: string };

/**
 * Sends a command the way `POST /v1/commands/{name}` does (the DTO's shape check, the token's
 * organisation scope when a principal is given, then the command bus), without HTTP: for imports,
 * whose rows are ordinary commands.
 */
@Injectable()
export class CommandSender {
  constructor(
    private readonly catalog: CommandCatalog,
    private readonly bus: CommandBus,
    private readonly scopes: CommandScopeCheck,
  ) {}

  /** With an `idempotencyKey`, a command already appended with that key is not appended again; with a `principal`, the command is scope-checked as over HTTP. */
  async send(
    name: string,
    body: Record<string, unknown>,
    on: { correlationId: string; actor: Actor; idempotencyKey?: string; principal?: Principal },
  ): Promise<SendOutcome> {
    const route = this.catalog.find(name);
    if (!route) return { ok: false, status: 404, code: 'UnknownCommand', message: `There is no command named ${name}.` };
    try {
      const dto = validateBody(route.dto, body);
      if (on.principal) await this.scopes.check(route.scope, dto, on.principal);
      const envelope: CommandEnvelope = {
        commandName: name, commandId: newId(), correlationId: on.correlationId, actor: on.actor, ...(on.idempotencyKey ? { idempotencyKey: on.idempotencyKey } : {}),
      };
      const result = (await this.bus.execute(route.toCommand(dto, envelope) as never)) as CommandResult | { affected: number; position: bigint };
      if ('affected' in result) return { ok: true, position: result.position, events: result.affected };
      return { ok: true, position: result.events.length ? result.position : null, events: result.events.length };
    } catch (error) {
      const failure = toApiError(error);
      if (failure.status >= 500) throw failure;
      const details = failure.details.length ? ` (${JSON.stringify(failure.details).slice(0, 300)})` : '';
      return { ok: false, status: failure.status, code: failure.code, message: `${failure.message}${details}` };
    }
  }
}
