import { EVENT_STORE, EventStore } from '../../src/event-store/event-store.port';
import { DOCUMENT_STORE, DocumentStore } from '../../src/read-store/document-store.port';
import { ProjectionsService } from '../../projections/subscription/projections.service';
import { schoolStudents } from '../../projections/rosters/rosters.queries';
import { BENCH_DISTRICT, BENCH_DISTRICT_TOKEN, BENCH_TOKEN, injector, startInProcessApp } from '../support/app';
import { latencies, percentile, round } from '../support/measure';
import { generateStudentLog } from '../support/student-log';
import { withTempDir } from '../support/temp-dir';
import { profiled } from '../support/profile';
import type { BenchRow } from '../types';
import { scaled } from '../support/scale';

const STUDENTS = scaled(100_000, 5_000);
/** 100,000 students over 50 schools: 2,000 students a school. */
const SCHOOLS = 50;
const QUERIES = 300;

/** (f) The school roster of a 2,000-student school in a store of 100,000 students, through the query the endpoint runs. */
export async function rosterQueries(): Promise<BenchRow[]> {
  return withTempDir('f', async (dir) => {
    const app = await startInProcessApp(dir, 'off');
    try {
      const log = await generateStudentLog(app.get<EventStore>(EVENT_STORE), STUDENTS, SCHOOLS, undefined, BENCH_DISTRICT);
      await app.get(ProjectionsService).rebuild('rosters');
      const documents = app.get<DocumentStore>(DOCUMENT_STORE);
      const asOf = new Date().toISOString().slice(0, 10);
      const school = (i: number) => log.schoolIds[i % log.schoolIds.length];
      const first = await schoolStudents(documents, school(0), { asOf }, { limit: 1000, offset: 0 });
      const extra = `${STUDENTS.toLocaleString('en')} students, ${first.total.toLocaleString('en')} in the school queried, ${QUERIES} queries over ${SCHOOLS} schools`;

      const page = await profiled('f-page', () => latencies(QUERIES, (i) => schoolStudents(documents, school(i), { asOf }, { limit: 100, offset: 0 })));
      const whole = await profiled('f-all', () => latencies(QUERIES / 3, async (i) => {
        for (let offset = 0; offset < first.total; offset += 1000) await schoolStudents(documents, school(i), { asOf }, { limit: 1000, offset });
      }));
      // The same first page through the whole HTTP pipeline (Fastify inject: routing, auth, scope rule, query, JSON),
      // from a `*` token and from a token limited to the district, which pays the organisation scope check.
      const inject = injector(app);
      const overHttp = (token: string) => async (i: number) => {
        const answer = await inject({ method: 'GET', url: `/v1/schools/${school(i)}/students?asOf=${asOf}&limit=100`, headers: { authorization: `Bearer ${token}` } });
        if (answer.statusCode !== 200 || answer.body.length < 1000) throw new Error(`GET school roster answered ${answer.statusCode}: ${answer.body.slice(0, 200)}`);
      };
      await latencies(20, overHttp(BENCH_TOKEN));
      await latencies(20, overHttp(BENCH_DISTRICT_TOKEN));
      const star: number[] = [];
      const scoped: number[] = [];
      // Interleaved, so both see the same machine load.
      for (let round = 0; round < QUERIES / 30; round++) {
        star.push(...(await latencies(30, overHttp(BENCH_TOKEN))));
        scoped.push(...(await latencies(30, overHttp(BENCH_DISTRICT_TOKEN))));
      }
      return [
        { id: 'f-http-p50', name: 'the same first page over HTTP (inject), a * token: p50', value: round(percentile(star, 50), 2), unit: 'ms' },
        { id: 'f-http-scoped-p50', name: 'the same first page over HTTP (inject), a token limited to the district: p50', value: round(percentile(scoped, 50), 2), unit: 'ms' },
        { id: 'f-page-p50', name: 'school roster as of today, first page (100) with X-Total-Count: p50', value: round(percentile(page, 50), 2), unit: 'ms', extra },
        { id: 'f-page-p99', name: 'school roster as of today, first page (100) with X-Total-Count: p99', value: round(percentile(page, 99), 2), unit: 'ms', target: { below: 20 }, profiles: ['f-page'] },
        { id: 'f-all-p50', name: 'the whole 2,000-student roster (2 pages of 1,000): p50', value: round(percentile(whole, 50), 2), unit: 'ms' },
        { id: 'f-all-p99', name: 'the whole 2,000-student roster (2 pages of 1,000): p99', value: round(percentile(whole, 99), 2), unit: 'ms', target: { below: 20 }, profiles: ['f-all'] },
      ];
    } finally {
      await app.close();
    }
  });
}
