import type { EventStore } from '../../src/event-store/event-store.port';
import { DOCUMENT_STORE, DocumentStore } from '../../src/read-store/document-store.port';
import type { RecordedEvent } from '../../src/shared/event';
import { newId } from '../../src/shared/ids';
import { studentStream } from '../../src/students/student.stream';
import { ProjectionRunner } from '../../projections/subscription/projection-runner';
import { rostersProjection } from '../../projections/rosters/rosters.projector';
import { schoolStudents } from '../../projections/rosters/rosters.queries';
import { BENCH_DISTRICT, BENCH_TOKEN, injector, startInProcessApp } from '../support/app';
import { latencies, percentile, round, secondsSince } from '../support/measure';
import { profiled } from '../support/profile';
import { sampleMetadata, studentAdmittedData, studentRegisteredData } from '../support/sample-events';
import { scaled } from '../support/scale';
import { withTempDir } from '../support/temp-dir';
import type { BenchRow } from '../types';

const STUDENTS = scaled(1_000_000, 10_000);
const PER_SCHOOL = 2_000;
const QUERIES = 100;
/** Events handed to the projector per transaction, as a rebuild does. */
const BATCH = 5_000;

/**
 * The rosters read model of STUDENTS students (PER_SCHOOL a school), made by the rosters projector itself
 * from StudentRegistered + StudentAdmittedToSchool events built in memory: the documents are exactly what
 * the service writes, without first writing (and reading back) 2 million events.
 */
async function fillRosters(documents: DocumentStore, schools: string[]): Promise<number> {
  const runner = new ProjectionRunner(rostersProjection, {} as EventStore, documents);
  await runner.prepare();
  const metadata = { registered: sampleMetadata('RegisterStudent'), admitted: sampleMetadata('AdmitStudentToSchool') };
  let position = 0n;
  const recorded = (streamId: string, revision: bigint, type: string, data: unknown, meta: RecordedEvent['metadata']): RecordedEvent => ({
    eventId: newId(), streamId, type, data, metadata: meta, revision, position: ++position,
  });
  const start = process.hrtime.bigint();
  for (let from = 0; from < STUDENTS; from += BATCH / 2) {
    const batch: RecordedEvent[] = [];
    for (let i = from; i < Math.min(STUDENTS, from + BATCH / 2); i++) {
      const studentId = newId();
      const stream = studentStream(studentId);
      batch.push(recorded(stream, 0n, 'StudentRegistered', studentRegisteredData(i, studentId, BENCH_DISTRICT), metadata.registered));
      batch.push(recorded(stream, 1n, 'StudentAdmittedToSchool', studentAdmittedData(i, studentId, schools[i % schools.length]), metadata.admitted));
    }
    await runner.applyBatch(batch);
  }
  await documents.optimize();
  return secondsSince(start);
}

/** (n) Row f's queries with 1,000,000 students in the store: does a school roster stay fast as the district grows? */
export async function rosterMillion(): Promise<BenchRow[]> {
  return withTempDir('n', async (dir) => {
    const app = await startInProcessApp(dir, 'off');
    try {
      const documents = app.get<DocumentStore>(DOCUMENT_STORE);
      const schools = Array.from({ length: Math.max(1, Math.round(STUDENTS / PER_SCHOOL)) }, () => newId());
      const fillSeconds = await fillRosters(documents, schools);
      const asOf = new Date().toISOString().slice(0, 10);
      const school = (i: number) => schools[(i * 7) % schools.length];
      const first = await schoolStudents(documents, school(0), { asOf }, { limit: 1000, offset: 0 });
      const page = await profiled('n-page', () => latencies(QUERIES, (i) => schoolStudents(documents, school(i), { asOf }, { limit: 100, offset: 0 })));
      const whole = await profiled('n-all', () =>
        latencies(QUERIES, async (i) => {
          for (let offset = 0; offset < first.total; offset += 1000) await schoolStudents(documents, school(i), { asOf }, { limit: 1000, offset });
        }),
      );
      const inject = injector(app);
      const overHttp = await latencies(QUERIES, async (i) => {
        const answer = await inject({ method: 'GET', url: `/v1/schools/${school(i)}/students?asOf=${asOf}&limit=100`, headers: { authorization: `Bearer ${BENCH_TOKEN}` } });
        if (answer.statusCode !== 200) throw new Error(`GET school roster answered ${answer.statusCode}: ${answer.body.slice(0, 200)}`);
      });
      const extra =
        `${STUDENTS.toLocaleString('en')} students in ${schools.length} schools (${first.total.toLocaleString('en')} in each), ${QUERIES} queries each; ` +
        `read model made by the rosters projector in ${fillSeconds.toFixed(1)} s (${round((2 * STUDENTS) / fillSeconds).toLocaleString('en')} events/s, batches of ${BATCH})`;
      return [
        { id: 'n-page-p99', name: `school roster first page (100) with ${STUDENTS.toLocaleString('en')} students in the store: p99`, value: round(percentile(page, 99), 2), unit: 'ms', extra: `p50 ${round(percentile(page, 50), 2)} ms; ${extra}`, profiles: ['n-page'] },
        { id: 'n-all-p99', name: `whole ${first.total.toLocaleString('en')}-student roster (pages of 1,000) with ${STUDENTS.toLocaleString('en')} students in the store: p99`, value: round(percentile(whole, 99), 2), unit: 'ms', target: { below: 20 }, extra: `p50 ${round(percentile(whole, 50), 2)} ms`, profiles: ['n-all'] },
        { id: 'n-http-p99', name: 'the first page over HTTP (inject, a * token): p99', value: round(percentile(overHttp, 99), 2), unit: 'ms', extra: `p50 ${round(percentile(overHttp, 50), 2)} ms` },
      ];
    } finally {
      await app.close();
    }
  });
}
