import { SPEC_NOW, specFor } from '../../test/support/decider-spec';
import { RecordStudentWork } from './student-work.commands';
import { StudentWorkEvent } from './student-work.events';
import { studentDecider, StudentLookups } from './student.decider';
import { StudentEvent } from './student.events';

const spec = specFor(studentDecider, {} as StudentLookups);

const registered: StudentEvent = { type: 'StudentRegistered', data: { studentId: 'st-1', districtId: 'd-1', username: 'jsmith', givenName: 'Jo', familyName: 'Smith' } };
const record: RecordStudentWork = {
  type: 'RecordStudentWork',
  studentId: 'st-1',
  workId: 'w-1',
  completedAt: '2025-09-15T10:30:00+02:00',
  activity: 'fractions-quiz',
  subject: 'math',
  classroomId: 'c-math',
  minutes: 12,
  score: 80,
  points: 40,
};
const recorded: StudentWorkEvent = {
  type: 'StudentWorkRecorded',
  data: { studentId: 'st-1', workId: 'w-1', completedAt: '2025-09-15T08:30:00.000Z', activity: 'fractions-quiz', subject: 'math', classroomId: 'c-math', minutes: 12, score: 80, points: 40 },
};
const attributed = (classroomId = 'c-1', reason = 'done in the after-school club'): StudentWorkEvent => ({
  type: 'StudentWorkAttributed',
  data: { studentId: 'st-1', workId: 'w-1', classroomId, reason },
});
const enrolledIn = (beginDate: string, endDate?: string) => ({ classroomEnrollments: [{ enrollmentId: 'e-1', beginDate, ...(endDate ? { endDate } : {}) }] });

describe('Student work decider', () => {
  describe('RecordStudentWork', () => {
    it('records the work with its instant normalised to UTC and absent fields left out', () => {
      spec.given([registered]).when(record).then([recorded]);
      spec.given([registered]).when({ type: 'RecordStudentWork', studentId: 'st-1', workId: 'w-2', completedAt: '2025-09-15T08:30:00Z', activity: 'reading' }).then([
        { type: 'StudentWorkRecorded', data: { studentId: 'st-1', workId: 'w-2', completedAt: '2025-09-15T08:30:00.000Z', activity: 'reading' } },
      ]);
    });

    it('refuses work for a student who does not exist', () => void spec.given().when(record).thenFails('NotFound'));

    describe('workId is unique per student', () => {
      it('repeating it with the same content (however the instant is spelled) appends nothing', () => {
        spec.given([registered, recorded]).when(record).then([]);
        spec.given([registered, recorded]).when({ ...record, completedAt: '2025-09-15T08:30:00Z' }).then([]);
      });
      it('repeating it with different content is WorkAlreadyRecorded', () => {
        spec.given([registered, recorded]).when({ ...record, score: 81 }).thenFails('WorkAlreadyRecorded');
        spec.given([registered, recorded]).when({ ...record, classroomId: undefined }).thenFails('WorkAlreadyRecorded');
        spec.given([registered, recorded]).when({ ...record, completedAt: '2025-09-15T08:30:01Z' }).thenFails('WorkAlreadyRecorded');
      });
    });

    it('the reported classroomId is recorded as reported, never checked against enrollments', () => {
      spec.given([registered]).when({ ...record, classroomId: 'c-never-enrolled' }, { lookups: { classroomEnrollments: [] } }).then([
        { ...recorded, data: { ...recorded.data, classroomId: 'c-never-enrolled' } } as StudentWorkEvent,
      ]);
    });

    describe('minutes ≥ 0, score 0–100, points ≥ 0', () => {
      it('names every figure out of range', () => {
        const failure = spec.given([registered]).when({ ...record, minutes: -1, score: 100.5, points: -3 }).thenFails('WorkFiguresOutOfRange');
        expect(failure.kind).toBe('rule');
        expect(failure.details).toEqual([
          { field: 'minutes', value: -1, min: 0 },
          { field: 'score', value: 100.5, min: 0, max: 100 },
          { field: 'points', value: -3, min: 0 },
        ]);
      });
      it('accepts the bounds', () => {
        spec.given([registered]).when({ ...record, minutes: 0, score: 0, points: 0 }).then([{ ...recorded, data: { ...recorded.data, minutes: 0, score: 0, points: 0 } } as StudentWorkEvent]);
        spec.given([registered]).when({ ...record, score: 100 }).then([{ ...recorded, data: { ...recorded.data, score: 100 } } as StudentWorkEvent]);
      });
    });

    describe('completedAt is not in the future (5 minutes of clock skew allowed)', () => {
      const at = (ms: number) => new Date(SPEC_NOW.getTime() + ms).toISOString();
      it('accepts work stamped up to 5 minutes ahead', () => {
        spec.given([registered]).when({ ...record, completedAt: at(5 * 60_000) }).then([{ ...recorded, data: { ...recorded.data, completedAt: at(5 * 60_000) } } as StudentWorkEvent]);
      });
      it('refuses work stamped further ahead', () => {
        const failure = spec.given([registered]).when({ ...record, completedAt: at(5 * 60_000 + 1) }).thenFails('CompletedInFuture');
        expect(failure.kind).toBe('rule');
      });
    });

    it('rule 8 (rostering): a deactivated student accepts no work until reactivated', () => {
      const deactivated: StudentEvent = { type: 'StudentDeactivated', data: { studentId: 'st-1' } };
      spec.given([registered, deactivated]).when(record).thenFails('StudentDeactivated');
      spec.given([registered, deactivated, { type: 'StudentReactivated', data: { studentId: 'st-1' } }]).when(record).then([recorded]);
    });
  });

  describe('AttributeStudentWork', () => {
    const attribute = { type: 'AttributeStudentWork' as const, studentId: 'st-1', workId: 'w-1', classroomId: 'c-1', reason: 'done in the after-school club' };

    it('attributes the work to a classroom the student was enrolled in when it was done (begin inclusive)', () => {
      spec.given([registered, recorded]).when(attribute, { lookups: enrolledIn('2025-09-15') }).then([attributed()]);
    });
    it('a classroom without an enrollment covering completedAt is NotEnrolledThen (end exclusive)', () => {
      const failure = spec.given([registered, recorded]).when(attribute, { lookups: enrolledIn('2025-09-01', '2025-09-15') }).thenFails('NotEnrolledThen');
      expect(failure.kind).toBe('rule');
      expect(failure.details).toEqual([{ classroomId: 'c-1', day: '2025-09-15', enrollments: [{ beginDate: '2025-09-01', endDate: '2025-09-15' }] }]);
      spec.given([registered, recorded]).when(attribute, { lookups: enrolledIn('2025-09-16') }).thenFails('NotEnrolledThen');
      spec.given([registered, recorded]).when(attribute, { lookups: { classroomEnrollments: [] } }).thenFails('NotEnrolledThen');
    });
    it('the same attribution again appends nothing; another classroom or reason is a new correction', () => {
      spec.given([registered, recorded, attributed()]).when(attribute, { lookups: enrolledIn('2025-09-01') }).then([]);
      spec.given([registered, recorded, attributed()]).when({ ...attribute, reason: 'teacher asked' }, { lookups: enrolledIn('2025-09-01') }).then([attributed('c-1', 'teacher asked')]);
    });
    it('unknown work is WorkNotFound', () => {
      spec.given([registered]).when(attribute, { lookups: enrolledIn('2025-09-01') }).thenFails('WorkNotFound');
    });
    it('corrections are still allowed for a deactivated student: they interpret work already done', () => {
      spec.given([registered, recorded, { type: 'StudentDeactivated', data: { studentId: 'st-1' } }]).when(attribute, { lookups: enrolledIn('2025-09-01') }).then([attributed()]);
    });
  });

  describe('ClearWorkAttribution', () => {
    const clear = { type: 'ClearWorkAttribution' as const, studentId: 'st-1', workId: 'w-1' };
    it('clears the explicit attribution, naming the classroom it withdraws', () => {
      spec.given([registered, recorded, attributed('c-2')]).when(clear).then([{ type: 'StudentWorkAttributionCleared', data: { studentId: 'st-1', workId: 'w-1', classroomId: 'c-2' } }]);
    });
    it('clearing work with no explicit attribution appends nothing', () => {
      spec.given([registered, recorded]).when(clear).then([]);
      spec.given([registered, recorded, attributed(), { type: 'StudentWorkAttributionCleared', data: { studentId: 'st-1', workId: 'w-1', classroomId: 'c-1' } }]).when(clear).then([]);
    });
    it('unknown work is WorkNotFound', () => void spec.given([registered]).when(clear).thenFails('WorkNotFound'));
  });

  describe('the work slice stays small and cheap to extend', () => {
    const many = (n: number): StudentEvent[] =>
      Array.from({ length: n }, (_, i) => ({
        type: 'StudentWorkRecorded',
        data: { studentId: 'st-1', workId: `w-${i}`, completedAt: '2025-09-15T08:30:00.000Z', activity: 'a', minutes: i },
      }));

    it('folding keeps every earlier state unchanged (immutable) and finds every item', () => {
      const events = many(3000);
      const halfway = spec.given([registered, ...events.slice(0, 1500)]).state;
      const done = events.slice(1500).reduce(studentDecider.evolve, halfway);
      if (halfway.status === 'none' || done.status === 'none') throw new Error('the student is registered');
      expect([halfway.work.size, done.work.size]).toEqual([1500, 3000]);
      expect(halfway.work.has('w-1500')).toBe(false);
      for (let i = 0; i < 3000; i++) expect(done.work.get(`w-${i}`)?.day).toBe('2025-09-15');
      // A second branch from the same earlier state sees only its own additions.
      const branch = studentDecider.evolve(halfway, { type: 'StudentWorkRecorded', data: { studentId: 'st-1', workId: 'w-x', completedAt: '2025-09-16T08:00:00.000Z', activity: 'b' } });
      if (branch.status === 'none') throw new Error('the student is registered');
      expect([branch.work.size, branch.work.has('w-x'), branch.work.has('w-2999'), done.work.has('w-x')]).toEqual([1501, true, false, false]);
    });

    it('a repeat of any one of 20,000 items is still recognised', () => {
      const state = spec.given([registered, ...many(20_000)]);
      state.when({ type: 'RecordStudentWork', studentId: 'st-1', workId: 'w-19999', completedAt: '2025-09-15T08:30:00Z', activity: 'a', minutes: 19999 }).then([]);
      state.when({ type: 'RecordStudentWork', studentId: 'st-1', workId: 'w-12345', completedAt: '2025-09-15T08:30:00Z', activity: 'a', minutes: 1 }).thenFails('WorkAlreadyRecorded');
    });

    it('registering again with the same details still decides nothing once work is recorded', () => {
      spec.given([registered, recorded]).when({ type: 'RegisterStudent', studentId: 'st-1', districtId: 'd-1', username: 'jsmith', givenName: 'Jo', familyName: 'Smith' }).then([]);
    });
  });
});
