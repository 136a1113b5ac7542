import { studentDecider, StudentState } from './student.decider';
import { STUDENT_WORK_EVENT_TYPES } from './student-work.events';
import { STUDENT_EVENT_TYPES } from './student.events';
import { studentOwnership } from './student.ownership';

describe("a student's owners", () => {
  const registered = studentDecider.evolve(studentDecider.initialState, {
    type: 'StudentRegistered',
    data: { studentId: 'st-1', districtId: 'd-a', username: 'ann', givenName: 'Ann', familyName: 'Lee' },
  } as never) as StudentState;

  it('the district is a permanent owner: no event after StudentRegistered changes it, even one whose data names another district', () => {
    const others = [...STUDENT_EVENT_TYPES, ...STUDENT_WORK_EVENT_TYPES].filter((type) => type !== 'StudentRegistered');
    expect(others.length).toBeGreaterThan(5);
    // A generous payload: every kind of change, each naming another district.
    const data = {
      studentId: 'st-1', districtId: 'd-b', schoolId: 's-1', entryDate: '2025-09-01', entryGradeLevel: '09', exitDate: '2026-07-01', exitReason: 'moved',
      primary: true, username: 'ann2', previousUsername: 'ann', reason: 'r', givenName: 'A', items: [], workItems: [], attributions: [], classroomId: 'c-1', workId: 'w-1', completedAt: '2025-10-01T09:00:00.000Z', activity: 'quiz', minutes: 5,
    };
    const folded: string[] = [];
    for (const type of others) {
      const state = studentDecider.evolve(registered, { type, data } as never);
      expect({ type, owners: studentOwnership.permanentOwners!(state) }).toEqual({ type, owners: ['d-a'] });
      folded.push(type);
    }
    expect(folded).toEqual(others);
  });

  it('a student that does not exist has none', () => {
    expect(studentOwnership.permanentOwners!(studentDecider.initialState)).toEqual([]);
  });
});
