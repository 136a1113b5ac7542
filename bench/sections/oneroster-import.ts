import { mkdirSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { OneRosterImporter } from '../../src/interchange/oneroster/oneroster.importer';
import { ImportReport } from '../../src/interchange/oneroster/oneroster.report';
import { openPackage } from '../../src/interchange/oneroster/oneroster.source';
import { startInProcessApp } from '../support/app';
import { round, secondsSince } from '../support/measure';
import { profiled } from '../support/profile';
import { BENCH_SIZE, SyntheticSize, writeSyntheticPackage } from '../support/oneroster-package';
import { withTempDir } from '../support/temp-dir';
import type { BenchRow } from '../types';
import { scaled } from '../support/scale';

/** `BENCH_IMPORT_USERS=10000 npm run bench -- --only=i` tries a smaller package (the other sizes scale with it). */
function size(): SyntheticSize {
  const users = Number(process.env.BENCH_IMPORT_USERS ?? scaled(BENCH_SIZE.users, 1_000));
  const scale = users / BENCH_SIZE.users;
  return { users, schools: BENCH_SIZE.schools, classes: Math.max(BENCH_SIZE.schools, Math.round(BENCH_SIZE.classes * scale)), enrollments: Math.round(BENCH_SIZE.enrollments * scale) };
}

interface TimedImport {
  report: ImportReport;
  seconds: number;
  peakRssMb: number;
  /** CPU time of this process per row: what the import costs, less sensitive than rows/s to other work on the machine. */
  cpuMicrosPerRow: number;
  /** The 1-minute load average when the import ended (≈ 1 is this process alone on the 2 cores). */
  load: number;
}

async function timedImport(label: string, importer: OneRosterImporter, folder: string, rows: number): Promise<TimedImport> {
  let peak = process.memoryUsage().rss;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 100);
  const start = process.hrtime.bigint();
  const cpu = process.cpuUsage();
  try {
    const report = await profiled(label, async () => importer.run(await openPackage(folder), { actor: { type: 'system', id: 'bench' }, today: '2025-10-01' }));
    const used = process.cpuUsage(cpu);
    return {
      report, seconds: secondsSince(start), peakRssMb: Math.round(Math.max(peak, process.memoryUsage().rss) / 1024 / 1024),
      cpuMicrosPerRow: Math.round((used.user + used.system) / rows), load: loadavg()[0],
    };
  } finally {
    clearInterval(sampler);
  }
}

const conditions = (run: TimedImport) => `CPU ${run.cpuMicrosPerRow} µs/row (${Math.round(1e6 / run.cpuMicrosPerRow).toLocaleString('en')} rows per CPU-second), load ${run.load.toFixed(1)}`;

const failures = (report: ImportReport) => Object.values(report.counts).reduce((n, c) => n + c.failed, 0);
const summary = (report: ImportReport) =>
  `${report.status}; ${Object.entries(report.counts).map(([f, c]) => `${f.replace('.csv', '')} +${c.created}/~${c.updated}/=${c.unchanged}${c.failed ? `/!${c.failed}` : ''}`).join(', ')}` +
  (failures(report) ? `; first issue: ${report.issues.find((i) => i.severity === 'error')?.message}` : '');

/** (i) A generated OneRoster package imported through the command pipeline (PROJECTIONS=off), then imported again unchanged. */
export async function onerosterImport(): Promise<BenchRow[]> {
  return withTempDir('i', async (dir) => {
    const packageSize = size();
    const folder = join(dir, 'package');
    const { rows } = await writeSyntheticPackage(folder, packageSize);
    mkdirSync(join(dir, 'data'));
    const app = await startInProcessApp(join(dir, 'data'), 'off');
    try {
      const importer = app.get(OneRosterImporter);
      const first = await timedImport('i-first', importer, folder, rows);
      const again = await timedImport('i-again', importer, folder, rows);
      const shape = `${packageSize.users.toLocaleString('en')} users, ${packageSize.schools} schools, ${packageSize.classes.toLocaleString('en')} classes, ${packageSize.enrollments.toLocaleString('en')} enrollments = ${rows.toLocaleString('en')} rows`;
      return [
        {
          id: 'i-first', name: 'OneRoster bulk import, first time (validate + apply through the pipeline, PROJECTIONS=off)', value: round(rows / first.seconds), unit: 'rows/s',
          target: { atLeast: 5000 }, extra: `${shape} in ${first.seconds.toFixed(1)} s; ${conditions(first)}; ${summary(first.report)}`, profiles: ['i-first'],
        },
        { id: 'i-rss', name: 'peak RSS of the process during the first import', value: first.peakRssMb, unit: 'MB', target: { below: 500 }, extra: 'bench process: the app and the importer' },
        {
          id: 'i-again', name: 'the same package again: every row unchanged, nothing appended', value: round(rows / again.seconds), unit: 'rows/s',
          target: { atLeast: 20000 }, extra: `${again.seconds.toFixed(1)} s; ${conditions(again)}; ${summary(again.report)}`, profiles: ['i-again'],
        },
      ];
    } finally {
      await app.close();
    }
  });
}
