import fc from 'fast-check';
import { EVENT_STORE, EventStore } from '../../src/event-store/event-store.port';
import { CommandCatalog } from '../../src/http/command-catalog';
import { TestApp } from '../support/test-app';
import { RawAnswer, send } from './http-send';
import { commandRequest, FuzzRequest, queryRequest } from './request-arbitrary';
import { getRoutes } from './routes';

export interface FuzzFigures {
  seed: number;
  requests: number;
  commands: number;
  queries: number;
  statuses: Record<string, number>;
  errorCodes: Record<string, number>;
  serverErrors: number;
  eventsAppended: number;
  problems: string[];
}

const STACK = /\bat [\w.<>$]+ \(|\.[jt]s:\d+:\d+|node_modules|Error: .*\n\s+at /;

/** What is wrong with one answer, as far as API.md's error rules go. */
function answerProblems(request: FuzzRequest, answer: RawAnswer): string[] {
  const problems: string[] = [];
  const what = `${request.method} ${request.path.slice(0, 120)} → ${answer.status}`;
  if (answer.status >= 500 && answer.status !== 503) {
    problems.push(`${what}: server error ${answer.text.slice(0, 200)} for ${JSON.stringify(request.headers).slice(0, 300)} ${request.body?.slice(0, 500)}`);
  }
  if (STACK.test(answer.text)) problems.push(`${what}: the body holds a stack trace`);
  if (answer.status >= 400 && request.method !== 'HEAD') {
    const type = String(answer.headers['content-type'] ?? '');
    let body: unknown;
    try {
      body = JSON.parse(answer.text);
    } catch {
      body = undefined;
    }
    const shaped =
      type.startsWith('application/json') &&
      body !== null && typeof body === 'object' &&
      Object.keys(body).sort().join(',') === 'details,error,message' &&
      typeof (body as { error: unknown }).error === 'string' &&
      typeof (body as { message: unknown }).message === 'string' &&
      Array.isArray((body as { details: unknown }).details);
    if (!shaped) problems.push(`${what}: error not in API.md's shape: ${type} ${answer.text.slice(0, 200)}`);
  }
  return problems;
}

interface Accepted {
  correlationId: string;
  streamId?: string;
  events?: number;
}

/**
 * Sends `count` generated requests (commands from every DTO in the catalog, GETs on every route)
 * one after another, checking each answer, then checks `/health` and that the log holds exactly
 * the events of the commands answered 200.
 */
export async function runFuzz(app: TestApp, count: number, seed = Math.floor(Math.random() * 2 ** 31)): Promise<FuzzFigures> {
  const base = new URL(app.url);
  const events = app.app.get<EventStore>(EVENT_STORE);
  const catalog = app.app.get(CommandCatalog);
  const routes = getRoutes(app.app);
  const start = await events.headPosition();
  const figures: FuzzFigures = { seed, requests: 0, commands: 0, queries: 0, statuses: {}, errorCodes: {}, serverErrors: 0, eventsAppended: 0, problems: [] };
  const accepted: Accepted[] = [];
  const requests = fc.oneof({ weight: 3, arbitrary: commandRequest(catalog) }, { weight: 2, arbitrary: queryRequest(routes) });

  // Commands without a correlation id of their own get one, so an event can be traced to its request.
  const sent = new Map<string, string>();
  for (const [i, generated] of fc.sample(requests, { numRuns: count, seed }).entries()) {
    const request = generated.command !== undefined && generated.headers['x-correlation-id'] === undefined
      ? { ...generated, headers: { ...generated.headers, 'x-correlation-id': `fuzz-${i}` } }
      : generated;
    let answer: RawAnswer;
    try {
      answer = await send(base, request);
    } catch (error) {
      figures.problems.push(`${request.method} ${request.path.slice(0, 120)} ${JSON.stringify(request.headers).slice(0, 300)} body ${String(request.body?.length)}: ${(error as Error).message}`);
      figures.requests++;
      continue;
    }
    figures.requests++;
    if (request.command !== undefined) figures.commands++;
    else figures.queries++;
    figures.statuses[answer.status] = (figures.statuses[answer.status] ?? 0) + 1;
    const correlationId = request.headers['x-correlation-id'];
    if (request.command !== undefined && correlationId) sent.set(correlationId, `${request.command} → ${answer.status} ${answer.text.slice(0, 160)} ${request.body?.slice(0, 300)}`);
    if (answer.status >= 500 && answer.status !== 503) figures.serverErrors++;
    const problems = answerProblems(request, answer);
    figures.problems.push(...problems);
    if (answer.status >= 400 && problems.length === 0 && request.method !== 'HEAD') {
      const code = (JSON.parse(answer.text) as { error: string }).error;
      figures.errorCodes[code] = (figures.errorCodes[code] ?? 0) + 1;
    }
    if (request.command !== undefined && answer.status === 200) {
      const body = JSON.parse(answer.text) as { correlationId: string; streamId?: string; events?: unknown[] };
      accepted.push({ correlationId: body.correlationId, streamId: body.streamId, events: body.events?.length });
    }
  }

  const health = await send(base, { method: 'GET', path: '/health', headers: {} });
  if (health.status !== 200) figures.problems.push(`/health answered ${health.status} after the run`);
  figures.problems.push(...(await logProblems(events, start, accepted, figures, sent)));
  return figures;
}

/** Every appended event belongs to a command answered 200; each answered command's events are all there. */
async function logProblems(events: EventStore, start: bigint, accepted: Accepted[], figures: FuzzFigures, sent: Map<string, string>): Promise<string[]> {
  const problems: string[] = [];
  const okCorrelations = new Set(accepted.map((a) => a.correlationId));
  const expected = new Map<string, number>();
  for (const a of accepted) if (a.streamId !== undefined) expected.set(`${a.correlationId} ${a.streamId}`, (expected.get(`${a.correlationId} ${a.streamId}`) ?? 0) + (a.events ?? 0));
  const found = new Map<string, number>();
  for await (const event of events.readAll({ after: start })) {
    figures.eventsAppended++;
    if (!okCorrelations.has(event.metadata.correlationId)) {
      problems.push(`${event.type} at ${event.position} on ${event.streamId} belongs to no command answered 200 (${sent.get(event.metadata.correlationId) ?? event.metadata.correlationId})`);
      continue;
    }
    const key = `${event.metadata.correlationId} ${event.streamId}`;
    found.set(key, (found.get(key) ?? 0) + 1);
  }
  for (const [key, count] of expected) {
    if ((found.get(key) ?? 0) !== count) problems.push(`the command ${key} answered 200 with ${count} events; the log holds ${found.get(key) ?? 0}`);
  }
  return problems;
}

export function formatFigures(figures: FuzzFigures): string {
  const sorted = (record: Record<string, number>) => Object.entries(record).sort(([a], [b]) => (a < b ? -1 : 1)).map(([k, v]) => `${k}: ${v}`).join(', ');
  return [
    `requests: ${figures.requests} (commands ${figures.commands}, queries ${figures.queries}), seed ${figures.seed}`,
    `statuses: ${sorted(figures.statuses)}`,
    `error codes: ${sorted(figures.errorCodes)}`,
    `5xx other than 503: ${figures.serverErrors}`,
    `events appended: ${figures.eventsAppended}`,
    `problems: ${figures.problems.length}`,
  ].join('\n');
}
