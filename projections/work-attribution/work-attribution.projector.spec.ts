import { project } from '../../test/support/projector-spec';
import { admitted, attributed, classroomCreated, classroomSubjects, cleared, enrollment, StreamEvent, withdrawn, work } from './work-attribution.event-builders';
import { workAttributionProjection } from './work-attribution.projector';
import { classroomWork, schoolWork, studentWork } from './work-attribution.queries';
import { WORK_ITEMS, workAttributionCollections, WorkItemDocument, workItemId } from './work-attribution.read-model';

const COLLECTIONS = Object.keys(workAttributionCollections);
const ALL = { limit: 1000, offset: 0 };

/** Two classrooms in school s-1 (math, reading) and one in s-2; student p-1 admitted to s-1. */
const setting: StreamEvent[] = [
  classroomCreated('c-math', 's-1', ['Math']),
  classroomCreated('c-read', 's-1', ['reading']),
  classroomCreated('c-other', 's-2', ['math']),
  admitted('p-1', 's-1', '2025-09-01'),
];
const math = enrollment('e-math', 'p-1', 'c-math', 's-1');
const read = enrollment('e-read', 'p-1', 'c-read', 's-1');

async function attributionOf(events: StreamEvent[], workId = 'w-1') {
  const given = await project(workAttributionProjection, [...setting, ...events]);
  const item = await given.get<WorkItemDocument>(WORK_ITEMS, workItemId('p-1', workId));
  await given.close();
  return item && { classroomId: item.classroomId, rule: item.rule, reason: item.reason };
}

describe('work-attribution projector: the rules, first match wins', () => {
  it('rule 1 explicit: the latest attribution not cleared wins over every other rule; clearing goes back to the rules', async () => {
    const both = [math.started('2025-09-01'), read.started('2025-09-01'), work('p-1', 'w-1', '2025-09-10T10:00:00Z', { classroomId: 'c-math', subject: 'math' })];
    expect(await attributionOf([...both, attributed('p-1', 'w-1', 'c-read', 'club work')])).toEqual({ classroomId: 'c-read', rule: 'explicit', reason: 'club work' });
    expect(await attributionOf([...both, attributed('p-1', 'w-1', 'c-read'), attributed('p-1', 'w-1', 'c-other', 'moved')])).toEqual({ classroomId: 'c-other', rule: 'explicit', reason: 'moved' });
    expect(await attributionOf([...both, attributed('p-1', 'w-1', 'c-read'), cleared('p-1', 'w-1', 'c-read')])).toEqual({ classroomId: 'c-math', rule: 'reported', reason: null });
  });

  it('rule 2 reported: the reported classroom when an enrollment there covers completedAt', async () => {
    const events = [math.started('2025-09-01'), read.started('2025-09-01'), work('p-1', 'w-1', '2025-09-10T10:00:00Z', { classroomId: 'c-read', subject: 'math' })];
    expect(await attributionOf(events)).toEqual({ classroomId: 'c-read', rule: 'reported', reason: null });
  });

  it('rule 2: begin inclusive, end exclusive, cancelled enrollments ignored', async () => {
    const reported = { classroomId: 'c-read' };
    expect(await attributionOf([read.started('2025-09-10', '2025-09-20'), work('p-1', 'w-1', '2025-09-10T00:00:00Z', reported)])).toMatchObject({ rule: 'reported' });
    expect(await attributionOf([read.started('2025-09-10', '2025-09-20'), work('p-1', 'w-1', '2025-09-20T00:00:00Z', reported)])).toMatchObject({ rule: 'unattributed' });
    expect(await attributionOf([read.started('2025-09-10'), read.cancelled(), work('p-1', 'w-1', '2025-09-12T00:00:00Z', reported)])).toMatchObject({ rule: 'unattributed' });
  });

  it('rule 3 subject: exactly one covering enrollment whose classroom lists the subject (case-insensitive)', async () => {
    const events = [math.started('2025-09-01'), read.started('2025-09-01'), work('p-1', 'w-1', '2025-09-10T10:00:00Z', { subject: ' MATH' })];
    expect(await attributionOf(events)).toEqual({ classroomId: 'c-math', rule: 'subject', reason: null });
  });

  it('rule 3: two covering classrooms listing the subject decide nothing (ambiguous)', async () => {
    const events = [math.started('2025-09-01'), read.started('2025-09-01'), classroomSubjects('c-read', 's-1', ['reading', 'math']), work('p-1', 'w-1', '2025-09-10T10:00:00Z', { subject: 'math' })];
    expect(await attributionOf(events)).toEqual({ classroomId: null, rule: 'unattributed', reason: 'ambiguous' });
  });

  it('rule 4 single: exactly one covering enrollment at all', async () => {
    const events = [read.started('2025-09-01'), work('p-1', 'w-1', '2025-09-10T10:00:00Z', { subject: 'science' })];
    expect(await attributionOf(events)).toEqual({ classroomId: 'c-read', rule: 'single', reason: null });
  });

  describe('rule 5 unattributed, with a reason', () => {
    it('no_enrollment: none covering', async () => {
      expect(await attributionOf([math.started('2025-10-01'), work('p-1', 'w-1', '2025-09-10T10:00:00Z')])).toEqual({ classroomId: null, rule: 'unattributed', reason: 'no_enrollment' });
    });
    it('ambiguous: several covering, no rule decides', async () => {
      expect(await attributionOf([math.started('2025-09-01'), read.started('2025-09-01'), work('p-1', 'w-1', '2025-09-10T10:00:00Z')])).toMatchObject({ reason: 'ambiguous' });
    });
    it('reported_not_enrolled: a reported classroom without a covering enrollment and no later rule decided', async () => {
      expect(await attributionOf([math.started('2025-09-01'), read.started('2025-09-01'), work('p-1', 'w-1', '2025-09-10T10:00:00Z', { classroomId: 'c-other' })])).toMatchObject({ reason: 'reported_not_enrolled' });
      expect(await attributionOf([work('p-1', 'w-1', '2025-09-10T10:00:00Z', { classroomId: 'c-other' })])).toMatchObject({ reason: 'reported_not_enrolled' });
    });
    it('a later rule that decides still wins over an unbacked reported classroom', async () => {
      expect(await attributionOf([read.started('2025-09-01'), work('p-1', 'w-1', '2025-09-10T10:00:00Z', { classroomId: 'c-other' })])).toMatchObject({ classroomId: 'c-read', rule: 'single' });
    });
  });

  it('teacher enrollments are not student enrollments', async () => {
    const teaching = enrollment('e-t', 'p-1', 'c-read', 's-1', 'teacher');
    expect(await attributionOf([teaching.started('2025-09-01'), work('p-1', 'w-1', '2025-09-10T10:00:00Z')])).toMatchObject({ reason: 'no_enrollment' });
  });
});

describe('work-attribution projector: re-attribution moves totals between classrooms', () => {
  const septemberWork = [
    work('p-1', 'w-1', '2025-09-05T09:00:00Z', { subject: 'math', minutes: 10, points: 5, score: 80 }),
    work('p-1', 'w-2', '2025-09-15T09:00:00Z', { subject: 'math', minutes: 20, points: 7, score: 90 }),
    work('p-1', 'w-3', '2025-09-25T09:00:00Z', { subject: 'reading', minutes: 30 }),
  ];

  async function reports(events: StreamEvent[]) {
    const given = await project(workAttributionProjection, [...setting, ...events]);
    const answer = {
      math: (await classroomWork(given.documents, 'c-math', {}))!.totals,
      read: (await classroomWork(given.documents, 'c-read', {}))!.totals,
      school: await schoolWork(given.documents, 's-1', {}),
      rules: (await studentWork(given.documents, 'p-1', {}, ALL)).items.map((i) => `${i.workId}:${i.classroomId ?? i.reason}`),
    };
    await given.close();
    return answer;
  }

  it('EnrollmentStarted late (a backdated roster row) moves earlier work into the classroom', async () => {
    const before = await reports([math.started('2025-09-20'), ...septemberWork]);
    expect(before.rules).toEqual(['w-1:no_enrollment', 'w-2:no_enrollment', 'w-3:c-math']);
    const after = await reports([math.started('2025-09-20'), ...septemberWork, read.started('2025-09-01')]);
    expect(after.rules).toEqual(['w-1:c-read', 'w-2:c-read', 'w-3:c-read']);
    expect(after.read).toEqual({ items: 3, minutes: 60, points: 12, averageScore: 85 });
    expect(after.math).toEqual({ items: 0, minutes: 0, points: 0, averageScore: null });
    expect(after.school.unattributed.totals.items).toBe(0);
  });

  it('EnrollmentDatesChanged moves work in or out of the days it gained or lost', async () => {
    const math1 = enrollment('e-math', 'p-1', 'c-math', 's-1');
    const events = [math1.started('2025-09-10'), ...septemberWork];
    expect((await reports(events)).rules).toEqual(['w-1:no_enrollment', 'w-2:c-math', 'w-3:c-math']);
    expect((await reports([...events, math1.changed('2025-09-01', '2025-09-20')])).rules).toEqual(['w-1:c-math', 'w-2:c-math', 'w-3:no_enrollment']);
  });

  it('EnrollmentEnded moves work after the end out', async () => {
    const math1 = enrollment('e-math', 'p-1', 'c-math', 's-1');
    const { math: totals, rules } = await reports([math1.started('2025-09-01'), ...septemberWork, math1.ended('2025-09-15')]);
    expect(rules).toEqual(['w-1:c-math', 'w-2:no_enrollment', 'w-3:no_enrollment']);
    expect(totals).toEqual({ items: 1, minutes: 10, points: 5, averageScore: 80 });
  });

  it('EnrollmentCancelled moves the work back out, as if it never was', async () => {
    const read1 = enrollment('e-read', 'p-1', 'c-read', 's-1');
    const { rules, school } = await reports([math.started('2025-09-20'), ...septemberWork, read1.started('2025-09-01'), read1.cancelled()]);
    expect(rules).toEqual(['w-1:no_enrollment', 'w-2:no_enrollment', 'w-3:c-math']);
    expect(school.unattributed.byReason.no_enrollment).toEqual({ items: 2, minutes: 30, points: 12, averageScore: 85 });
  });

  it('a classroom subject change re-runs the subject rule for its students', async () => {
    const both = [math.started('2025-09-01'), read.started('2025-09-01'), ...septemberWork];
    expect((await reports(both)).rules).toEqual(['w-1:c-math', 'w-2:c-math', 'w-3:c-read']);
    expect((await reports([...both, classroomSubjects('c-math', 's-1', ['math', 'reading'])])).rules).toEqual(['w-1:c-math', 'w-2:c-math', 'w-3:ambiguous']);
  });

  it('unattributed work counts for the schools whose association covers its day (entry inclusive, exit exclusive)', async () => {
    const events = [...septemberWork, admitted('p-1', 's-2', '2025-09-15'), withdrawn('p-1', 's-1', '2025-09-01', '2025-09-25')];
    const given = await project(workAttributionProjection, [...setting, ...events]);
    const s1 = await schoolWork(given.documents, 's-1', {});
    const s2 = await schoolWork(given.documents, 's-2', {});
    expect([s1.unattributed.totals.items, s2.unattributed.totals.items]).toEqual([2, 2]);
    expect((await schoolWork(given.documents, 's-1', { from: '2025-09-10' })).unattributed.totals.minutes).toBe(20);
    await given.close();
  });

  it('re-attribution touches only the student’s work on the days that changed', async () => {
    const math1 = enrollment('e-math', 'p-1', 'c-math', 's-1');
    const events = [...setting, math1.started('2025-09-01'), ...septemberWork, work('p-2', 'w-1', '2025-09-05T09:00:00Z'), math1.ended('2025-09-20')];
    const given = await project(workAttributionProjection, events);
    const positionOf = async (studentId: string, workId: string) => (await given.documents.collection(WORK_ITEMS).getStored(workItemId(studentId, workId)))!.position;
    const ended = BigInt(events.length);
    expect(await positionOf('p-1', 'w-3')).toBe(ended);
    expect(await positionOf('p-1', 'w-1')).toBeLessThan(ended);
    expect(await positionOf('p-1', 'w-2')).toBeLessThan(ended);
    expect(await positionOf('p-2', 'w-1')).toBeLessThan(ended);
    await given.close();
  });
});

describe('work-attribution queries', () => {
  it('answer work.md’s shapes, filtered by the day of completedAt (from inclusive, to exclusive)', async () => {
    const given = await project(workAttributionProjection, [
      ...setting,
      math.started('2025-09-01'),
      enrollment('e-2', 'p-2', 'c-math', 's-1').started('2025-09-01'),
      work('p-1', 'w-1', '2025-09-05T23:59:59Z', { subject: 'math', minutes: 10, points: 3, score: 70 }),
      work('p-1', 'w-2', '2025-09-06T00:00:00Z', { subject: 'math', minutes: 5, score: 75 }),
      work('p-2', 'w-9', '2025-09-06T10:00:00Z', { classroomId: 'c-math', activity: 'quiz', points: 2 }),
    ]);
    expect(await classroomWork(given.documents, 'c-math', { from: '2025-09-06' })).toEqual({
      classroomId: 'c-math',
      totals: { items: 2, minutes: 5, points: 2, averageScore: 75 },
      students: [
        { studentId: 'p-1', totals: { items: 1, minutes: 5, points: 0, averageScore: 75 } },
        { studentId: 'p-2', totals: { items: 1, minutes: 0, points: 2, averageScore: null } },
      ],
    });
    expect((await classroomWork(given.documents, 'c-math', { to: '2025-09-06' }))!.totals).toEqual({ items: 1, minutes: 10, points: 3, averageScore: 70 });
    expect(await classroomWork(given.documents, 'c-nowhere', {})).toBeNull();
    const none = { items: 0, minutes: 0, points: 0, averageScore: null };
    expect(await schoolWork(given.documents, 's-1', {})).toEqual({
      schoolId: 's-1',
      classrooms: [
        { classroomId: 'c-math', title: 'Class c-math', totals: { items: 3, minutes: 15, points: 5, averageScore: 72.5 } },
        { classroomId: 'c-read', title: 'Class c-read', totals: none },
      ],
      unattributed: { totals: none, byReason: { no_enrollment: none, ambiguous: none, reported_not_enrolled: none } },
    });
    expect((await studentWork(given.documents, 'p-2', {}, ALL)).items).toEqual([
      { workId: 'w-9', completedAt: '2025-09-06T10:00:00.000Z', activity: 'quiz', subject: null, minutes: null, points: 2, score: null, reportedClassroomId: 'c-math', classroomId: 'c-math', rule: 'reported', reason: null },
    ]);
    await given.close();
  });
});

describe('work-attribution projector: replays', () => {
  it('the same events delivered twice change nothing', async () => {
    const read1 = enrollment('e-read', 'p-1', 'c-read', 's-1');
    const given = await project(workAttributionProjection, [
      ...setting,
      math.started('2025-09-01'),
      work('p-1', 'w-1', '2025-09-05T09:00:00Z', { minutes: 5 }),
      read1.started('2025-08-01'),
      work('p-1', 'w-2', '2025-09-06T09:00:00Z', { subject: 'reading' }),
      attributed('p-1', 'w-1', 'c-read'),
      read1.ended('2025-09-06'),
      classroomSubjects('c-math', 's-1', ['reading']),
      withdrawn('p-1', 's-1', '2025-09-01', '2025-09-06'),
      read1.cancelled(),
    ]);
    const snapshot = async () => Promise.all(COLLECTIONS.map((c) => given.all(c)));
    const before = await snapshot();
    expect(before[0]).toHaveLength(2);
    await given.replayed();
    expect(await snapshot()).toEqual(before);
    await given.close();
  });
});
