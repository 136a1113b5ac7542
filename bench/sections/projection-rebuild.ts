import { EVENT_STORE, EventStore, RAW_EVENT_STORE } from '../../src/event-store/event-store.port';
import { DOCUMENT_STORE, DocumentStore } from '../../src/read-store/document-store.port';
import { ProjectionsService } from '../../projections/subscription/projections.service';
import { DISTRICT_STUDENTS, SCHOOL_STUDENTS } from '../../projections/rosters/rosters.read-model';
import { startInProcessApp } from '../support/app';
import { cpuSince, round, secondsSince } from '../support/measure';
import { generateStudentLog } from '../support/student-log';
import { profiled } from '../support/profile';
import { withTempDir } from '../support/temp-dir';
import type { BenchRow } from '../types';
import { scaled } from '../support/scale';

const STUDENTS = scaled(50_000, 1_000);
const SCHOOLS = 20;
const IN_FLIGHT = 1_000;
/** Rebuilt in this order; only `rosters` has a target. */
const READ_MODELS = ['rosters', 'student-records', 'organisations'];
/** Also rebuilt from the same log written without sealing, right after: what decrypting costs them (issue 12: at most 15%). */
const ALSO_CLEAR = new Set(['rosters', 'student-records']);

/** (e) Rebuilding read models from a 100k-event log: `ProjectionsService.rebuild(name)` (shadow collections, then swap). */
export async function projectionRebuild(): Promise<BenchRow[]> {
  return withTempDir('e', (dir) => withTempDir('e-clear', (clearDir) => rebuilds(dir, clearDir)));
}

/** `ProjectionsService.rebuild(name)`, profiled as `label`: events read per second, and what it read in how long at what CPU cost. */
async function timedRebuild(projections: ProjectionsService, name: string, label: string): Promise<{ rate: number; extra: string }> {
  const cpu = process.cpuUsage();
  const start = process.hrtime.bigint();
  const { eventsRead } = await profiled(label, () => projections.rebuild(name));
  const seconds = secondsSince(start);
  return { rate: eventsRead / seconds, extra: `${eventsRead.toLocaleString('en')} events read in ${seconds.toFixed(2)} s, CPU ${cpuSince(cpu, eventsRead)} µs/event` };
}

async function rebuilds(dir: string, clearDir: string): Promise<BenchRow[]> {
  // PROJECTIONS=off: no live runner reads the log while the rebuilds are timed.
  const app = await startInProcessApp(dir, 'off');
  // The same log appended to the adapter itself (nothing sealed), read through the same decrypting store, which passes it through.
  const clearApp = await startInProcessApp(clearDir, 'off');
  try {
    const store = app.get<EventStore>(EVENT_STORE);
    const documents = app.get<DocumentStore>(DOCUMENT_STORE);
    const projections = app.get(ProjectionsService);
    // The log without sealing first, so the sealed log is written last, right before e-rosters, as it always was:
    // the first rebuild after a log is written pays for its writeback, which this keeps e-rosters comparable across runs.
    await generateStudentLog(clearApp.get<EventStore>(RAW_EVENT_STORE), STUDENTS, SCHOOLS, IN_FLIGHT);
    const cpu0 = process.cpuUsage();
    const log = await generateStudentLog(store, STUDENTS, SCHOOLS, IN_FLIGHT);
    const rows: BenchRow[] = [
      {
        id: 'e-gen',
        name: `generating the log: EventStore.append of 2 events, ${IN_FLIGHT} in flight`,
        value: round(log.events / log.seconds),
        unit: 'events/s',
        extra:
          `${log.events.toLocaleString('en')} events (${STUDENTS.toLocaleString('en')} students registered and admitted, ${SCHOOLS} schools) ` +
          `in ${log.seconds.toFixed(2)} s, CPU ${cpuSince(cpu0, log.events)} µs/event`,
      },
    ];
    for (const name of READ_MODELS) {
      const rebuilt = await timedRebuild(projections, name, `e-${name}`);
      let extra = rebuilt.extra;
      if (name === 'rosters') {
        const directory = await documents.collection(DISTRICT_STUDENTS).count();
        const schools = await documents.collection(SCHOOL_STUDENTS).count();
        extra += `; ${directory.toLocaleString('en')} ${DISTRICT_STUDENTS} + ${schools.toLocaleString('en')} ${SCHOOL_STUDENTS} documents`;
        if (directory !== STUDENTS || schools !== STUDENTS) extra += ' (WRONG COUNT)';
      }
      rows.push({
        id: `e-${name}`,
        name: `rebuild of the ${name} read model from ${Math.round(log.events / 1000)}k events`,
        value: round(rebuilt.rate),
        unit: 'events/s',
        ...(name === 'rosters' ? { target: { atLeast: 30_000 } } : name === 'student-records' ? { target: { atLeastFractionOf: { row: 'e-student-records-clear', fraction: 0.87 } } } : {}),
        profiles: [`e-${name}`],
        extra,
      });
      if (!ALSO_CLEAR.has(name)) continue;
      const clear = await timedRebuild(clearApp.get(ProjectionsService), name, `e-${name}-clear`);
      rows.push({
        id: `e-${name}-clear`,
        name: `the same rebuild from the log written without sealing (nothing to decrypt)`,
        value: round(clear.rate),
        unit: 'events/s',
        profiles: [`e-${name}-clear`],
        extra: clear.extra,
      });
    }
    return rows;
  } finally {
    await app.close();
    await clearApp.close();
  }
}
