import { Injectable, Type } from '@nestjs/common';
import { Role } from '../auth/token';
import { CommandEnvelope } from '../event-store/command-envelope';
import type { CommandScope } from '../scopes/command-scope';
import { plainCommandData } from './plain-command-data';

/** One command the API accepts: its request body class and how it becomes a bus command. */
export interface CommandRoute<D extends object = any> {
  name: string;
  dto: Type<D>;
  toCommand(dto: D, envelope: CommandEnvelope): object;
  /** Which organisations the command touches: checked against the token before the command is decided. */
  scope: CommandScope<D>;
  /** Create commands may leave their id out and get a UUIDv7 back in this field. */
  generatedId?: keyof D & string;
  /** Batch commands answer `{ affected, position }`. */
  batch?: boolean;
  /** A role the command needs beyond `commands` (e.g. `admin` for erasure). */
  role?: Role;
}

/**
 * An aggregate's `route(name, dto, scope, generatedId?, role?)` for commands whose body, as plain data, is the command.
 * `N` narrows the names a module offers over HTTP when some of its commands are internal.
 */
export const commandRouteFor =
  <C extends { type: string }, N extends C['type'] = C['type']>(Message: new (command: C, envelope: CommandEnvelope) => object) =>
  <D extends object>(name: N, dto: Type<D>, scope: CommandScope<D>, generatedId?: keyof D & string, role?: Role): CommandRoute<D> => ({
    name,
    dto,
    scope,
    generatedId,
    role,
    toCommand: (body, envelope) => new Message({ ...plainCommandData(body), type: name } as unknown as C, envelope),
  });

/** The commands every module registered, by name (`POST /v1/commands/{name}`). */
@Injectable()
export class CommandCatalog {
  private readonly routes = new Map<string, CommandRoute>();

  register(routes: CommandRoute[]): void {
    for (const route of routes) {
      if (this.routes.has(route.name)) throw new Error(`Command ${route.name} is registered twice`);
      if (!route.scope) throw new Error(`Command ${route.name} declares no organisation scope`);
      this.routes.set(route.name, route);
    }
  }

  find(name: string): CommandRoute | undefined {
    return this.routes.get(name);
  }

  all(): CommandRoute[] {
    return [...this.routes.values()];
  }

  names(): string[] {
    return [...this.routes.keys()].sort();
  }
}
