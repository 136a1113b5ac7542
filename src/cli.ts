#!/usr/bin/env node
import 'reflect-metadata';
import { Command, CommanderError } from 'commander';
import { ProjectionsService } from '../projections/subscription/projections.service';
import { auditEvent } from './audit/audit-event';
import { AggregateStates, historyPoint } from './audit/aggregate-states';
import { ChainVerifier, describeBreak } from './audit/chain-verifier';
import { ApiError } from './http/api-error';
import { EVENT_STORE, EventStore, RAW_EVENT_STORE } from './event-store/event-store.port';
import { storedEventReader } from './event-store/stored-events';
import { EncryptingEventStore } from './privacy/encrypting-event-store';
import { upcast } from './event-store/upcasting';
import { openLedger } from './cli/ledger-context';
import { importCommands } from './cli/import-oneroster.command';
import { importClaimsCommand } from './cli/import-claims.command';
import { progress } from './cli/progress';
import { runPrivacyMigration } from './privacy/privacy-migration.runner';

const EXIT = { ok: 0, failedCheck: 1, usage: 2 } as const;

const position = (value: string) => {
  if (!/^\d{1,30}$/.test(value)) throw new CommanderError(EXIT.usage, 'usage', `"${value}" is not a position`);
  return BigInt(value);
};

async function withLedger(work: (ledger: Awaited<ReturnType<typeof openLedger>>) => Promise<number>): Promise<void> {
  const ledger = await openLedger();
  try {
    process.exitCode = await work(ledger);
  } finally {
    await ledger.close();
  }
}

function selected(projections: ProjectionsService, name?: string): string[] {
  if (!name) return projections.names();
  if (!projections.names().includes(name)) {
    throw new CommanderError(EXIT.usage, 'usage', `No projection "${name}"; there are: ${projections.names().join(', ')}`);
  }
  return [name];
}

const program = new Command('ledger')
  .description('school-ledger operations, on the stores the environment names (DATA_DIR, EVENTSTORE_CONNECTION_STRING, MONGODB_URI)')
  .exitOverride();

program.command('projections:list').description('each projection with its checkpoint and lag').action(() =>
  withLedger(async (ledger) => {
    for (const p of await ledger.get(ProjectionsService).list()) {
      const failure = p.failure ? `\tfailed at position ${p.failure.position} (${p.failure.eventType ?? 'reading the log'}): ${p.failure.error}` : '';
      process.stdout.write(`${p.name}\t${p.status}\tcheckpoint ${p.checkpoint}\tlag ${p.lagEvents} events${failure}\n`);
    }
    return EXIT.ok;
  }),
);

program
  .command('projections:rebuild [name]')
  .description('rebuild one projection (or all) from zero into a shadow copy, then swap it in; run it while the service is stopped, or use POST /v1/projections/{name}/rebuild')
  .action((name?: string) =>
    withLedger(async (ledger) => {
      const projections = ledger.get(ProjectionsService);
      for (const projection of selected(projections, name)) {
        const bar = progress(`rebuild ${projection}`);
        const started = Date.now();
        const outcome = await projections.rebuild(projection, (done, total) => bar.update(done, total));
        bar.stop();
        const seconds = (Date.now() - started) / 1000;
        process.stdout.write(`${projection}: rebuilt from ${outcome.eventsRead} events to position ${outcome.position} in ${seconds.toFixed(1)} s\n`);
      }
      return EXIT.ok;
    }),
  );

program
  .command('projections:verify [name]')
  .description('rebuild into a shadow copy and compare it with the live read model; exit 1 with the differences')
  .action((name?: string) =>
    withLedger(async (ledger) => {
      const projections = ledger.get(ProjectionsService);
      let failed = false;
      for (const projection of selected(projections, name)) {
        const bar = progress(`verify ${projection}`);
        const differences = await projections.verify(projection, (done, total) => bar.update(done, total));
        bar.stop();
        if (differences.length === 0) process.stdout.write(`${projection}: identical\n`);
        for (const d of differences) {
          failed = true;
          process.stdout.write(`${projection}: ${d.collection}/${d.id}${d.field ? ` field ${d.field}` : ''}: live ${JSON.stringify(d.live)} rebuilt ${JSON.stringify(d.rebuilt)}\n`);
        }
      }
      return failed ? EXIT.failedCheck : EXIT.ok;
    }),
  );

program
  .command('events:export')
  .description("the log as NDJSON, one event a line, in global order, each event in its current shape (upcast) with its hash; students' personal fields stay sealed")
  .option('--from <position>', 'after this position (exclusive)', position)
  .option('--to <position>', 'up to this position (inclusive)', position)
  .action((options: { from?: bigint; to?: bigint }) =>
    withLedger(async (ledger) => {
      // Students' personal fields stay sealed in the export ([erased] once erased): domain/audit.md.
      const sealing = ledger.get<EncryptingEventStore>(EVENT_STORE);
      for await (const stored of ledger.get<EventStore>(RAW_EVENT_STORE).readAll({ after: options.from })) {
        if (options.to !== undefined && stored.position > options.to) break;
        const event = await sealing.exported(stored);
        if (!process.stdout.write(`${JSON.stringify(auditEvent(upcast(event)))}\n`)) await new Promise((r) => process.stdout.once('drain', r));
      }
      return EXIT.ok;
    }),
  );

program
  .command('events:verify')
  .description("recompute every stream's hash chain and the global order over the stored log; exit 1 naming the first event of each broken stream")
  .action(() =>
    withLedger(async (ledger) => {
      const verifier = new ChainVerifier(storedEventReader(ledger.get<EventStore>(RAW_EVENT_STORE)));
      const bar = progress('verify events');
      const report = await verifier.verifyLog((done, total) => bar.update(done, total));
      bar.stop();
      for (const found of report.breaks) process.stdout.write(`BROKEN ${describeBreak(found)}\n`);
      if (report.brokenStreams > report.breaks.length) process.stdout.write(`… and ${report.brokenStreams - report.breaks.length} more broken streams\n`);
      const legacy = report.unhashedBeforeChain ? `; ${report.unhashedBeforeChain} events written before the hash chain (order and revisions checked, no hashes)` : '';
      const verdict = report.brokenStreams === 0 ? 'every chain holds' : `${report.brokenStreams} broken`;
      process.stdout.write(`${report.events} events in ${report.streams} streams: ${verdict}${legacy}\n`);
      return report.brokenStreams === 0 ? EXIT.ok : EXIT.failedCheck;
    }),
  );

program
  .command('state <type> <id>')
  .description('an aggregate as the deciders saw it at a revision or as of an instant (default: now), as JSON; <type> is its stream prefix (student, organisation, academic-years…)')
  .option('--as-of <instant>', 'the events that occurred at or before this instant (ISO 8601 with a zone)')
  .option('--at-revision <n>', 'the events up to this revision (0-based)')
  .action((type: string, id: string, options: { asOf?: string; atRevision?: string }) => {
    const point = historyPoint(options.atRevision, options.asOf);
    if ('invalid' in point) throw new CommanderError(EXIT.usage, 'usage', point.invalid.replace('atRevision', '--at-revision').replace('asOf', '--as-of'));
    return withLedger(async (ledger) => {
      try {
        process.stdout.write(`${JSON.stringify(await ledger.get(AggregateStates).stateOf(type, id, point), null, 2)}\n`);
        return EXIT.ok;
      } catch (error) {
        if (!(error instanceof ApiError)) throw error;
        process.stderr.write(`${error.message}\n`);
        return EXIT.failedCheck;
      }
    });
  });

program
  .command('history <streamId>')
  .description("a stream's events with who, when and why")
  .action((streamId: string) =>
    withLedger(async (ledger) => {
      const events = ledger.get<EventStore>(EVENT_STORE);
      let count = 0;
      for await (const event of events.readStream(streamId)) {
        const e = auditEvent(upcast(event));
        const who = e.metadata.actor.actingUserId ? `${e.metadata.actor.id} for ${e.metadata.actor.actingUserId}` : e.metadata.actor.id;
        process.stdout.write(`${e.revision}\t${e.metadata.occurredAt}\t${e.type}\tby ${who}\tvia ${e.metadata.command}\t${JSON.stringify(e.data)}\n`);
        count++;
      }
      if (count === 0) {
        process.stderr.write(`Stream ${streamId} has no events\n`);
        return EXIT.failedCheck;
      }
      return EXIT.ok;
    }),
  );

program
  .command('privacy:migrate')
  .description('re-write every student stream written before encryption in sealed form (copy, verify, then remove the clear copy), and claim usernames and state ids under keyed reservation ids; resumable; run it while the service is stopped')
  .action(() =>
    withLedger(async (ledger) => {
      const bar = progress('privacy:migrate');
      const outcome = await runPrivacyMigration(ledger, (done, total) => bar.update(done, total));
      bar.stop();
      process.stdout.write(
        `privacy:migrate: ${outcome.streamsRewritten} streams re-written (${outcome.eventsSealed} events sealed), ${outcome.reservationsClaimed} reservations claimed under keyed ids\n`,
      );
      for (const conflict of outcome.reservationConflicts) process.stdout.write(`privacy:migrate: ${conflict.streamId}: its ${conflict.kind} is held by another student\n`);
      return outcome.reservationConflicts.length > 0 ? EXIT.failedCheck : EXIT.ok;
    }),
  );

importCommands(program, withLedger);
importClaimsCommand(program, withLedger);

program.parseAsync(process.argv).catch((error: unknown) => {
  if (error instanceof CommanderError) {
    // Commander has already printed its own usage errors; ours carry their message.
    if (error.code === 'usage') process.stderr.write(`${error.message}\n`);
    process.exitCode = error.exitCode === 0 ? EXIT.ok : EXIT.usage;
    return;
  }
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = EXIT.failedCheck;
});
