import { SPEC_NOW, specFor } from '../../test/support/decider-spec';
import { RecordHostingInterest } from './hosting-interest.commands';
import { hostingInterestDecider, HostingInterestLookups } from './hosting-interest.decider';
import { HostingAppetite, HostingInterestEvent } from './hosting-interest.events';
import { LOCK_IN_FLIGHT_MS } from './hosting-interest.rules';

const facts: HostingInterestLookups = { school: { type: 'school', closed: false }, academicYearExists: true, placements: {} };
const spec = specFor(hostingInterestDecider, facts);
const record = (appetite: RecordHostingInterest['appetite'], extra: Partial<RecordHostingInterest> = {}): RecordHostingInterest => ({
  type: 'RecordHostingInterest', schoolId: 's-1', academicYearId: 'ay-1', appetite, ...extra,
});
const recorded = (appetite: HostingAppetite, previousAppetite: HostingAppetite | null = null, reasons: string[] = []): HostingInterestEvent => ({
  type: 'HostingInterestRecorded',
  data: { schoolId: 's-1', academicYearId: 'ay-1', appetite, reasons, details: null, previousAppetite },
});
const locked = (lockedAt = SPEC_NOW.toISOString(), placementRevision = 2, lockId = 'l-1'): HostingInterestEvent => ({
  type: 'HostingInterestLocked',
  data: { schoolId: 's-1', academicYearId: 'ay-1', lockId, placementId: 'pl-1', providerId: 'p-1', placementRevision, lockedAt },
});
const lookupsWithPlacement = (assigned: boolean, revision: number | null) => ({ lookups: { placements: { 'pl-1': { assigned, revision } } } });

describe('Hosting interest decider', () => {
  it('records the first appetite for a school and year', () => {
    spec.given().when(record('actively_looking', { details: { placements: 3 } })).then([
      { type: 'HostingInterestRecorded', data: { schoolId: 's-1', academicYearId: 'ay-1', appetite: 'actively_looking', reasons: [], details: { placements: 3 }, previousAppetite: null } },
    ]);
  });

  it('keeps every change: each record names the appetite it replaces (appetite history)', () => {
    spec.given([recorded('interested')]).when(record('actively_looking')).then([recorded('actively_looking', 'interested')]);
  });

  it('recording the same again decides nothing', () => {
    spec.given([recorded('actively_looking')]).when(record('actively_looking')).then([]);
  });

  describe('not_open needs at least one reason', () => {
    it('refuses not_open without reasons, or with blank ones', () => {
      spec.given().when(record('not_open')).thenFails('ReasonRequired');
      spec.given().when(record('not_open', { reasons: ['  '] })).thenFails('ReasonRequired');
    });
    it('accepts not_open with a reason (trimmed, duplicates dropped)', () => {
      spec.given().when(record('not_open', { reasons: [' No mentors ', 'No mentors'] })).then([recorded('not_open', null, ['No mentors'])]);
    });
  });

  it('details are free JSON up to 16 KB', () => {
    spec.given().when(record('interested', { details: { notes: 'x'.repeat(16 * 1024) } })).thenFails('HostingInterestDetailsTooLarge');
    spec.given().when(record('interested', { details: { notes: 'x'.repeat(16 * 1024 - 20) } })).then([
      { type: 'HostingInterestRecorded', data: { schoolId: 's-1', academicYearId: 'ay-1', appetite: 'interested', reasons: [], details: { notes: 'x'.repeat(16 * 1024 - 20) }, previousAppetite: null } },
    ]);
  });

  it('the seed’s placeholder appetites are accepted: not_interested → not_open, unsure → interested', () => {
    spec.given().when(record('not_interested', { reasons: ['Full'] })).then([recorded('not_open', null, ['Full'])]);
    spec.given().when(record('unsure')).then([recorded('interested')]);
  });

  it('the school must be a school and the year must exist', () => {
    spec.given().when(record('interested'), { lookups: { school: { type: 'provider', closed: false } } }).thenFails('NotASchool');
    spec.given().when(record('interested'), { lookups: { school: { type: null, closed: false } } }).thenFails('SchoolNotFound');
    spec.given().when(record('interested'), { lookups: { academicYearExists: false } }).thenFails('AcademicYearNotFound');
  });

  describe('locked once any placement of that school and year has a provider (HostingInterestLocked, 409)', () => {
    it('refuses a change while a locked placement has its provider', () => {
      const error = spec.given([recorded('actively_looking'), locked()]).when(record('not_open', { reasons: ['Full'] }), lookupsWithPlacement(true, 2)).thenFails('HostingInterestLocked');
      expect(error.kind).toBe('conflict');
      expect(error.details).toEqual([{ placementIds: ['pl-1'] }]);
    });
    it('refuses a change while an assignment is in flight (the lock is recent and the placement has not reached it)', () => {
      spec.given([recorded('actively_looking'), locked()]).when(record('interested'), lookupsWithPlacement(false, 1)).thenFails('HostingInterestLocked');
    });
    it('a lock left by a crash stops counting once it is older than the in-flight window', () => {
      const old = new Date(SPEC_NOW.getTime() - LOCK_IN_FLIGHT_MS - 1).toISOString();
      spec.given([recorded('actively_looking'), locked(old)]).when(record('interested'), lookupsWithPlacement(false, 1)).then([recorded('interested', 'actively_looking')]);
    });
    it('a lock whose placement was unassigned since no longer counts, even before the unlock', () => {
      spec.given([recorded('actively_looking'), locked()]).when(record('interested'), lookupsWithPlacement(false, 3)).then([recorded('interested', 'actively_looking')]);
    });
    it('unlocking after the unassignment frees it', () => {
      const unlocked = spec
        .given([recorded('actively_looking'), locked()])
        .when({ type: 'UnlockHostingInterest', schoolId: 's-1', academicYearId: 'ay-1', placementId: 'pl-1', unassignedAtRevision: 3 })
        .state();
      expect(unlocked.locks).toEqual([]);
    });
  });

  describe('locks', () => {
    it('takes a lock for an assignment, once per lock id', () => {
      spec.given([recorded('actively_looking')]).when({ type: 'LockHostingInterest', schoolId: 's-1', academicYearId: 'ay-1', lockId: 'l-1', placementId: 'pl-1', providerId: 'p-1', placementRevision: 2 }).then([locked()]);
      spec.given([recorded('actively_looking'), locked()]).when({ type: 'LockHostingInterest', schoolId: 's-1', academicYearId: 'ay-1', lockId: 'l-1', placementId: 'pl-1', providerId: 'p-1', placementRevision: 2 }).then([]);
    });
    it('refuses a lock when the school is not actively looking (its unassigned placements are being deleted)', () => {
      spec.given([recorded('not_open', null, ['Full'])]).when({ type: 'LockHostingInterest', schoolId: 's-1', academicYearId: 'ay-1', lockId: 'l-1', placementId: 'pl-1', providerId: 'p-1', placementRevision: 2 }).thenFails('HostingInterestNotActivelyLooking');
    });
    it('an unlock by lock id frees only that lock; an unlock taken before a later lock leaves the later one', () => {
      const state = spec.given([locked(undefined, 2, 'l-1'), locked(undefined, 5, 'l-2')]).state;
      const byId = hostingInterestDecider.decide({ type: 'UnlockHostingInterest', schoolId: 's-1', academicYearId: 'ay-1', placementId: 'pl-1', lockId: 'l-2' }, state, { now: SPEC_NOW, lookups: {} });
      expect(byId).toEqual([{ type: 'HostingInterestUnlocked', data: { schoolId: 's-1', academicYearId: 'ay-1', placementId: 'pl-1', lockIds: ['l-2'] } }]);
      const before = hostingInterestDecider.decide({ type: 'UnlockHostingInterest', schoolId: 's-1', academicYearId: 'ay-1', placementId: 'pl-1', unassignedAtRevision: 4 }, state, { now: SPEC_NOW, lookups: {} });
      expect(before).toEqual([{ type: 'HostingInterestUnlocked', data: { schoolId: 's-1', academicYearId: 'ay-1', placementId: 'pl-1', lockIds: ['l-1'] } }]);
    });
  });
});
