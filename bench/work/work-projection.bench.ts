import { join } from 'node:path';
import type { EventStore } from '../../src/event-store/event-store.port';
import { SqliteDocumentStore } from '../../src/read-store/embedded/sqlite-document-store';
import type { RecordedEvent } from '../../src/shared/event';
import { ProjectionRunner } from '../../projections/subscription/projection-runner';
import { admitted, classroomCreated, enrollment, StreamEvent, work } from '../../projections/work-attribution/work-attribution.event-builders';
import { workAttributionProjection } from '../../projections/work-attribution/work-attribution.projector';

const STUDENTS = 100;
const WORK_PER_STUDENT = 200;
const BATCH = 500;

export interface ProjectionFigures {
  workEvents: number;
  workEventsPerSecond: number;
  /** One backdated enrollment re-attributing a student's work (WORK_PER_STUDENT items over 50 days). */
  reattributionMs: number;
  reattributedItems: number;
}

function recordedFrom(events: StreamEvent[], first: bigint): RecordedEvent[] {
  const metadata = { occurredAt: new Date().toISOString(), actor: { type: 'system' as const, id: 'bench' }, correlationId: 'bench', causationId: 'bench', command: 'Bench', schemaVersion: 1 };
  return events.map((e, i) => ({ eventId: `bench-${first + BigInt(i)}`, streamId: e.streamId, type: e.type, data: e.data, metadata, revision: 0n, position: first + BigInt(i) }));
}

const day = (n: number) => new Date(Date.UTC(2025, 8, 1 + n)).toISOString().slice(0, 10);

/** A school of STUDENTS students, each in two of four classrooms from day 10 on, each doing WORK_PER_STUDENT items over 50 days. */
function schoolTerm() {
  const setting: StreamEvent[] = [
    classroomCreated('c-math', 's-1', ['math']),
    classroomCreated('c-read', 's-1', ['reading']),
    classroomCreated('c-sci', 's-1', ['science']),
    classroomCreated('c-home', 's-1', []),
  ];
  const classrooms = ['c-math', 'c-read', 'c-sci', 'c-home'];
  for (let s = 0; s < STUDENTS; s++) {
    setting.push(admitted(`p-${s}`, 's-1', day(0)));
    for (const c of [classrooms[s % 4], classrooms[(s + 1) % 4]]) setting.push(enrollment(`e-${s}-${c}`, `p-${s}`, c, 's-1').started(day(10)));
  }
  const works: StreamEvent[] = [];
  for (let i = 0; i < WORK_PER_STUDENT; i++) {
    for (let s = 0; s < STUDENTS; s++) {
      const subject = ['math', 'reading', 'science', 'art'][(i + s) % 4];
      works.push(work(`p-${s}`, `w-${i}`, `${day(Math.floor((i * 50) / WORK_PER_STUDENT))}T${String(8 + (i % 8)).padStart(2, '0')}:15:00Z`, { subject, minutes: 5 + (i % 20), points: i % 10, score: (i * 7) % 101 }));
    }
  }
  return { setting, works };
}

/** (a) Work events through the work-attribution projector on the embedded store, in the runner's batches (one transaction each). */
export async function projectionThroughput(dir: string): Promise<ProjectionFigures> {
  const documents = SqliteDocumentStore.open({ file: join(dir, 'read-models.sqlite') });
  try {
    const runner = new ProjectionRunner(workAttributionProjection, {} as EventStore, documents);
    await runner.prepare();
    const { setting, works } = schoolTerm();
    const first = recordedFrom(setting, 1n);
    await runner.applyBatch(first);
    const timed = recordedFrom(works, BigInt(first.length + 1));
    const started = process.hrtime.bigint();
    for (let from = 0; from < timed.length; from += BATCH) await runner.applyBatch(timed.slice(from, from + BATCH));
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    const late = recordedFrom([enrollment('e-late', 'p-0', 'c-sci', 's-1').started(day(0), day(10))], BigInt(first.length + timed.length + 1));
    const reattributionStarted = process.hrtime.bigint();
    await runner.applyBatch(late);
    const reattributionMs = Number(process.hrtime.bigint() - reattributionStarted) / 1e6;
    return { workEvents: timed.length, workEventsPerSecond: timed.length / seconds, reattributionMs, reattributedItems: WORK_PER_STUDENT / 5 };
  } finally {
    await documents.close();
  }
}
