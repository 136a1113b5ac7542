import { DecisionContext } from '../shared/decider';
import { StudentWorkEvent } from './student-work.events';
import { StudentCommand } from './student.commands';
import { studentDecider, StudentLookups, StudentState } from './student.decider';
import { StudentEvent } from './student.events';
import { studentSnapshot } from './student.snapshot';

const NOW = new Date('2026-01-10T12:00:00Z');

const work = (i: number): StudentWorkEvent => ({
  type: 'StudentWorkRecorded',
  data: {
    studentId: 'st-1',
    workId: `w-${i}`,
    completedAt: new Date(Date.UTC(2025, 8, 1 + (i % 30), 8 + (i % 10))).toISOString(),
    activity: `activity-${i % 7}`,
    subject: ['math', 'reading'][i % 2],
    ...(i % 3 ? { classroomId: `c-${i % 3}` } : {}),
    minutes: i % 40,
    ...(i % 4 ? { score: i % 101 } : {}),
    points: i % 9,
  },
});

const history: StudentEvent[] = [
  { type: 'StudentRegistered', data: { studentId: 'st-1', districtId: 'd-1', username: 'jsmith', stateStudentId: 'S-1', givenName: 'Jo', familyName: 'Smith', grades: ['05'] } },
  { type: 'StudentAdmittedToSchool', data: { studentId: 'st-1', schoolId: 's-1', entryDate: '2025-09-01', entryGradeLevel: '05', primary: true } },
  { type: 'StudentAdmittedToSchool', data: { studentId: 'st-1', schoolId: 's-2', entryDate: '2025-09-02', entryGradeLevel: '05', primary: true, previousPrimary: { schoolId: 's-1', entryDate: '2025-09-01' } } },
  { type: 'StudentWithdrawnFromSchool', data: { studentId: 'st-1', schoolId: 's-1', entryDate: '2025-09-01', exitDate: '2025-10-01', exitReason: 'moved' } },
  { type: 'StudentDetailsUpdated', data: { studentId: 'st-1', preferredName: 'Joey' } },
  ...Array.from({ length: 50 }, (_, i) => work(i)),
  { type: 'StudentWorkAttributed', data: { studentId: 'st-1', workId: 'w-3', classroomId: 'c-club', reason: 'after-school club' } },
  { type: 'StudentWorkAttributed', data: { studentId: 'st-1', workId: 'w-4', classroomId: 'c-club', reason: 'after-school club' } },
  { type: 'StudentWorkAttributionCleared', data: { studentId: 'st-1', workId: 'w-4', classroomId: 'c-club' } },
  { type: 'StudentWorkAttributed', data: { studentId: 'st-1', workId: 'w-3', classroomId: 'c-other', reason: 'moved' } },
  { type: 'StudentUsernameChanged', data: { studentId: 'st-1', districtId: 'd-1', username: 'jo.smith', previousUsername: 'jsmith' } },
];

const fold = (events: StudentEvent[], from: StudentState = studentDecider.initialState) => events.reduce(studentDecider.evolve, from);
/** Through JSON text, as the snapshot is stored. */
const roundTrip = (state: StudentState) => studentSnapshot.decode(JSON.parse(JSON.stringify(studentSnapshot.encode(state))));
const workEntries = (state: StudentState) => (state.status === 'none' ? [] : [...state.work.entries()]);
/** The state as decisions see it (a ledger's links are its own business: compared by its entries, in order). */
const comparable = (state: StudentState) => (state.status === 'none' ? state : { ...state, work: workEntries(state) });
const outcome = (command: StudentCommand, state: StudentState, lookups: StudentLookups = {}) => {
  const context: DecisionContext<StudentLookups> = { now: NOW, lookups };
  try {
    return { events: studentDecider.decide(command, state, context) };
  } catch (error) {
    return { error: (error as { code?: string }).code };
  }
};

describe('Student snapshot codec', () => {
  const folded = fold(history);

  it('round-trips a student without events', () => {
    expect(roundTrip(studentDecider.initialState)).toEqual(studentDecider.initialState);
  });

  it('round-trips a student with associations, details and a work ledger (explicit attributions included), in the ledger’s order', () => {
    const decoded = roundTrip(folded);
    expect(comparable(decoded)).toEqual(comparable(folded));
    expect(JSON.stringify(decoded)).toBe(JSON.stringify(folded));
    expect(workEntries(decoded)).toEqual(workEntries(folded));
    expect(decoded.status !== 'none' && decoded.work.size).toBe(50);
  });

  it('parses the work columns only when the ledger is first read (a username change never reads it)', () => {
    const stored: unknown = JSON.parse(JSON.stringify(studentSnapshot.encode(folded)));
    const parse = jest.spyOn(JSON, 'parse');
    try {
      const decoded = studentSnapshot.decode(stored);
      expect(decoded.status !== 'none' && decoded.work.size).toBe(50);
      expect(parse).not.toHaveBeenCalled();
      expect(workEntries(decoded)).toEqual(workEntries(folded));
      expect(parse).toHaveBeenCalledTimes(1);
    } finally {
      parse.mockRestore();
    }
  });

  it('encodes the work ledger compactly, by columns (each distinct day once, explicit attributions by index)', () => {
    const stored = studentSnapshot.encode(folded) as { work: { size: number; columns: string } };
    expect(stored.work.size).toBe(50);
    const work = JSON.parse(stored.work.columns) as { ids: string[]; hashes: number[]; days: string[]; dayOf: number[]; explicit: unknown[] };
    expect(work.ids.slice(0, 3)).toEqual(['w-0', 'w-1', 'w-2']);
    expect(work.hashes).toHaveLength(50);
    expect(work.days).toHaveLength(30);
    expect(work.days[work.dayOf[3]]).toBe('2025-09-04');
    expect(work.explicit).toEqual([[3, 'c-other', 'moved']]);
  });

  it('decides every command on the decoded state as on the folded one', () => {
    const decoded = roundTrip(folded);
    const recordAgain = { type: 'RecordStudentWork', studentId: 'st-1', ...(work(5).data as object) } as StudentCommand;
    const commands: [StudentCommand, StudentLookups?][] = [
      [recordAgain],
      [{ ...recordAgain, minutes: 999 } as StudentCommand],
      [{ type: 'RecordStudentWork', studentId: 'st-1', workId: 'w-new', completedAt: '2025-12-01T10:00:00Z', activity: 'essay' }],
      [{ type: 'AttributeStudentWork', studentId: 'st-1', workId: 'w-3', classroomId: 'c-other', reason: 'moved' }],
      [{ type: 'AttributeStudentWork', studentId: 'st-1', workId: 'w-4', classroomId: 'c-club', reason: 'again' }, { classroomEnrollments: [{ enrollmentId: 'e-1', beginDate: '2025-01-01' }] }],
      [{ type: 'ClearWorkAttribution', studentId: 'st-1', workId: 'w-3' }],
      [{ type: 'ClearWorkAttribution', studentId: 'st-1', workId: 'w-4' }],
      [{ type: 'ClearWorkAttribution', studentId: 'st-1', workId: 'w-missing' }],
      [{ type: 'ChangeStudentUsername', studentId: 'st-1', username: 'jo.smith' }],
      [{ type: 'ChangeStudentUsername', studentId: 'st-1', username: 'other' }],
      [{ type: 'AdmitStudentToSchool', studentId: 'st-1', schoolId: 's-2', entryDate: '2025-09-02', entryGradeLevel: '05' }],
      [{ type: 'WithdrawStudentFromSchool', studentId: 'st-1', schoolId: 's-1', exitDate: '2025-10-01' }],
      [{ type: 'DeactivateStudent', studentId: 'st-1' }],
      [{ type: 'RegisterStudent', studentId: 'st-1', districtId: 'd-1', username: 'jsmith', stateStudentId: 'S-1', givenName: 'Jo', familyName: 'Smith', grades: ['05'] }],
    ];
    for (const [command, lookups] of commands) {
      expect({ command: command.type, ...outcome(command, decoded, lookups) }).toEqual({ command: command.type, ...outcome(command, folded, lookups) });
    }
  });

  it('evolves the decoded state as the folded one', () => {
    const more = Array.from({ length: 10 }, (_, i) => work(100 + i));
    const decoded = roundTrip(folded);
    expect(workEntries(fold(more, decoded))).toEqual(workEntries(fold(more, folded)));
    // The folded lineage is still intact after a branch was taken from the decoded one.
    expect(workEntries(folded)).toHaveLength(50);
  });
});
