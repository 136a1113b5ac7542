import type { INestApplication } from '@nestjs/common';
import type { FastifyInstance } from 'fastify';
import type { Server } from 'node:http';

interface InFlight {
  count: number;
  whenIdle: (() => void)[];
}

const inFlightOf = new WeakMap<FastifyInstance, InFlight>();

/** Counts requests between arrival and the end of their answer (or the client going away). */
export function trackRequestsInFlight(fastify: FastifyInstance): void {
  const state: InFlight = { count: 0, whenIdle: [] };
  inFlightOf.set(fastify, state);
  fastify.addHook('onRequest', async (_request, reply) => {
    state.count++;
    reply.raw.once('close', () => {
      state.count--;
      if (state.count === 0) for (const resolve of state.whenIdle.splice(0)) resolve();
    });
  });
}

/**
 * Stops taking requests and waits for those in flight: the server stops accepting connections,
 * requests arriving on open ones are answered 503, and once none is in flight the idle keep-alive
 * connections are closed so the server can finish closing.
 */
export async function drainHttp(app: INestApplication): Promise<void> {
  const adapter = app.getHttpAdapter();
  const fastify = adapter.getInstance() as FastifyInstance;
  const server = adapter.getHttpServer() as Server;
  const closed = adapter.close();
  const state = inFlightOf.get(fastify);
  if (state && state.count > 0) await new Promise<void>((resolve) => state.whenIdle.push(resolve));
  server.closeAllConnections();
  await closed;
}
