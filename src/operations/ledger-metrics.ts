import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';

/** Statuses a projection can report; every one gets a series so a dashboard sees a status drop to 0. */
export const PROJECTION_STATUSES = ['live', 'catching_up', 'rebuilding', 'retrying', 'failed', 'stopped'] as const;

/**
 * The service's Prometheus series (API.md "Operations"). Labels come from bounded sets only:
 * command names from the catalog, route templates, projection names; never ids or tokens.
 */
export class LedgerMetrics {
  readonly registry = new Registry();

  readonly commands = new Counter({
    name: 'ledger_commands_total',
    help: 'Commands answered, by command and outcome (ok, refused: a 4xx answer, failed: a 5xx answer).',
    labelNames: ['command', 'outcome'] as const,
    registers: [this.registry],
  });

  readonly commandDuration = new Histogram({
    name: 'ledger_command_duration_seconds',
    help: 'Time from receiving a command to answering it, by command.',
    labelNames: ['command'] as const,
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [this.registry],
  });

  readonly eventsAppended = new Counter({
    name: 'ledger_events_appended_total',
    help: 'Events appended by commands answered 200 through this process.',
    registers: [this.registry],
  });

  readonly httpRequests = new Counter({
    name: 'ledger_http_requests_total',
    help: 'HTTP requests answered, by route template and status code.',
    labelNames: ['route', 'status'] as const,
    registers: [this.registry],
  });

  readonly projectionLag = new Gauge({
    name: 'ledger_projection_lag_events',
    help: 'Events in the log that a projection has not applied yet.',
    labelNames: ['projection'] as const,
    registers: [this.registry],
  });

  readonly projectionStatus = new Gauge({
    name: 'ledger_projection_status',
    help: '1 for the status a projection is in, 0 for the others.',
    labelNames: ['projection', 'status'] as const,
    registers: [this.registry],
  });

  constructor() {
    // The standard process_* and nodejs_* series, under the names existing dashboards expect.
    collectDefaultMetrics({ register: this.registry });
  }

  recordProjections(projections: readonly { name: string; status: string; lagEvents: number }[]): void {
    for (const projection of projections) {
      this.projectionLag.set({ projection: projection.name }, projection.lagEvents);
      for (const status of PROJECTION_STATUSES) {
        this.projectionStatus.set({ projection: projection.name, status }, projection.status === status ? 1 : 0);
      }
    }
  }
}

export const outcomeOf = (status: number): 'ok' | 'refused' | 'failed' => (status >= 500 ? 'failed' : status >= 400 ? 'refused' : 'ok');
