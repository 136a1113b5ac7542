import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Logger } from 'pino';
import { LedgerMetrics, outcomeOf } from './ledger-metrics';

const COMMAND_ROUTE = '/v1/commands/:name';

export interface RequestObserverOptions {
  metrics: LedgerMetrics;
  /** Whether a name is a registered command: other names are counted as `unknown`, keeping labels bounded. */
  isCommand: (name: string) => boolean;
  /** One JSON line per request; omitted in tests that run silent. */
  log?: Logger;
}

const routeOf = (request: FastifyRequest): string => request.routeOptions?.url ?? 'unmatched';

const commandOf = (request: FastifyRequest, isCommand: (name: string) => boolean): string => {
  const name = (request.params as { name?: unknown } | undefined)?.name;
  return typeof name === 'string' && isCommand(name) ? name : 'unknown';
};

const headerText = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

/**
 * Counts every answer by route template and status, times commands, and logs one line per request
 * with the route template (never the path, which can hold ids), status, duration and correlation id.
 */
export function observeRequests(fastify: FastifyInstance, options: RequestObserverOptions): void {
  const { metrics, isCommand, log } = options;

  fastify.addHook('onSend', async (request: FastifyRequest, reply: FastifyReply, payload: unknown) => {
    if (routeOf(request) === COMMAND_ROUTE && reply.statusCode === 200 && typeof payload === 'string') {
      const appended = countEvents(payload);
      if (appended > 0) metrics.eventsAppended.inc(appended);
    }
    return payload;
  });

  fastify.addHook('onResponse', async (request: FastifyRequest, reply: FastifyReply) => {
    const route = routeOf(request);
    const status = reply.statusCode;
    metrics.httpRequests.inc({ route, status: String(status) });
    if (route === COMMAND_ROUTE && request.method === 'POST') {
      const command = commandOf(request, isCommand);
      metrics.commands.inc({ command, outcome: outcomeOf(status) });
      metrics.commandDuration.observe({ command }, reply.elapsedTime / 1000);
    }
    log?.info(
      {
        method: request.method,
        route,
        status,
        durationMs: Math.round(reply.elapsedTime * 10) / 10,
        correlationId: headerText(reply.getHeader('x-correlation-id')) ?? headerText(request.headers['x-correlation-id']),
      },
      'request',
    );
  });
}

/** Events in a command's answer: `{ events: [...] }`; batch answers (`{ affected }`) append through other streams and are not counted here. */
function countEvents(payload: string): number {
  const start = payload.indexOf('"events":[');
  if (start < 0) return 0;
  try {
    const events = (JSON.parse(payload) as { events?: unknown }).events;
    return Array.isArray(events) ? events.length : 0;
  } catch {
    return 0;
  }
}
