import 'reflect-metadata';
import { readFileSync } from 'node:fs';
import { ProjectionsService } from '../../projections/subscription/projections.service';
import { startInProcessApp } from '../support/app';
import { secondsSince } from '../support/measure';
import { profiled } from '../support/profile';

export interface RebuildAllFigures {
  seconds: number;
  projections: { name: string; seconds: number; eventsRead: number }[];
  /** The kernel's high-water mark of this process's RSS (VmHWM), MB; the sampled peak where /proc is missing. */
  peakRssMb: number;
  rssAfterStartMb: number;
}

const mb = (bytes: number) => bytes / 2 ** 20;

function highWaterMb(): number | null {
  try {
    const line = readFileSync('/proc/self/status', 'utf8').split('\n').find((l) => l.startsWith('VmHWM:'));
    return line ? Number(line.replace(/\D+/g, '')) / 1024 : null;
  } catch {
    return null;
  }
}

/**
 * Child-process entry (`node rebuild-million.child.js <dataDir>`): what `ledger projections:rebuild` does
 * (the app with PROJECTIONS=off, every projection rebuilt in turn), in a process of its own so its peak
 * RSS is the rebuild's. Prints the figures as JSON on the last line.
 */
async function main(): Promise<void> {
  const [dataDir] = process.argv.slice(2);
  let sampled = process.memoryUsage().rss;
  const sampler = setInterval(() => (sampled = Math.max(sampled, process.memoryUsage().rss)), 100);
  const app = await startInProcessApp(dataDir, 'off');
  const rssAfterStartMb = mb(process.memoryUsage().rss);
  const projections = app.get(ProjectionsService);
  const figures: RebuildAllFigures['projections'] = [];
  const start = process.hrtime.bigint();
  try {
    for (const name of projections.names()) {
      const t0 = process.hrtime.bigint();
      const outcome = await profiled(`m-rebuild-${name}`, () => projections.rebuild(name));
      figures.push({ name, seconds: secondsSince(t0), eventsRead: outcome.eventsRead });
    }
  } finally {
    await app.close();
    clearInterval(sampler);
  }
  const seconds = secondsSince(start);
  const result: RebuildAllFigures = { seconds, projections: figures, peakRssMb: highWaterMb() ?? mb(sampled), rssAfterStartMb };
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

main().catch((error) => {
  process.stderr.write(String(error?.stack ?? error));
  process.exit(1);
});
