import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { EVENT_STORE, EventStore } from '../../src/event-store/event-store.port';
import { startInProcessApp } from '../support/app';
import { round } from '../support/measure';
import { generateMixedLog } from '../support/mixed-log';
import { scaled } from '../support/scale';
import { withTempDir } from '../support/temp-dir';
import type { BenchRow } from '../types';
import type { RebuildAllFigures } from './rebuild-million.child';

const run = promisify(execFile);
const EVENTS = scaled(1_000_000, 20_000);
const RSS_LIMIT_MB = 1024;

/** The rebuild of every projection in a fresh process (what `ledger projections:rebuild` does), its figures from its last stdout line. */
async function rebuildInChild(dataDir: string): Promise<RebuildAllFigures> {
  const entry = join(__dirname, 'rebuild-million.child.js');
  if (!existsSync(entry)) throw new Error(`${entry} is missing: run the bench from the build (npm run bench)`);
  const { stdout } = await run(process.execPath, [entry, dataDir], { maxBuffer: 16 * 2 ** 20 });
  return JSON.parse(stdout.trim().split('\n').pop() ?? '') as RebuildAllFigures;
}

/** (m) Every projection rebuilt from a mixed log of 1,000,000 events: time, and peak RSS of the rebuilding process. */
export async function rebuildMillion(): Promise<BenchRow[]> {
  return withTempDir('m', async (dir) => {
    // The log is written through the service's port (personal data sealed, hash chain), then the app is closed.
    const app = await startInProcessApp(dir, 'off');
    const log = await (async () => {
      try {
        return await generateMixedLog(app.get<EventStore>(EVENT_STORE), EVENTS);
      } finally {
        await app.close();
      }
    })();
    const figures = await rebuildInChild(dir);
    const read = figures.projections.reduce((n, p) => n + p.eventsRead, 0);
    const slowest = [...figures.projections].sort((a, b) => b.seconds - a.seconds);
    const shape = `${log.events.toLocaleString('en')} events (${log.students.toLocaleString('en')} students; ${[...log.types].sort((a, b) => b[1] - a[1]).map(([t, n]) => `${t} ${n.toLocaleString('en')}`).join(', ')})`;
    return [
      {
        id: 'm-gen',
        name: `generating the mixed log through the EventStore port (${log.events.toLocaleString('en')} events)`,
        value: round(log.events / log.seconds),
        unit: 'events/s',
        extra: `${shape}, written in ${log.seconds.toFixed(1)} s`,
      },
      {
        id: 'm-rebuild-all',
        name: `rebuild of all ${figures.projections.length} projections from ${log.events.toLocaleString('en')} events, one after another, in a fresh process`,
        value: round(figures.seconds, 1),
        unit: 's',
        extra:
          `${read.toLocaleString('en')} events read in all (${round(read / figures.seconds).toLocaleString('en')} events/s); slowest first: ` +
          slowest.map((p) => `${p.name} ${p.seconds.toFixed(1)} s`).join(', '),
        profiles: figures.projections.map((p) => `m-rebuild-${p.name}`),
      },
      {
        id: 'm-rebuild-rss',
        name: 'peak RSS of the process rebuilding every projection',
        value: round(figures.peakRssMb),
        unit: 'MB',
        target: { below: RSS_LIMIT_MB },
        extra: `VmHWM of the child process (Nest app with PROJECTIONS=off, as the CLI runs it); ${round(figures.rssAfterStartMb)} MB after the app started`,
        profiles: figures.projections.map((p) => `m-rebuild-${p.name}`),
      },
    ];
  });
}
