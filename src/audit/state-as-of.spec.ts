import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { EventMetadata, RecordedEvent } from '../shared/event';
import { StudentCommand } from '../students/student.commands';
import { studentDecider, StudentLookups, StudentState } from '../students/student.decider';
import { StudentEvent } from '../students/student.events';
import { AGGREGATE_TYPES } from './aggregate-catalog';
import { foldUntil } from './state-as-of';

const lookups: StudentLookups = { district: { id: 'd-1', type: 'district', closed: false } };
const START = Date.parse('2026-01-05T08:00:00.000Z');

const commandArb: fc.Arbitrary<StudentCommand> = fc.oneof(
  fc.constantFrom('ann', 'bob', 'cy').map((username): StudentCommand => ({ type: 'ChangeStudentUsername', studentId: 'st-1', username })),
  fc.constantFrom('Jo', 'Jon', 'Joanna').map((givenName): StudentCommand => ({ type: 'UpdateStudentDetails', studentId: 'st-1', givenName })),
  fc.constant<StudentCommand>({ type: 'DeactivateStudent', studentId: 'st-1' }),
  fc.constant<StudentCommand>({ type: 'ReactivateStudent', studentId: 'st-1' }),
);

/** A stream the decider itself produced from the commands (refused ones leave nothing), each event 2–5,000 ms after the one before. */
const historyArb = fc.tuple(fc.array(commandArb, { maxLength: 25 }), fc.array(fc.integer({ min: 2, max: 5000 }), { minLength: 60, maxLength: 60 })).map(([commands, gaps]) => {
  const register: StudentCommand = { type: 'RegisterStudent', studentId: 'st-1', districtId: 'd-1', username: 'jo', givenName: 'Jo', familyName: 'S' };
  let state: StudentState = studentDecider.initialState;
  const events: StudentEvent[] = [];
  for (const command of [register, ...commands]) {
    try {
      for (const event of studentDecider.decide(command, state, { now: new Date(START), lookups })) {
        events.push(event);
        state = studentDecider.evolve(state, event);
      }
    } catch {
      // A refused command appends nothing.
    }
  }
  let at = START;
  return events.map((event, i): RecordedEvent => {
    at += gaps[i % gaps.length];
    const metadata: EventMetadata = { occurredAt: new Date(at).toISOString(), actor: { type: 'token', id: 't' }, correlationId: 'c', causationId: 'c', command: 'X', schemaVersion: 1 };
    return { eventId: `e-${i}`, streamId: 'student-st-1', type: event.type, data: event.data, metadata, revision: BigInt(i), position: BigInt(100 + 3 * i) };
  });
});

const prefixFold = (events: RecordedEvent[], upTo: number) =>
  events.slice(0, upTo + 1).reduce((state, e) => studentDecider.evolve(state, { type: e.type, data: e.data } as StudentEvent), studentDecider.initialState);

describe('state as of (audit rule 2)', () => {
  it('for every revision of generated histories, the state at it is the fold of the prefix, and asOf between two events answers the earlier one', async () => {
    await fc.assert(
      fc.asyncProperty(historyArb, async (events) => {
        for (let r = 0; r < events.length; r++) {
          const expected = prefixFold(events, r);
          const at = await foldUntil(studentDecider, events, { atRevision: BigInt(r) });
          expect(at).toEqual({ found: { state: expected, revision: BigInt(r), position: events[r].position, occurredAt: events[r].metadata.occurredAt } });

          const here = Date.parse(events[r].metadata.occurredAt);
          const next = r + 1 < events.length ? Date.parse(events[r + 1].metadata.occurredAt) : here + 10_000;
          for (const instant of [here, Math.floor((here + next) / 2), next - 1]) {
            const asOf = await foldUntil(studentDecider, events, { asOf: new Date(instant) });
            expect(asOf).toEqual(at);
          }
        }
        const last = events.length - 1;
        expect(await foldUntil(studentDecider, events, { latest: true })).toEqual(await foldUntil(studentDecider, events, { atRevision: BigInt(last) }));
        expect(await foldUntil(studentDecider, events, { atRevision: BigInt(events.length) })).toEqual({ missing: 'revision past the end', lastRevision: BigInt(last) });
        const before = new Date(Date.parse(events[0].metadata.occurredAt) - 1);
        expect(await foldUntil(studentDecider, events, { asOf: before })).toEqual({ missing: 'before the first event', firstOccurredAt: events[0].metadata.occurredAt });
      }),
      { numRuns: 60 },
    );
  });

  it('says when a stream has no events', async () => {
    expect(await foldUntil(studentDecider, [], { latest: true })).toEqual({ missing: 'no events' });
  });

  it('knows every aggregate type whose stream a *.stream.ts names', () => {
    const src = join(__dirname, '..');
    const named = new Set<string>();
    for (const folder of readdirSync(src, { withFileTypes: true }).filter((d) => d.isDirectory())) {
      for (const file of readdirSync(join(src, folder.name)).filter((f) => f.endsWith('.stream.ts'))) {
        for (const match of readFileSync(join(src, folder.name, file), 'utf8').matchAll(/streamIdOf\('([^']+)'/g)) named.add(match[1]);
      }
    }
    expect(named.size).toBeGreaterThan(15);
    expect([...named].filter((type) => !AGGREGATE_TYPES.includes(type))).toEqual([]);
  });
});
