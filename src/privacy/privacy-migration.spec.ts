import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { TEST_METADATA } from '../../test/support/event-builders';
import { ChainVerifier } from '../audit/chain-verifier';
import { SqliteEventStore } from '../event-store/embedded/sqlite-event-store';
import { Reservations } from '../event-store/reservations';
import { systemClock } from '../shared/clock';
import { RecordedEvent } from '../shared/event';
import { newId } from '../shared/ids';
import { usernameReservation } from '../students/student.reservations';
import { EncryptingEventStore } from './encrypting-event-store';
import { isSealed } from './event-cipher';
import { KeyRing } from './key-ring';
import { studentPersonalData } from './personal-data-catalog';
import { MIGRATION_STREAM, PrivacyMigration } from './privacy-migration';
import { SqliteKeyStore } from './sqlite-key-store';
import { SqliteStreamRewriter } from './sqlite-stream-rewriter';

const LEGACY = { studentId: 'st-old', districtId: 'd-1', username: 'mfairweather', givenName: 'Marisol', familyName: 'Fairweather', birthDate: '2009-02-27', email: 'marisol.fw@example.com' };

async function all(events: AsyncIterable<RecordedEvent>): Promise<RecordedEvent[]> {
  const out: RecordedEvent[] = [];
  for await (const e of events) out.push({ ...e });
  return out;
}

describe('privacy:migrate on the embedded log', () => {
  let dir: string;
  let raw: SqliteEventStore;
  let keys: KeyRing;
  let sealing: EncryptingEventStore;
  let reservations: Reservations;
  const migrate = async () => {
    const rewriter = new SqliteStreamRewriter(join(dir, 'events.sqlite'));
    try {
      return await new PrivacyMigration(raw, sealing, studentPersonalData, rewriter, reservations).run();
    } finally {
      await rewriter.close();
    }
  };

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'ledger-privacy-migrate-'));
    raw = SqliteEventStore.open({ file: join(dir, 'events.sqlite') });
    keys = await KeyRing.open(SqliteKeyStore.open(join(dir, 'keys.sqlite')), randomBytes(32), { origin: 'test' });
    sealing = new EncryptingEventStore(raw, keys, studentPersonalData);
    reservations = new Reservations(sealing, systemClock, keys.derivedSecret('reservation ids'));
    // Written before encryption: clear events and a reservation under the unkeyed SHA-256 id.
    const unkeyed = `reservation-student-username-${createHash('sha256').update('d-1\u0000mfairweather').digest('hex').slice(0, 40)}`;
    await raw.append(unkeyed, [{ eventId: newId(), type: 'ReservationClaimed', data: { kind: 'student-username', scope: 'd-1', owner: 'student-st-old', ownerRevision: '0', ownerEventId: 'x' }, metadata: TEST_METADATA }], 'no_stream');
    await raw.append('student-st-old', [
      { eventId: newId(), type: 'StudentRegistered', data: LEGACY, metadata: TEST_METADATA },
      { eventId: newId(), type: 'StudentAdmittedToSchool', data: { studentId: 'st-old', schoolId: 's-1', entryDate: '2020-09-01', entryGradeLevel: '05', primary: true }, metadata: TEST_METADATA },
      { eventId: newId(), type: 'StudentDetailsUpdated', data: { studentId: 'st-old', email: 'marisol.new@example.com' }, metadata: TEST_METADATA },
    ], 'no_stream');
    // Written after: already sealed, left as it is.
    await sealing.append('student-st-new', [{ eventId: newId(), type: 'StudentRegistered', data: { ...LEGACY, studentId: 'st-new', username: 'other' }, metadata: TEST_METADATA }], 'no_stream');
  });
  afterEach(async () => {
    await raw.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('seals every clear personal field in place: same ids, revisions and positions, the same events when read, no clear bytes left in the file', async () => {
    const before = await all(raw.readStream('student-st-old'));
    const newBefore = await all(raw.readStream('student-st-new'));
    const outcome = await migrate();
    expect(outcome).toMatchObject({ streamsRewritten: 1, eventsSealed: 2, reservationConflicts: [] });

    const stored = await all(raw.readStream('student-st-old'));
    expect(stored.map((e) => [e.eventId, e.revision, e.position])).toEqual(before.map((e) => [e.eventId, e.revision, e.position]));
    expect(stored.map((e) => isSealed(e.data))).toEqual([true, false, true]);
    expect((await all(sealing.readStream('student-st-old'))).map((e) => JSON.stringify(e.data))).toEqual(before.map((e) => JSON.stringify(e.data)));
    expect(await all(raw.readStream('student-st-new'))).toEqual(newBefore);

    await raw.close();
    const bytes = readFileSync(join(dir, 'events.sqlite')).toString('latin1');
    for (const value of ['Marisol', 'Fairweather', 'mfairweather', '2009-02-27', 'marisol.new@example.com']) expect([value, bytes.includes(value)]).toEqual([value, false]);
    raw = SqliteEventStore.open({ file: join(dir, 'events.sqlite') });
  });

  it('claims the username under the keyed id and removes the unkeyed reservation stream; records what it did', async () => {
    await migrate();
    const owner = { streamId: 'student-st-other', revision: 0n, eventId: newId() };
    await expect(reservations.claim(usernameReservation('d-1', 'MFairweather'), owner, TEST_METADATA)).rejects.toMatchObject({ code: 'UsernameTaken' });
    const streams = new Set((await all(raw.readAll())).map((e) => e.streamId));
    const unkeyed = `reservation-student-username-${createHash('sha256').update('d-1\u0000mfairweather').digest('hex').slice(0, 40)}`;
    expect(streams.has(unkeyed)).toBe(false);
    // One keyed reservation per student's username (st-old and st-new).
    expect([...streams].filter((s) => s.startsWith('reservation-student-username-'))).toHaveLength(2);
    const recorded = await all(raw.readStream(MIGRATION_STREAM));
    expect(recorded.map((e) => [e.type, (e.data as { streamId?: string }).streamId])).toEqual([
      ['PersonalDataStreamRewritten', 'student-st-old'],
      ['PersonalDataMigrationRun', undefined],
    ]);
    // Its events carry a service-issued correlation id, which no client can send.
    for (const event of recorded) expect(event.metadata.correlationId).toMatch(/^ledger:/);
  });

  it('leaves a log that events:verify passes: the rewritten stream is chained again over its sealed form, and the record names both heads', async () => {
    // The clear events were hashed at their append; sealing them in place changes their stored form.
    const headBefore = (await all(raw.readStream('student-st-old'))).at(-1)!.hash!;
    await migrate();
    const verified = await new ChainVerifier(raw).verifyLog();
    expect(verified.breaks).toEqual([]);
    expect(verified.brokenStreams).toBe(0);
    const headAfter = (await all(raw.readStream('student-st-old'))).at(-1)!.hash!;
    expect(headAfter).not.toBe(headBefore);
    const [rewritten] = await all(raw.readStream(MIGRATION_STREAM));
    expect(rewritten.data).toMatchObject({ streamId: 'student-st-old', previousHead: headBefore, head: headAfter });
    // An edit after the migration is still caught.
    await raw.close();
    const db = new Database(join(dir, 'events.sqlite'));
    db.prepare(`UPDATE events SET data = json_set(data, '$.entryDate', '2021-09-01') WHERE stream_id = 'student-st-old' AND revision = 1`).run();
    db.close();
    raw = SqliteEventStore.open({ file: join(dir, 'events.sqlite') });
    expect((await new ChainVerifier(raw).verifyLog()).breaks.map((b) => [b.streamId, b.reason])).toEqual([['student-st-old', 'data changed']]);
  });

  it('a second run finds nothing left to re-write', async () => {
    await migrate();
    expect(await migrate()).toMatchObject({ streamsRewritten: 0, eventsSealed: 0 });
  });

  it('a student erased before the migration: the clear fields become [erased], nothing is sealed for it', async () => {
    await keys.destroy('st-old', new Date());
    await migrate();
    const [registered] = await all(raw.readStream('student-st-old'));
    expect(registered.data).toMatchObject({ studentId: 'st-old', givenName: '[erased]', email: '[erased]' });
  });
});
