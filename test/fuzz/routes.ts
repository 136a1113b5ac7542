import { RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { ModulesContainer } from '@nestjs/core';
import type { INestApplication } from '@nestjs/common';

const join = (...parts: string[]) => `/${parts.map((p) => p.replace(/^\/+|\/+$/g, '')).filter((p) => p !== '').join('/')}`;
const paths = (value: unknown): string[] => (Array.isArray(value) ? value : [value ?? '']) as string[];

/** Every GET route the application serves, as Fastify path templates (`/v1/students/:id`). */
export function getRoutes(app: INestApplication): string[] {
  const routes = new Set<string>();
  for (const module of app.get(ModulesContainer).values()) {
    for (const wrapper of module.controllers.values()) {
      const type = wrapper.metatype as (new (...args: never[]) => unknown) | null;
      if (!type) continue;
      const bases = paths(Reflect.getMetadata(PATH_METADATA, type));
      for (const key of Object.getOwnPropertyNames(type.prototype)) {
        const handler = (type.prototype as Record<string, unknown>)[key];
        if (typeof handler !== 'function' || Reflect.getMetadata(METHOD_METADATA, handler) !== RequestMethod.GET) continue;
        for (const base of bases) for (const path of paths(Reflect.getMetadata(PATH_METADATA, handler))) routes.add(join(base, path));
      }
    }
  }
  return [...routes].sort();
}
