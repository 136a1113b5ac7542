import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BenchRow, Section } from '../types';
import { COLD_RUNS, coldProfileLabel, usernameChangeLatency } from './username-change.bench';
import { foldMs } from './work-fold.bench';
import { projectionThroughput } from './work-projection.bench';

const round = (value: number, digits = 0) => Math.round(value * 10 ** digits) / 10 ** digits;

/** Student work figures: (a) work events projected per second; (b) ChangeStudentUsername latency with 0 and 20,000 work items, cold and warm; folding 1,000 and 10,000 work events. */
export async function workBench(): Promise<BenchRow[]> {
  const dir = mkdtempSync(join(tmpdir(), 'ledger-bench-work-'));
  try {
    const projection = await projectionThroughput(dir);
    const latency = await usernameChangeLatency(dir);
    const [fold1k, fold10k] = [foldMs(1000), foldMs(10_000)];
    return [
      { id: 'work-fold-1000', name: 'Folding 1,000 StudentWorkRecorded onto a student (evolve)', value: round(fold1k, 2), unit: 'ms', extra: 'best of 5, in process' },
      { id: 'work-fold-10000', name: 'Folding 10,000 StudentWorkRecorded onto a student (evolve)', value: round(fold10k, 2), unit: 'ms', extra: 'best of 5, in process; ten times the events should take about ten times as long' },
      { id: 'work-a', name: 'Work events projected (work-attribution, embedded store)', value: round(projection.workEventsPerSecond), unit: 'events/s', extra: `${projection.workEvents.toLocaleString('en')} StudentWorkRecorded, batches of 500` },
      { id: 'work-a-reattribute', name: 'Backdated enrollment re-attributing one student’s work', value: round(projection.reattributionMs, 1), unit: 'ms', extra: `${projection.reattributedItems} items moved, 200 read` },
      ...latency.flatMap((f) => [
        { id: `work-b-${f.workItems}-cold`, name: `ChangeStudentUsername, ${f.workItems.toLocaleString('en')} work items, cold (fresh process)`, value: round(f.coldMs, 1), unit: 'ms', extra: 'median of 5 fresh processes; the first folds the whole stream and writes a snapshot, the others load it plus the tail', profiles: Array.from({ length: COLD_RUNS }, (_, r) => coldProfileLabel(f.workItems, r)) },
        { id: `work-b-${f.workItems}-warm`, name: `ChangeStudentUsername, ${f.workItems.toLocaleString('en')} work items, warm (state cache)`, value: round(f.warmMs, 2), unit: 'ms', extra: `median of 300; p95 ${round(f.warmP95Ms, 2)} ms` },
      ]),
    ];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** For `bench/run.ts`'s list of sections. */
export const workSection: Section = { id: 'w', title: 'Student work: projection rate, username change with 20,000 work items', run: workBench };

// `node dist/bench/work/work-bench.js` prints the figures on their own.
if (require.main === module) {
  workBench().then(
    (rows) => console.table(rows.map(({ id, value, unit, extra }) => ({ id, value, unit, extra }))),
    (error) => {
      console.error(error);
      process.exit(1);
    },
  );
}
