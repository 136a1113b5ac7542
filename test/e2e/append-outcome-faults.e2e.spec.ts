import { EVENT_STORE, EventStore } from '../../src/event-store/event-store.port';
import { RecordedEvent } from '../../src/shared/event';
import { FaultyEventStore } from '../support/faults/event-store-faults';
import { Answer, expectOk, TestApp } from '../support/test-app';

const WRITERS = 16;
const ROUNDS = 6;
const ALLOWANCE_HOURS = 16; // rule 3: academic years from 2025/26
const MENTORS = ['m-1', 'm-2', 'm-3', 'm-4', 'm-5'];
const RETRY_DEADLINE_MS = 60_000;

interface Sent {
  name: string;
  body: Record<string, unknown>;
  key: string;
  first: Answer;
  final: Answer;
}

/**
 * The whole app on a store that loses the answer of 10% of its appends after committing them (every
 * third of those also unreadable for a moment, so the outcome cannot be told), and of 3% more
 * before writing them: 16 writers register students (usernames contended, in any case), admit them and draft
 * claims that hold mentor allowances (contended). Every 503 is retried with its Idempotency-Key.
 */
describe('Appends of unknown outcome under 16 concurrent writers (embedded backend, faults injected)', () => {
  let app: TestApp;
  let faults: FaultyEventStore;
  const sent: Sent[] = [];
  let appendsBefore = 0;
  const as = (userId: string) => ({ 'X-Acting-User': userId });

  /** Sends once, then retries 503s with the same key until another answer comes. */
  async function send(name: string, body: Record<string, unknown>, key: string, headers: Record<string, string> = {}): Promise<Sent> {
    const deadline = Date.now() + RETRY_DEADLINE_MS;
    const first = await app.command(name, body, { headers: { ...headers, 'Idempotency-Key': key } });
    let final = first;
    while (final.status === 503) {
      if (Date.now() > deadline) throw new Error(`${name} ${key} still answered 503 after ${RETRY_DEADLINE_MS} ms: ${JSON.stringify(final.body)}`);
      expect(final.body.error).toBe('StoreUnavailable');
      expect(final.headers.get('retry-after')).toMatch(/^\d+$/);
      final = await app.command(name, body, { headers: { ...headers, 'Idempotency-Key': key } });
    }
    const entry = { name, body, key, first, final };
    sent.push(entry);
    return entry;
  }

  /** The log as the service reads it (personal fields decrypted), through the fault wrapper once its faults are cleared. */
  const service = () => app.app.get<EventStore>(EVENT_STORE);
  async function logOf(store: EventStore): Promise<RecordedEvent[]> {
    const events: RecordedEvent[] = [];
    for await (const event of store.readAll()) events.push(event);
    return events;
  }

  beforeAll(async () => {
    app = await TestApp.start({}, undefined, { eventStore: (store) => (faults = new FaultyEventStore(store, { seed: 20261203 })) });
    const ok = async (answer: Promise<Answer>) => expectOk(await answer);
    await ok(app.command('RegisterOrganisation', { organisationId: 'd-1', type: 'district', name: 'District' }));
    for (const schoolId of ['s-a', 's-b']) {
      await ok(app.command('RegisterOrganisation', { organisationId: schoolId, type: 'school', name: schoolId, parentId: 'd-1', fundingRegion: 'fringe' }));
    }
    await ok(app.command('RegisterOrganisation', { organisationId: 'p-1', type: 'provider', name: 'Provider', accredited: true }));
    await ok(app.command('DefineAcademicYear', { academicYearId: 'y-2026', name: '2026/27', startsOn: '2026-09-01', endsOn: '2027-08-31' }));
    await ok(app.command('SetFundingRates', { academicYearId: 'y-2026', rates: { inner_london: 5360, outer_london: 4825, fringe: 4510, rest_of_england: 4380 } }));
    for (const schoolId of ['s-a', 's-b']) {
      const userId = `u-${schoolId}`;
      await ok(app.command('RegisterUser', { userId, email: `${userId}@school.example`, givenName: 'User', familyName: userId, service: 'claims' }));
      await ok(app.command('GrantMembership', { userId, organisationId: schoolId, role: 'school_contact' }));
      await ok(app.command('OnboardOrganisation', { organisationId: schoolId, service: 'claims' }));
      await ok(app.command('GrantSchoolEligibility', { schoolId, academicYearId: 'y-2026' }));
      await ok(app.command('AcceptGrantConditions', { schoolId }, { headers: as(userId) }));
    }
    for (const [i, mentorId] of MENTORS.entries()) {
      await ok(app.command('RegisterMentor', { mentorId, trn: String(2_000_000 + i), givenName: 'Mentor', familyName: mentorId }));
      for (const schoolId of ['s-a', 's-b']) await ok(app.command('AddMentorToSchool', { mentorId, schoolId }));
    }

    appendsBefore = faults.appendCount;
    let committedHits = 0;
    faults
      .failAppends({
        at: 'after-commit',
        rate: 0.1,
        // Every third one: the stream cannot be read back for a moment either, so the outcome cannot be told.
        onHit: (streamId) => ++committedHits % 3 === 0 && faults.failReads({ streams: (id) => id === streamId, times: 3 }),
      })
      .failAppends({ at: 'before', rate: 0.03 });

    const writer = async (w: number) => {
      for (let r = 0; r < ROUNDS; r++) {
        const studentId = `st-${w}-${r}`;
        // 96 registrations over 40 usernames, in two spellings: many are taken.
        const n = (w * 7 + r * 3) % 40;
        const username = w % 2 === 0 ? `user-${n}` : `User-${n}`;
        const registered = await send('RegisterStudent', { studentId, districtId: 'd-1', username, givenName: 'Given', familyName: `F${w}${r}` }, `reg-${studentId}`);
        if (registered.final.status === 200) {
          await send('AdmitStudentToSchool', { studentId, schoolId: w % 2 ? 's-a' : 's-b', entryDate: '2026-09-01', entryGradeLevel: '05' }, `adm-${studentId}`);
        }
        const schoolId = w % 2 ? 's-a' : 's-b';
        const hours = 3 + ((w + r) % 5);
        const mentorId = MENTORS[(w + 2 * r) % MENTORS.length];
        await send('DraftClaim', { claimId: `c-${w}-${r}`, schoolId, providerId: 'p-1', academicYearId: 'y-2026', mentorTrainings: [{ mentorId, hours, trainingType: 'initial' }] }, `claim-${w}-${r}`, as(`u-${schoolId}`));
      }
    };
    await Promise.all(Array.from({ length: WRITERS }, (_, w) => writer(w)));
    faults.clear();
  }, 180_000);
  afterAll(() => app.stop());

  it('faults of every kind were injected and some commands were first answered 503', () => {
    expect(faults.injected.filter((f) => f.at === 'after-commit').length).toBeGreaterThan(20);
    expect(faults.injected.filter((f) => f.at === 'before').length).toBeGreaterThan(5);
    expect(sent.filter((s) => s.first.status === 503).length).toBeGreaterThan(0);
    expect(sent.every((s) => [200, 409, 422].includes(s.final.status))).toBe(true);
  });

  it('no username is held by two students (in the log and in the read model)', async () => {
    const log = await logOf(service());
    const holders = new Map<string, Set<string>>();
    for (const event of log.filter((e) => e.type === 'StudentRegistered')) {
      const { studentId, districtId, username } = event.data as { studentId: string; districtId: string; username: string };
      const key = `${districtId}/${username.toLowerCase()}`;
      holders.set(key, (holders.get(key) ?? new Set()).add(studentId));
    }
    const dup = [...holders.entries()].filter(([, ids]) => ids.size > 1);
    expect(dup).toEqual([]);
    const registered = log.filter((e) => e.type === 'StudentRegistered').length;
    expect(registered).toBe(new Set(log.filter((e) => e.type === 'StudentRegistered').map((e) => e.streamId)).size);

    const head = String(await service().headPosition());
    const roster = await app.get(`/v1/districts/d-1/students?limit=1000`, { minPosition: head });
    expect(roster.status).toBe(200);
    const usernames = roster.body.items.map((s: { username: string }) => s.username.toLowerCase());
    expect(usernames.length).toBe(registered);
    expect(new Set(usernames).size).toBe(usernames.length);
  });

  it('no mentor allowance is over-claimed (the claims in the log, and the allowance read model)', async () => {
    const log = await logOf(service());
    const hoursByMentor = new Map<string, number>();
    for (const event of log.filter((e) => e.type === 'ClaimDrafted')) {
      for (const t of (event.data as { mentorTrainings: { mentorId: string; hours: number }[] }).mentorTrainings) {
        hoursByMentor.set(t.mentorId, (hoursByMentor.get(t.mentorId) ?? 0) + t.hours);
      }
    }
    expect([...hoursByMentor.values()].every((h) => h <= ALLOWANCE_HOURS)).toBe(true);
    expect([...hoursByMentor.values()].reduce((a, b) => a + b, 0)).toBeGreaterThan(MENTORS.length * ALLOWANCE_HOURS * 0.5);

    const head = String(await service().headPosition());
    for (const mentorId of MENTORS) {
      const allowances = await app.get(`/v1/mentors/${mentorId}/allowances?academicYearId=y-2026`, { minPosition: head });
      expect(allowances.status).toBe(200);
      for (const item of allowances.body.items) expect(item.hoursUsed).toBeLessThanOrEqual(item.allowanceHours);
    }
  });

  it('every command answered 200 is in the log once, under its key, and in the read models', async () => {
    const log = await logOf(service());
    const byStream = new Map<string, RecordedEvent[]>();
    for (const event of log) byStream.set(event.streamId, [...(byStream.get(event.streamId) ?? []), event]);
    const head = String(await service().headPosition());
    const accepted = sent.filter((s) => s.final.status === 200);
    expect(accepted.length).toBeGreaterThan(80);

    for (const command of accepted) {
      const { streamId, revision, position, events } = command.final.body as { streamId: string; revision: number; position: string; events: { type: string; revision: number }[] };
      const stream = byStream.get(streamId) ?? [];
      const mine = stream.filter((e) => e.metadata.idempotencyKey === command.key);
      expect({ key: command.key, types: mine.map((e) => [e.type, Number(e.revision)]) }).toEqual({ key: command.key, types: events.map((e) => [e.type, e.revision]) });
      expect(mine.length).toBeGreaterThan(0);
      expect(String(mine[mine.length - 1].position)).toBe(position);
      expect(Number(mine[mine.length - 1].revision)).toBe(revision);
    }

    for (const command of accepted) {
      if (command.name === 'RegisterStudent' || command.name === 'AdmitStudentToSchool') {
        const record = await app.get(`/v1/students/${command.body.studentId as string}`, { minPosition: head });
        expect(record.status).toBe(200);
        if (command.name === 'RegisterStudent') expect(record.body.username).toBe(command.body.username);
        else expect(record.body.schoolAssociations).toEqual([expect.objectContaining({ schoolId: command.body.schoolId })]);
      } else {
        const claim = await app.get(`/v1/claims/${command.body.claimId as string}`, { minPosition: head });
        expect(claim.status).toBe(200);
        expect(claim.body.mentorTrainings).toEqual([expect.objectContaining((command.body.mentorTrainings as object[])[0])]);
      }
    }
  });

  it('every command first answered 503 is, on retry with its key, answered with its true outcome', async () => {
    const log = await logOf(service());
    const keyed = new Map<string, RecordedEvent[]>();
    for (const event of log) if (event.metadata.idempotencyKey) keyed.set(event.metadata.idempotencyKey, [...(keyed.get(event.metadata.idempotencyKey) ?? []), event]);

    for (const command of sent.filter((s) => s.first.status === 503)) {
      // The command's own stream (reservation and allowance events carry the key in their metadata too).
      const ownStream = (e: RecordedEvent) => e.streamId.startsWith(command.name === 'DraftClaim' ? 'claim-' : 'student-');
      const inLog = (keyed.get(command.key) ?? []).filter(ownStream);
      if (command.final.status === 200) {
        // Once, and where the answer says: the retry neither appended a second time nor lost the first.
        expect(new Set(inLog.map((e) => e.streamId)).size).toBe(1);
        expect(String(inLog[inLog.length - 1].position)).toBe(command.final.body.position);
      } else {
        expect({ key: command.key, status: command.final.status, inLog: inLog.length }).toEqual({ key: command.key, status: command.final.status, inLog: 0 });
      }
      // A later retry with the same key is the stored answer.
      const again = await app.command(command.name, command.body, {
        headers: { 'Idempotency-Key': command.key, ...(command.name === 'DraftClaim' ? as(`u-${command.body.schoolId as string}`) : {}) },
      });
      expect([again.status, again.body]).toEqual([command.final.status, command.final.body]);
    }
  });
});
