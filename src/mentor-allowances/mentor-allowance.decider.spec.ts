import { SPEC_NOW, specFor } from '../../test/support/decider-spec';
import { ReleaseMentorAllowance, ReserveMentorAllowance } from './mentor-allowance.commands';
import { mentorAllowanceDecider, MentorAllowanceLookups } from './mentor-allowance.decider';
import { MentorAllowanceEvent } from './mentor-allowance.events';
import { initialHoursFor } from './mentor-allowance.rules';

const KEY = { mentorId: 'm-1', providerId: 'p-1', academicYearId: 'y-2025' };
const noClaim = { revision: -1, hours: 0, trainingType: null };
const spec = specFor(mentorAllowanceDecider, { initialHours: 16, claims: {} } as MentorAllowanceLookups);

const reserve = (claimId: string, hours: number, claimRevision = 0, trainingType: 'initial' | 'refresher' = 'initial'): ReserveMentorAllowance => ({
  type: 'ReserveMentorAllowance', ...KEY, claimId, claimRevision, claimEventId: `${claimId}-ev${claimRevision}`, hours, trainingType,
});
const reserved = (claimId: string, hours: number, hoursUsed: number, options: { claimRevision?: number; at?: Date; allowanceHours?: number; trainingType?: 'initial' | 'refresher' } = {}): MentorAllowanceEvent => {
  const allowanceHours = options.allowanceHours ?? 16;
  const claimRevision = options.claimRevision ?? 0;
  return {
    type: 'MentorAllowanceReserved',
    data: {
      ...KEY, claimId, claimRevision, claimEventId: `${claimId}-ev${claimRevision}`, hours, trainingType: options.trainingType ?? 'initial',
      reservedAt: (options.at ?? SPEC_NOW).toISOString(), allowanceHours, hoursUsed, hoursRemaining: allowanceHours - hoursUsed,
    },
  };
};
const release = (claimId: string, reason: ReleaseMentorAllowance['reason'], claimEventId?: string): ReleaseMentorAllowance => ({
  type: 'ReleaseMentorAllowance', ...KEY, claimId, reason, ...(claimEventId ? { claimEventId } : {}),
});
const truths = (claims: MentorAllowanceLookups['claims'], initialHours = 16) => ({ lookups: { initialHours, claims } });
const later = (ms: number) => new Date(SPEC_NOW.getTime() + ms);

describe('MentorAllowance decider', () => {
  describe('rule 3: the allowance per mentor, provider and academic year', () => {
    it('initial training is 20 hours for years starting before 2025-08-01 and 16 from 2025/26', () => {
      expect(initialHoursFor('2024-09-01')).toBe(20);
      expect(initialHoursFor('2025-08-01')).toBe(16);
      expect(initialHoursFor('2025-09-01')).toBe(16);
    });
    it('reserves hours within the allowance, stamping what is used and what remains', () => {
      spec.given().when(reserve('c-1', 10), truths({ 'c-1': noClaim })).then([reserved('c-1', 10, 10)]);
    });
    it('counts every school’s claims, drafts included: over the allowance is AllowanceExceeded with the hours remaining', () => {
      const failure = spec
        .given([reserved('c-1', 10, 10)])
        .when(reserve('c-2', 8), truths({ 'c-1': { revision: 0, hours: 10, trainingType: 'initial' }, 'c-2': noClaim }))
        .thenFails('AllowanceExceeded');
      expect(failure.kind).toBe('rule');
      expect(failure.details).toEqual([{ ...KEY, allowanceHours: 16, hoursUsed: 10, hoursRemaining: 6, hoursRequested: 8, hoursHeldByThisClaim: 0 }]);
    });
    it('exactly the remaining hours fit', () => {
      spec.given([reserved('c-1', 10, 10)]).when(reserve('c-2', 6), truths({ 'c-1': { revision: 0, hours: 10, trainingType: 'initial' }, 'c-2': noClaim })).then([reserved('c-2', 6, 16)]);
    });
    it('a claim revised upwards counts once, at its new hours', () => {
      spec
        .given([reserved('c-1', 10, 10)])
        .when(reserve('c-1', 16, 1), truths({ 'c-1': { revision: 0, hours: 10, trainingType: 'initial' } }))
        .then([reserved('c-1', 16, 16, { claimRevision: 1 })]);
    });
    it('refresher training limits the allowance to 6 hours', () => {
      const failure = spec.given().when(reserve('c-1', 8, 0, 'refresher'), truths({ 'c-1': noClaim }, 20)).thenFails('AllowanceExceeded');
      expect(failure.details).toMatchObject([{ allowanceHours: 6, hoursRemaining: 6 }]);
    });
    it('deleted or not-approved claims (holding 0 in their own stream) give their hours back', () => {
      spec
        .given([reserved('c-1', 10, 10)])
        .when(reserve('c-2', 16), truths({ 'c-1': { revision: 3, hours: 0, trainingType: null }, 'c-2': noClaim }))
        .then([reserved('c-2', 16, 16)]);
    });
  });

  describe('rule 4: reservations keyed by claim, reconciled with the claims’ own streams', () => {
    it('a reservation whose claim has not appended yet still counts (a racing claim sees it)', () => {
      spec.given([reserved('c-1', 10, 10)]).when(reserve('c-2', 8), truths({ 'c-1': noClaim, 'c-2': noClaim })).thenFails('AllowanceExceeded');
    });
    it('a retry of the same claim command does not count the claim twice', () => {
      spec.given([reserved('c-1', 10, 10)]).when({ ...reserve('c-1', 10), claimEventId: 'c-1-retry' }, truths({ 'c-1': noClaim })).then([
        { ...reserved('c-1', 10, 10), data: { ...(reserved('c-1', 10, 10).data as object), claimEventId: 'c-1-retry' } } as MentorAllowanceEvent,
      ]);
    });
    it('a reservation whose claim never appended is released as abandoned after the grace period: no phantom hours', () => {
      spec
        .given([reserved('c-1', 10, 10)])
        .when(reserve('c-2', 12), { now: later(31_000), ...truths({ 'c-1': noClaim, 'c-2': noClaim }) })
        .then([
          { type: 'MentorAllowanceReleased', data: { ...KEY, claimId: 'c-1', reason: 'abandoned', claimEventId: 'c-1-ev0', hoursHeld: 0, allowanceHours: 16, hoursUsed: 0, hoursRemaining: 16 } },
          reserved('c-2', 12, 12, { at: later(31_000) }),
        ]);
    });
    it('a reservation that lost its claim’s race (another event took that revision) counts only what the claim holds', () => {
      spec
        .given([reserved('c-1', 10, 10), reserved('c-1', 16, 16, { claimRevision: 1 })])
        .when(reserve('c-2', 6), truths({ 'c-1': { revision: 1, hours: 10, trainingType: 'initial' }, 'c-2': noClaim }))
        .then([reserved('c-2', 6, 16)]);
    });
    it('undoing a reservation whose claim append failed drops exactly that reservation', () => {
      spec
        .given([reserved('c-1', 10, 10)])
        .when(release('c-1', 'claim_not_appended', 'c-1-ev0'), truths({ 'c-1': noClaim }))
        .then([{ type: 'MentorAllowanceReleased', data: { ...KEY, claimId: 'c-1', reason: 'claim_not_appended', claimEventId: 'c-1-ev0', hoursHeld: 0, allowanceHours: 16, hoursUsed: 0, hoursRemaining: 16 } }]);
    });
    it('releasing after a delete records the figures the claim’s stream now gives; a second release decides nothing', () => {
      const releasedEvent: MentorAllowanceEvent = {
        type: 'MentorAllowanceReleased',
        data: { ...KEY, claimId: 'c-1', reason: 'claim_deleted', hoursHeld: 0, allowanceHours: 16, hoursUsed: 0, hoursRemaining: 16 },
      };
      const afterDelete = truths({ 'c-1': { revision: 1, hours: 0, trainingType: null } });
      spec.given([reserved('c-1', 10, 10)]).when(release('c-1', 'claim_deleted'), afterDelete).then([releasedEvent]);
      spec.given([reserved('c-1', 10, 10), releasedEvent]).when(release('c-1', 'claim_deleted'), afterDelete).then([]);
    });
    it('a claim that never reserved here has nothing to release', () => {
      spec.given([reserved('c-1', 10, 10)]).when(release('c-9', 'claim_deleted'), truths({ 'c-9': noClaim })).then([]);
    });
  });
});
