import { performance } from 'node:perf_hooks';
import type { StudentEvent } from '../../src/students/student.events';
import { studentDecider, StudentState } from '../../src/students/student.decider';

const workEvents = (n: number): StudentEvent[] =>
  Array.from({ length: n }, (_, i) => ({
    type: 'StudentWorkRecorded',
    data: { studentId: 'st-1', workId: `w-${i}`, completedAt: '2025-09-15T08:30:00.000Z', activity: 'a', minutes: i },
  }));

/** Milliseconds to fold `n` work events onto a registered student: the best of `tries` (the least disturbed by other processes). */
export function foldMs(n: number, tries = 5): number {
  const registered: StudentEvent = { type: 'StudentRegistered', data: { studentId: 'st-1', districtId: 'd-1', username: 'u', givenName: 'G', familyName: 'F' } };
  const start = studentDecider.evolve(studentDecider.initialState, registered) as StudentState;
  const events = workEvents(n);
  events.reduce(studentDecider.evolve, start);
  let best = Infinity;
  for (let i = 0; i < tries; i++) {
    const began = performance.now();
    events.reduce(studentDecider.evolve, start);
    best = Math.min(best, performance.now() - began);
  }
  return best;
}
