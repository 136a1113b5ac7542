import Fastify from 'fastify';
import pino from 'pino';
import { Writable } from 'node:stream';
import { LedgerMetrics } from './ledger-metrics';
import { observeRequests } from './request-observer';

function logLines() {
  const lines: Record<string, unknown>[] = [];
  const sink = new Writable({
    write(chunk, _encoding, done) {
      lines.push(JSON.parse(String(chunk)));
      done();
    },
  });
  return { lines, log: pino({ level: 'info' }, sink) };
}

describe('observeRequests', () => {
  it('logs one JSON line per request with the route template (never the id in the path), status, duration and correlation id', async () => {
    const { lines, log } = logLines();
    const fastify = Fastify();
    observeRequests(fastify, { metrics: new LedgerMetrics(), isCommand: () => false, log });
    fastify.get('/v1/students/:id', async (_request, reply) => reply.header('X-Correlation-Id', 'corr-1').send({ ok: true }));
    await fastify.inject({ method: 'GET', url: '/v1/students/jane.doe@example.org' });
    await fastify.inject({ method: 'GET', url: '/nowhere/secret-id' });
    await fastify.close();

    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatchObject({ msg: 'request', method: 'GET', route: '/v1/students/:id', status: 200, correlationId: 'corr-1' });
    expect(typeof lines[0].durationMs).toBe('number');
    expect(lines[1]).toMatchObject({ route: 'unmatched', status: 404 });
    expect(JSON.stringify(lines)).not.toMatch(/jane|secret-id/);
  });

  it('counts commands by catalog name and outcome, and an unknown name as unknown', async () => {
    const metrics = new LedgerMetrics();
    const fastify = Fastify();
    observeRequests(fastify, { metrics, isCommand: (name) => name === 'RegisterStudent' });
    fastify.post('/v1/commands/:name', async (request, reply) =>
      (request.params as { name: string }).name === 'RegisterStudent' ? reply.send({ events: [{ type: 'StudentRegistered', revision: 0 }] }) : reply.code(404).send({}),
    );
    await fastify.inject({ method: 'POST', url: '/v1/commands/RegisterStudent', payload: {} });
    await fastify.inject({ method: 'POST', url: '/v1/commands/Made-Up', payload: {} });
    await fastify.close();

    const text = await metrics.registry.metrics();
    expect(text).toContain('ledger_commands_total{command="RegisterStudent",outcome="ok"} 1');
    expect(text).toContain('ledger_commands_total{command="unknown",outcome="refused"} 1');
    expect(text).toContain('ledger_events_appended_total 1');
    expect(text).not.toContain('Made-Up');
  });
});
