import fc from 'fast-check';
import { recorded } from '../../test/support/event-builders';
import type { EventStore } from '../../src/event-store/event-store.port';
import { SqliteDocumentStore } from '../../src/read-store/embedded/sqlite-document-store';
import type { DomainEvent, RecordedEvent } from '../../src/shared/event';
import { ProjectionRunner } from '../subscription/projection-runner';
import { attributed, classroomCreated, classroomSubjects, cleared, enrollment, StreamEvent, work, admitted } from './work-attribution.event-builders';
import { workAttributionProjection } from './work-attribution.projector';
import { classroomWork, schoolWork, studentWork } from './work-attribution.queries';
import { workAttributionCollections } from './work-attribution.read-model';

/** Two schools; every student is admitted to one of them for the whole term and enrolled only in its classrooms. */
const SCHOOL_OF_CLASSROOM: Record<string, string> = { 'c-1': 's-1', 'c-2': 's-1', 'c-3': 's-1', 'c-4': 's-2', 'c-5': 's-2' };
const SCHOOL_OF_STUDENT: Record<string, string> = { 'p-1': 's-1', 'p-2': 's-1', 'p-3': 's-2' };
const CLASSROOMS = Object.keys(SCHOOL_OF_CLASSROOM);
const STUDENTS = Object.keys(SCHOOL_OF_STUDENT);
const SUBJECTS = ['math', 'reading', 'science'];
const day = (n: number) => new Date(Date.UTC(2025, 8, 1 + n)).toISOString().slice(0, 10);
const classroomsOf = (studentId: string) => CLASSROOMS.filter((c) => SCHOOL_OF_CLASSROOM[c] === SCHOOL_OF_STUDENT[studentId]);

type Op =
  | { kind: 'enroll'; student: number; classroom: number; begin: number; length: number | null }
  | { kind: 'change'; pick: number; begin: number; length: number | null }
  | { kind: 'end'; pick: number; length: number }
  | { kind: 'cancel'; pick: number }
  | { kind: 'subjects'; classroom: number; subjects: string[] }
  | { kind: 'work'; student: number; day: number; hour: number; subject: string | null; reported: number | null; minutes: number; points: number; score: number | null }
  | { kind: 'attribute'; pick: number; classroom: number }
  | { kind: 'clear'; pick: number };

const span = { begin: fc.nat(19), length: fc.option(fc.integer({ min: 1, max: 20 }), { nil: null }) };
// Weighted towards work and enrollment changes: the moves re-attribution must get right.
const opArbitrary: fc.Arbitrary<Op> = fc.oneof(
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('enroll' as const), student: fc.nat(), classroom: fc.nat(), ...span }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('change' as const), pick: fc.nat(), ...span }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('end' as const), pick: fc.nat(), length: fc.integer({ min: 1, max: 20 }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('cancel' as const), pick: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('subjects' as const), classroom: fc.nat(), subjects: fc.subarray(SUBJECTS) }) },
  {
    weight: 5,
    arbitrary: fc.record({
      kind: fc.constant('work' as const), student: fc.nat(), day: fc.nat(19), hour: fc.nat(23),
      subject: fc.option(fc.constantFrom(...SUBJECTS), { nil: null }), reported: fc.option(fc.nat(), { nil: null }),
      minutes: fc.nat(60), points: fc.nat(20), score: fc.option(fc.nat(100), { nil: null }),
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('attribute' as const), pick: fc.nat(), classroom: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('clear' as const), pick: fc.nat() }) },
);

/** The history a sequence of operations makes, as the aggregates would allow it (ends after begins, no overlaps needed). */
function historyOf(ops: Op[]): StreamEvent[] {
  const events: StreamEvent[] = [
    ...CLASSROOMS.map((c, i) => classroomCreated(c, SCHOOL_OF_CLASSROOM[c], [SUBJECTS[i % SUBJECTS.length]])),
    ...STUDENTS.map((p) => admitted(p, SCHOOL_OF_STUDENT[p], day(0))),
  ];
  const live: { life: ReturnType<typeof enrollment>; begin: number }[] = [];
  const done: { studentId: string; workId: string }[] = [];
  for (const op of ops) {
    const end = (begin: number, length: number | null) => (length === null ? undefined : day(begin + length));
    if (op.kind === 'enroll') {
      const studentId = STUDENTS[op.student % STUDENTS.length];
      const mine = classroomsOf(studentId);
      const classroomId = mine[op.classroom % mine.length];
      const life = enrollment(`e-${events.length}`, studentId, classroomId, SCHOOL_OF_CLASSROOM[classroomId]);
      live.push({ life, begin: op.begin });
      events.push(life.started(day(op.begin), end(op.begin, op.length)));
    } else if (op.kind === 'change' || op.kind === 'end' || op.kind === 'cancel') {
      if (live.length === 0) continue;
      const at = op.pick % live.length;
      const { life, begin } = live[at];
      if (op.kind === 'change') {
        live[at] = { life, begin: op.begin };
        events.push(life.changed(day(op.begin), end(op.begin, op.length)));
      } else if (op.kind === 'end') {
        events.push(life.ended(day(begin + op.length)));
      } else {
        events.push(life.cancelled());
        live.splice(at, 1);
      }
    } else if (op.kind === 'subjects') {
      const classroomId = CLASSROOMS[op.classroom % CLASSROOMS.length];
      events.push(classroomSubjects(classroomId, SCHOOL_OF_CLASSROOM[classroomId], op.subjects));
    } else if (op.kind === 'work') {
      const studentId = STUDENTS[op.student % STUDENTS.length];
      const workId = `w-${events.length}`;
      done.push({ studentId, workId });
      events.push(
        work(studentId, workId, `${day(op.day)}T${String(op.hour).padStart(2, '0')}:30:00Z`, {
          minutes: op.minutes,
          points: op.points,
          ...(op.subject ? { subject: op.subject } : {}),
          ...(op.reported !== null ? { classroomId: CLASSROOMS[op.reported % CLASSROOMS.length] } : {}),
          ...(op.score !== null ? { score: op.score } : {}),
        }),
      );
    } else if (done.length > 0) {
      const { studentId, workId } = done[op.pick % done.length];
      const mine = classroomsOf(studentId);
      events.push(op.kind === 'attribute' ? attributed(studentId, workId, mine[op.classroom % mine.length]) : cleared(studentId, workId, 'c-any'));
    }
  }
  return events;
}

interface OracleWork {
  studentId: string;
  workId: string;
  day: string;
  subject: string | null;
  reported: string | null;
  minutes: number;
  points: number;
  explicit: string | null;
}

/** A second, naive implementation of work.md's rules over the whole history so far: what the read model must agree with. */
function oracle(events: DomainEvent[]) {
  const enrollments = new Map<string, { studentId: string; classroomId: string; begin: string; end: string | null }>();
  const subjects = new Map<string, string[]>();
  const works = new Map<string, OracleWork>();
  for (const { type, data } of events as { type: string; data: any }[]) {
    if (type === 'ClassroomCreated' || type === 'ClassroomUpdated') subjects.set(data.classroomId, data.subjects);
    if (type === 'EnrollmentStarted' || type === 'EnrollmentDatesChanged' || type === 'EnrollmentEnded') {
      enrollments.set(data.enrollmentId, { studentId: data.studentId, classroomId: data.classroomId, begin: data.beginDate, end: data.endDate ?? null });
    }
    if (type === 'EnrollmentCancelled') enrollments.delete(data.enrollmentId);
    if (type === 'StudentWorkRecorded') {
      works.set(`${data.studentId}|${data.workId}`, {
        studentId: data.studentId, workId: data.workId, day: data.completedAt.slice(0, 10), subject: data.subject ?? null,
        reported: data.classroomId ?? null, minutes: data.minutes ?? 0, points: data.points ?? 0, explicit: null,
      });
    }
    if (type === 'StudentWorkAttributed') works.get(`${data.studentId}|${data.workId}`)!.explicit = data.classroomId;
    if (type === 'StudentWorkAttributionCleared') works.get(`${data.studentId}|${data.workId}`)!.explicit = null;
  }
  const verdict = (w: OracleWork): { classroomId: string | null; why: string } => {
    if (w.explicit) return { classroomId: w.explicit, why: 'explicit' };
    const covering = [...new Set([...enrollments.values()].filter((e) => e.studentId === w.studentId && e.begin <= w.day && (e.end === null || w.day < e.end)).map((e) => e.classroomId))];
    if (w.reported && covering.includes(w.reported)) return { classroomId: w.reported, why: 'reported' };
    const teaching = covering.filter((c) => w.subject !== null && (subjects.get(c) ?? []).includes(w.subject));
    if (teaching.length === 1) return { classroomId: teaching[0], why: 'subject' };
    if (covering.length === 1) return { classroomId: covering[0], why: 'single' };
    return { classroomId: null, why: w.reported ? 'reported_not_enrolled' : covering.length === 0 ? 'no_enrollment' : 'ambiguous' };
  };
  return [...works.values()].map((w) => ({ ...w, ...verdict(w) }));
}

const sumOf = (list: { minutes: number; points: number }[]) => ({
  items: list.length,
  minutes: list.reduce((s, w) => s + w.minutes, 0),
  points: list.reduce((s, w) => s + w.points, 0),
});
const figures = (t: { items: number; minutes: number; points: number }) => ({ items: t.items, minutes: t.minutes, points: t.points });

async function documentsOf(store: SqliteDocumentStore) {
  const out: Record<string, unknown> = {};
  for (const name of Object.keys(workAttributionCollections)) out[name] = (await store.collection(name).entries({ limit: 100_000 })).map(({ id, doc }) => [id, doc]);
  return out;
}

async function runnerOn(store: SqliteDocumentStore): Promise<ProjectionRunner> {
  const runner = new ProjectionRunner(workAttributionProjection, {} as EventStore, store);
  await runner.prepare();
  return runner;
}

describe('work-attribution on generated histories', () => {
  it('at every step: per school, Σ classrooms + unattributed = Σ all work; every item as a naive re-run decides; a rebuild from zero equals the live documents', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(opArbitrary, { minLength: 1, maxLength: 30 }), fc.integer({ min: 1, max: 7 }), async (ops, batch) => {
        const history: RecordedEvent[] = recorded(historyOf(ops));
        const live = SqliteDocumentStore.open({ file: ':memory:' });
        const rebuilt = SqliteDocumentStore.open({ file: ':memory:' });
        try {
          const runner = await runnerOn(live);
          for (let i = 0; i < history.length; i++) {
            await runner.applyBatch([history[i]]);
            const expected = oracle(history.slice(0, i + 1));
            for (const schoolId of ['s-1', 's-2']) {
              const school = await schoolWork(live, schoolId, {});
              const answered = [...school.classrooms.map((c) => c.totals), school.unattributed.totals].reduce(
                (s, t) => ({ items: s.items + t.items, minutes: s.minutes + t.minutes, points: s.points + t.points }),
                { items: 0, minutes: 0, points: 0 },
              );
              expect({ schoolId, answered }).toEqual({ schoolId, answered: sumOf(expected.filter((w) => SCHOOL_OF_STUDENT[w.studentId] === schoolId)) });
              for (const reason of ['no_enrollment', 'ambiguous', 'reported_not_enrolled'] as const) {
                const mine = expected.filter((w) => w.why === reason && SCHOOL_OF_STUDENT[w.studentId] === schoolId);
                expect(figures(school.unattributed.byReason[reason])).toEqual(sumOf(mine));
              }
            }
            for (const classroomId of CLASSROOMS) {
              const answer = await classroomWork(live, classroomId, {});
              expect({ classroomId, totals: answer ? figures(answer.totals) : sumOf([]) }).toEqual({ classroomId, totals: sumOf(expected.filter((w) => w.classroomId === classroomId)) });
            }
            for (const studentId of STUDENTS) {
              const { items } = await studentWork(live, studentId, {}, { limit: 1000, offset: 0 });
              const mine = expected.filter((w) => w.studentId === studentId).sort((a, b) => (a.workId < b.workId ? -1 : 1));
              expect(items.map((w) => [w.workId, w.classroomId, w.rule === 'unattributed' ? w.reason : w.rule]).sort()).toEqual(
                mine.map((w) => [w.workId, w.classroomId, w.why]).sort(),
              );
            }
          }
          const fresh = await runnerOn(rebuilt);
          for (let from = 0; from < history.length; from += batch) await fresh.applyBatch(history.slice(from, from + batch));
          expect(await documentsOf(rebuilt)).toEqual(await documentsOf(live));
        } finally {
          await live.close();
          await rebuilt.close();
        }
      }),
      { numRuns: 60 },
    );
  }, 120_000);
});
