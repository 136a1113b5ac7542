import type { INestApplicationContext } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { RequestMethod } from '@nestjs/common';
import { ModulesContainer } from '@nestjs/core';
import { SCOPE_RULE, ScopeRule } from '../../src/auth/read-scope';

export interface RouteEntry {
  method: string;
  path: string;
  controller: string;
  handler: string;
  scope: ScopeRule | undefined;
}

const join = (...parts: (string | string[] | undefined)[]) =>
  '/' + parts.flatMap((p) => (Array.isArray(p) ? p[0] : p) ?? '').map((p) => p.replace(/^\/|\/$/g, '')).filter(Boolean).join('/');

/** Every HTTP route Nest registered (every controller of every module), with the scope rule it declares. */
export function routeTable(app: INestApplicationContext): RouteEntry[] {
  const routes: RouteEntry[] = [];
  for (const module of app.get(ModulesContainer).values()) {
    for (const wrapper of module.controllers.values()) {
      const type = wrapper.metatype as (new (...args: never[]) => unknown) | null;
      if (!type) continue;
      const base = Reflect.getMetadata(PATH_METADATA, type) as string | string[] | undefined;
      for (const name of Object.getOwnPropertyNames(type.prototype)) {
        const handler = (type.prototype as Record<string, unknown>)[name];
        if (name === 'constructor' || typeof handler !== 'function') continue;
        const path = Reflect.getMetadata(PATH_METADATA, handler) as string | string[] | undefined;
        if (path === undefined) continue;
        const method = RequestMethod[Reflect.getMetadata(METHOD_METADATA, handler) as number];
        routes.push({ method, path: join(base, path), controller: type.name, handler: name, scope: Reflect.getMetadata(SCOPE_RULE, handler) });
      }
    }
  }
  return routes.sort((a, b) => (a.path + a.method < b.path + b.method ? -1 : 1));
}
