import { specFor } from '../../test/support/decider-spec';
import { ClaimCommand } from './claim.commands';
import { claimDecider } from './claim.decider';
import { CLAIM_STATUSES, ClaimEvent, ClaimStatus } from './claim.events';
import { ALLOWED_FROM, TransitionCommand } from './claim.policy';
import { claimReservations } from './claim.reservations';
import { ActingUserFact, ClaimLookups } from './claim.rules';
import { holdingOf } from './claim.values';

const SCHOOL_USER: ActingUserFact = { userId: 'u-school', active: true, organisationIds: ['s-1'], support: false };
const SUPPORT: ActingUserFact = { userId: 'u-support', active: true, organisationIds: ['dfe'], support: true };
const SUPPORT_2: ActingUserFact = { userId: 'u-support-2', active: true, organisationIds: ['dfe'], support: true };
const asSchool = { actingUserId: 'u-school', lookups: { actingUser: SCHOOL_USER } };
const asSupport = { actingUserId: 'u-support', lookups: { actingUser: SUPPORT } };
const asSupport2 = { actingUserId: 'u-support-2', lookups: { actingUser: SUPPORT_2 } };
const as = (who: typeof asSchool, lookups: Partial<ClaimLookups>) => ({ ...who, lookups: { ...who.lookups, ...lookups } });

const LOOKUPS: ClaimLookups = {
  school: { id: 's-1', type: 'school', closed: false, onboardedForClaims: true, eligibleAcademicYearIds: ['y-2025'], grantConditionsAccepted: true, fundingRegion: 'rest_of_england' },
  provider: { id: 'p-1', type: 'provider', closed: false, accredited: true },
  mentors: { 'm-1': { mentorId: 'm-1', exists: true, schoolIds: ['s-1'] }, 'm-2': { mentorId: 'm-2', exists: true, schoolIds: ['s-1'] } },
  academicYear: { academicYearId: 'y-2025', exists: true, fundingRates: { inner_london: 5360, outer_london: 4825, fringe: 4510, rest_of_england: 4380 } },
  refresherEligibleMentorIds: [],
  claimWindows: [
    { claimWindowId: 'w-1', startsOn: '2025-09-15', endsOn: '2025-10-31' },
    { claimWindowId: 'w-2', startsOn: '2026-01-05', endsOn: '2026-02-28' },
  ],
  reference: '12345678',
};
const spec = specFor(claimDecider, LOOKUPS);

const trainings = [
  { mentorId: 'm-1', hours: 10, trainingType: 'initial' as const },
  { mentorId: 'm-2', hours: 6, trainingType: 'initial' as const },
];
const content = { schoolId: 's-1', providerId: 'p-1', academicYearId: 'y-2025', mentorTrainings: trainings };
const draftCommand: ClaimCommand = { type: 'DraftClaim', claimId: 'c-1', ...content };

const e = {
  drafted: { type: 'ClaimDrafted', data: { claimId: 'c-1', reference: '12345678', revision: 1, ...content } },
  submitted: {
    type: 'ClaimSubmitted',
    data: { claimId: 'c-1', claimWindowId: 'w-1', submittedAt: '2025-10-01T09:00:00.000Z', submittedBy: 'u-school', fundingRegion: 'rest_of_england', ratePence: 4380, amountPence: 16 * 4380 },
  },
  paymentRequested: { type: 'ClaimPaymentRequested', data: { claimId: 'c-1', claimWindowId: 'w-1' } },
  paid: { type: 'ClaimPaid', data: { claimId: 'c-1' } },
  infoRequested: { type: 'ClaimPaymentInformationRequested', data: { claimId: 'c-1', reason: 'Bank details missing' } },
  infoSent: { type: 'ClaimPaymentInformationSent', data: { claimId: 'c-1' } },
  notApproved: { type: 'ClaimPaymentNotApproved', data: { claimId: 'c-1', reason: 'No evidence' } },
  sampled: { type: 'ClaimSampled', data: { claimId: 'c-1', reason: 'Random sample' } },
  providerRejected: {
    type: 'ClaimProviderSamplingRejected',
    data: { claimId: 'c-1', mentors: [{ mentorId: 'm-1', accepted: true }, { mentorId: 'm-2', accepted: false, reason: 'Did not attend' }] },
  },
  samplingRejected: { type: 'ClaimSamplingRejected', data: { claimId: 'c-1', mentors: [{ mentorId: 'm-2', reason: 'Did not attend' }] } },
  clawbackRequested: {
    type: 'ClaimClawbackRequested',
    data: { claimId: 'c-1', mentors: [{ mentorId: 'm-2', hoursClaimed: 6, hoursKept: 0, hoursClawedBack: 6, reason: 'Did not attend' }], amountPence: 6 * 4380, requestedBy: 'u-support' },
  },
  clawbackApproved: { type: 'ClaimClawbackApproved', data: { claimId: 'c-1', approvedBy: 'u-support-2' } },
  clawbackRejected: { type: 'ClaimClawbackRejected', data: { claimId: 'c-1', reason: 'Recount', rejectedBy: 'u-support-2' } },
  clawbackSent: { type: 'ClaimClawbackSent', data: { claimId: 'c-1', claimWindowId: 'w-1' } },
  clawbackCompleted: { type: 'ClaimClawbackCompleted', data: { claimId: 'c-1' } },
  markedInvalid: { type: 'ClaimProviderMarkedInvalid', data: { claimId: 'c-1', previousStatus: 'draft' } },
  deleted: { type: 'ClaimDeleted', data: { claimId: 'c-1', previousStatus: 'draft' } },
} satisfies Record<string, ClaimEvent>;

/** The events that bring claim c-1 to each status. */
const HISTORY: Record<ClaimStatus, ClaimEvent[]> = (() => {
  const submitted = [e.drafted, e.submitted];
  const inProgress = [...submitted, e.paymentRequested];
  const paid = [...inProgress, e.paid];
  const sampling = [...paid, e.sampled];
  const providerNo = [...sampling, e.providerRejected];
  const samplingNo = [...providerNo, e.samplingRejected];
  const needsApproval = [...samplingNo, e.clawbackRequested];
  const clawbackRequested = [...needsApproval, e.clawbackApproved];
  const inClawback = [...clawbackRequested, e.clawbackSent];
  return {
    draft: [e.drafted],
    submitted,
    payment_in_progress: inProgress,
    payment_information_requested: [...inProgress, e.infoRequested],
    payment_information_sent: [...inProgress, e.infoRequested, e.infoSent],
    paid,
    payment_not_approved: [...inProgress, e.infoRequested, e.notApproved],
    sampling_in_progress: sampling,
    sampling_provider_not_approved: providerNo,
    sampling_not_approved: samplingNo,
    clawback_requires_approval: needsApproval,
    clawback_requested: clawbackRequested,
    clawback_rejected: [...needsApproval, e.clawbackRejected],
    clawback_in_progress: inClawback,
    clawback_complete: [...inClawback, e.clawbackCompleted],
    invalid_provider: [e.drafted, e.markedInvalid],
    deleted: [e.drafted, e.deleted],
  };
})();

/** A well-formed instance of every command. */
const COMMANDS: Record<ClaimCommand['type'], ClaimCommand> = {
  DraftClaim: { ...draftCommand, mentorTrainings: [trainings[0]] } as ClaimCommand,
  ReviseClaim: { type: 'ReviseClaim', claimId: 'c-1', mentorTrainings: [{ mentorId: 'm-1', hours: 12, trainingType: 'initial' }] },
  SubmitClaim: { type: 'SubmitClaim', claimId: 'c-1' },
  DeleteClaim: { type: 'DeleteClaim', claimId: 'c-1' },
  RequestClaimPayment: { type: 'RequestClaimPayment', claimId: 'c-1', claimWindowId: 'w-1' },
  RecordClaimPaymentResponse: { type: 'RecordClaimPaymentResponse', claimId: 'c-1', outcome: 'paid' },
  RecordPaymentInformationSent: { type: 'RecordPaymentInformationSent', claimId: 'c-1' },
  ApproveClaimPayment: { type: 'ApproveClaimPayment', claimId: 'c-1' },
  RejectClaimPayment: { type: 'RejectClaimPayment', claimId: 'c-1', reason: 'No evidence' },
  SampleClaim: { type: 'SampleClaim', claimId: 'c-1', reason: 'Random sample' },
  RecordProviderSamplingResponse: { type: 'RecordProviderSamplingResponse', claimId: 'c-1', mentors: [{ mentorId: 'm-1', accepted: true }, { mentorId: 'm-2', accepted: true }] },
  ApproveSampledClaim: { type: 'ApproveSampledClaim', claimId: 'c-1' },
  RejectSampledClaim: { type: 'RejectSampledClaim', claimId: 'c-1', mentors: [{ mentorId: 'm-2', reason: 'Did not attend' }] },
  RequestClawback: { type: 'RequestClawback', claimId: 'c-1', mentors: [{ mentorId: 'm-2', hoursKept: 2, reason: 'Partly attended' }] },
  ApproveClawback: { type: 'ApproveClawback', claimId: 'c-1' },
  RejectClawback: { type: 'RejectClawback', claimId: 'c-1', reason: 'Recount' },
  SendClawback: { type: 'SendClawback', claimId: 'c-1', claimWindowId: 'w-1' },
  RecordClawbackComplete: { type: 'RecordClawbackComplete', claimId: 'c-1' },
  MarkClaimProviderInvalid: { type: 'MarkClaimProviderInvalid', claimId: 'c-1' },
  ChangeClaimProvider: { type: 'ChangeClaimProvider', claimId: 'c-1', providerId: 'p-2' },
};

const P2 = { provider: { id: 'p-2', type: 'provider', closed: false, accredited: true } };

/** Every row of the transition table: from each allowed status, the command and the event it decides. */
const ROWS: [TransitionCommand, ClaimStatus, ClaimCommand, typeof asSchool, ClaimEvent['type'], ClaimStatus][] = [
  ['ReviseClaim', 'draft', COMMANDS.ReviseClaim, asSchool, 'ClaimRevised', 'draft'],
  ['SubmitClaim', 'draft', COMMANDS.SubmitClaim, asSchool, 'ClaimSubmitted', 'submitted'],
  ['DeleteClaim', 'draft', COMMANDS.DeleteClaim, asSchool, 'ClaimDeleted', 'deleted'],
  ['DeleteClaim', 'invalid_provider', COMMANDS.DeleteClaim, asSchool, 'ClaimDeleted', 'deleted'],
  ['DeleteClaim', 'submitted', COMMANDS.DeleteClaim, asSupport, 'ClaimDeleted', 'deleted'],
  ['RequestClaimPayment', 'submitted', COMMANDS.RequestClaimPayment, asSupport, 'ClaimPaymentRequested', 'payment_in_progress'],
  ['RecordClaimPaymentResponse', 'payment_in_progress', COMMANDS.RecordClaimPaymentResponse, asSupport, 'ClaimPaid', 'paid'],
  [
    'RecordClaimPaymentResponse', 'payment_in_progress', { type: 'RecordClaimPaymentResponse', claimId: 'c-1', outcome: 'unpaid', reason: 'Bank details missing' },
    asSupport, 'ClaimPaymentInformationRequested', 'payment_information_requested',
  ],
  ['RecordPaymentInformationSent', 'payment_information_requested', COMMANDS.RecordPaymentInformationSent, asSupport, 'ClaimPaymentInformationSent', 'payment_information_sent'],
  ['ApproveClaimPayment', 'payment_information_sent', COMMANDS.ApproveClaimPayment, asSupport, 'ClaimPaid', 'paid'],
  ['RejectClaimPayment', 'payment_information_requested', COMMANDS.RejectClaimPayment, asSupport, 'ClaimPaymentNotApproved', 'payment_not_approved'],
  ['RejectClaimPayment', 'payment_information_sent', COMMANDS.RejectClaimPayment, asSupport, 'ClaimPaymentNotApproved', 'payment_not_approved'],
  ['SampleClaim', 'paid', COMMANDS.SampleClaim, asSupport, 'ClaimSampled', 'sampling_in_progress'],
  ['RecordProviderSamplingResponse', 'sampling_in_progress', COMMANDS.RecordProviderSamplingResponse, asSupport, 'ClaimProviderSamplingAccepted', 'paid'],
  [
    'RecordProviderSamplingResponse', 'sampling_in_progress',
    { type: 'RecordProviderSamplingResponse', claimId: 'c-1', mentors: [{ mentorId: 'm-1', accepted: true }, { mentorId: 'm-2', accepted: false, reason: 'Did not attend' }] },
    asSupport, 'ClaimProviderSamplingRejected', 'sampling_provider_not_approved',
  ],
  ['ApproveSampledClaim', 'sampling_in_progress', COMMANDS.ApproveSampledClaim, asSupport, 'ClaimSamplingApproved', 'paid'],
  ['ApproveSampledClaim', 'sampling_provider_not_approved', COMMANDS.ApproveSampledClaim, asSupport, 'ClaimSamplingApproved', 'paid'],
  ['RejectSampledClaim', 'sampling_provider_not_approved', COMMANDS.RejectSampledClaim, asSupport, 'ClaimSamplingRejected', 'sampling_not_approved'],
  ['RequestClawback', 'sampling_not_approved', COMMANDS.RequestClawback, asSupport, 'ClaimClawbackRequested', 'clawback_requires_approval'],
  ['RequestClawback', 'clawback_rejected', COMMANDS.RequestClawback, asSupport, 'ClaimClawbackRequested', 'clawback_requires_approval'],
  [
    'RequestClawback', 'sampling_not_approved', { type: 'RequestClawback', claimId: 'c-1', mentors: [{ mentorId: 'm-2', hoursKept: 6, reason: 'Evidence found' }] },
    asSupport, 'ClaimClawbackWaived', 'paid',
  ],
  ['ApproveClawback', 'clawback_requires_approval', COMMANDS.ApproveClawback, asSupport2, 'ClaimClawbackApproved', 'clawback_requested'],
  ['RejectClawback', 'clawback_requires_approval', COMMANDS.RejectClawback, asSupport2, 'ClaimClawbackRejected', 'clawback_rejected'],
  ['SendClawback', 'clawback_requested', COMMANDS.SendClawback, asSupport, 'ClaimClawbackSent', 'clawback_in_progress'],
  ['RecordClawbackComplete', 'clawback_in_progress', COMMANDS.RecordClawbackComplete, asSupport, 'ClaimClawbackCompleted', 'clawback_complete'],
  ['MarkClaimProviderInvalid', 'draft', COMMANDS.MarkClaimProviderInvalid, asSupport, 'ClaimProviderMarkedInvalid', 'invalid_provider'],
  ['MarkClaimProviderInvalid', 'submitted', COMMANDS.MarkClaimProviderInvalid, asSupport, 'ClaimProviderMarkedInvalid', 'invalid_provider'],
  ['ChangeClaimProvider', 'invalid_provider', COMMANDS.ChangeClaimProvider, as(asSupport, P2), 'ClaimProviderChanged', 'draft'],
];

describe('Claim decider', () => {
  describe('the transition table', () => {
    it('DraftClaim: (new) → draft, content revision 1', () => {
      spec.given().when(draftCommand, asSchool).then([e.drafted]);
    });

    it.each(ROWS)('%s: %s → %s', (_name, from, command, who, eventType, to) => {
      const when = spec.given(HISTORY[from]).when(command, who);
      expect(when.state().status).toBe(to);
      when.then([expect.objectContaining({ type: eventType, data: expect.objectContaining({ claimId: 'c-1' }) }) as ClaimEvent]);
    });

    it('names every status and every command with at least one row', () => {
      const commands = new Set(ROWS.map((r) => r[0]));
      expect([...commands].sort()).toEqual(Object.keys(ALLOWED_FROM).sort());
      for (const [command, statuses] of Object.entries(ALLOWED_FROM)) {
        for (const status of statuses) expect(ROWS.some((r) => r[0] === command && r[1] === status)).toBe(true);
      }
    });

    it.each(CLAIM_STATUSES.map((s) => [s]))('in status %s every command outside the table is InvalidClaimTransition naming both', (status) => {
      const refused = (Object.keys(COMMANDS) as ClaimCommand['type'][]).filter((c) => c === 'DraftClaim' || !ALLOWED_FROM[c].includes(status));
      expect(refused.length).toBeGreaterThan(0);
      for (const type of refused) {
        const failure = spec.given(HISTORY[status]).when(COMMANDS[type], as(asSupport, P2)).thenFails('InvalidClaimTransition');
        expect(failure.kind).toBe('conflict');
        expect(failure.details).toEqual([{ claimId: 'c-1', status, command: type === 'RequestClaimPayment' ? 'RequestClaimPayments' : type === 'SendClawback' ? 'SendClawbacks' : type }]);
        expect(failure.message).toContain(status);
      }
    });

    it('a command on a claim that does not exist is NotFound', () => {
      spec.given().when(COMMANDS.SubmitClaim, asSchool).thenFails('NotFound');
    });

    it('repeating the same DraftClaim decides nothing', () => {
      spec.given([e.drafted]).when(draftCommand, asSchool).then([]);
    });
  });

  describe('rule 1: who may claim, with which provider, for which mentors', () => {
    const school = (changes: object) => ({ school: { ...LOOKUPS.school!, ...changes } });
    it('refuses a school not onboarded to claims', () => void spec.given().when(draftCommand, as(asSchool, school({ onboardedForClaims: false }))).thenFails('SchoolNotOnboarded'));
    it('refuses a closed school', () => void spec.given().when(draftCommand, as(asSchool, school({ closed: true }))).thenFails('OrganisationClosed'));
    it('refuses a school not eligible for the academic year', () => void spec.given().when(draftCommand, as(asSchool, school({ eligibleAcademicYearIds: ['y-2024'] }))).thenFails('SchoolNotEligible'));
    it('refuses a school that has not accepted the grant conditions', () => void spec.given().when(draftCommand, as(asSchool, school({ grantConditionsAccepted: false }))).thenFails('GrantConditionsNotAccepted'));
    it('refuses an organisation that is not a school', () => void spec.given().when(draftCommand, as(asSchool, school({ type: 'provider' }))).thenFails('NotASchool'));
    it('refuses a provider that is not accredited', () => {
      spec.given().when(draftCommand, as(asSchool, { provider: { id: 'p-1', type: 'provider', closed: false, accredited: false } })).thenFails('ProviderNotAccredited');
    });
    it('refuses a mentor who does not belong to the school', () => {
      spec.given().when(draftCommand, as(asSchool, { mentors: { ...LOOKUPS.mentors, 'm-2': { mentorId: 'm-2', exists: true, schoolIds: ['s-9'] } } })).thenFails('MentorNotAtSchool');
    });
    it('refuses a mentor repeated within the claim', () => {
      spec.given().when({ ...draftCommand, mentorTrainings: [trainings[0], { ...trainings[0], hours: 2 }] } as ClaimCommand, asSchool).thenFails('MentorRepeated');
    });
    it('refuses a claim without mentor trainings', () => {
      spec.given().when({ ...draftCommand, mentorTrainings: [] } as ClaimCommand, asSchool).thenFails('NoMentorTrainings');
    });
    it('checks a revision too', () => {
      spec.given([e.drafted]).when({ type: 'ReviseClaim', claimId: 'c-1', providerId: 'p-3' }, as(asSchool, { provider: { id: 'p-3', type: 'provider', closed: false, accredited: false } })).thenFails('ProviderNotAccredited');
    });
    it('checks the new provider of ChangeClaimProvider', () => {
      spec.given(HISTORY.invalid_provider).when(COMMANDS.ChangeClaimProvider, as(asSupport, { provider: { id: 'p-2', type: 'provider', closed: false, accredited: false } })).thenFails('ProviderNotAccredited');
    });
  });

  describe('rule 2: submission inside an open window stamps window, time, user, rate and amount', () => {
    it('stamps the open window of the claim’s year, the rate of the school’s region and Σ hours × rate', () => {
      spec.given([e.drafted]).when(COMMANDS.SubmitClaim, asSchool).then([e.submitted]);
    });
    it('outside every open window of the year is ClaimWindowClosed (422), naming the next window', () => {
      const failure = spec.given([e.drafted]).when(COMMANDS.SubmitClaim, { ...asSchool, now: new Date('2025-12-01T10:00:00Z') }).thenFails('ClaimWindowClosed');
      expect(failure.kind).toBe('rule');
      expect(failure.details).toEqual([{ academicYearId: 'y-2025', today: '2025-12-01', nextWindow: LOOKUPS.claimWindows![1] }]);
    });
    it('the last day of a window is still open', () => {
      const state = spec.given([e.drafted]).when(COMMANDS.SubmitClaim, { ...asSchool, now: new Date('2025-10-31T23:59:00Z') }).state();
      expect(state).toMatchObject({ status: 'submitted', submission: { claimWindowId: 'w-1' } });
    });
    it('a year without funding rates cannot be submitted', () => {
      spec.given([e.drafted]).when(COMMANDS.SubmitClaim, as(asSchool, { academicYear: { academicYearId: 'y-2025', exists: true } })).thenFails('FundingRatesNotSet');
    });
    it('later events never recompute the amount', () => {
      const state = spec.given([...HISTORY.paid]).state;
      expect(state).toMatchObject({ submission: { ratePence: 4380, amountPence: 16 * 4380 } });
    });
  });

  describe('rule 3: hours and refresher training', () => {
    it('hours are whole numbers above zero', () => {
      spec.given().when({ ...draftCommand, mentorTrainings: [{ mentorId: 'm-1', hours: 1.5, trainingType: 'initial' }] } as ClaimCommand, asSchool).thenFails('InvalidHours');
      spec.given().when({ ...draftCommand, mentorTrainings: [{ mentorId: 'm-1', hours: 0, trainingType: 'initial' }] } as ClaimCommand, asSchool).thenFails('InvalidHours');
    });
    const refresher = { ...draftCommand, mentorTrainings: [{ mentorId: 'm-1', hours: 6, trainingType: 'refresher' }] } as ClaimCommand;
    it('refresher training without an earlier submitted claim with the provider is RefresherNotAllowed (422)', () => {
      expect(spec.given().when(refresher, asSchool).thenFails('RefresherNotAllowed').kind).toBe('rule');
    });
    it('refresher training for a mentor with an earlier submitted claim with the provider is accepted', () => {
      expect(spec.given().when(refresher, as(asSchool, { refresherEligibleMentorIds: ['m-1'] })).state()).toMatchObject({ status: 'draft' });
    });
    it('deleted and not-approved claims hold no hours; drafts do', () => {
      const key = { mentorId: 'm-1', providerId: 'p-1', academicYearId: 'y-2025' };
      expect(holdingOf(spec.given([e.drafted]).state, key)).toEqual({ hours: 10, trainingType: 'initial' });
      expect(holdingOf(spec.given(HISTORY.deleted).state, key).hours).toBe(0);
      expect(holdingOf(spec.given(HISTORY.payment_not_approved).state, key).hours).toBe(0);
      expect(holdingOf(spec.given(HISTORY.clawback_complete).state, key).hours).toBe(10);
    });
  });

  describe('rule 5: an 8-digit reference, reserved, never changed', () => {
    it('the drafted event carries the reference and reserves it', () => {
      const changes = claimReservations([e.drafted]);
      expect(changes.claim.map((k) => [k.kind, k.value, k.conflictCode])).toEqual([['claim-reference', '12345678', 'ClaimReferenceTaken']]);
    });
    it('a revision keeps the reference and adds one to the content revision', () => {
      const state = spec.given([e.drafted]).when(COMMANDS.ReviseClaim, asSchool).state();
      expect(state).toMatchObject({ reference: '12345678', revision: 2 });
      expect(claimReservations([{ type: 'ClaimRevised', data: { claimId: 'c-1', revision: 2, ...content } }]).claim).toEqual([]);
    });
    it('a revision that changes nothing decides nothing', () => {
      spec.given([e.drafted]).when({ type: 'ReviseClaim', claimId: 'c-1', mentorTrainings: trainings }, asSchool).then([]);
    });
  });

  describe('rule 6: an acting user; school users draft, revise and submit; support users do the rest', () => {
    it('without X-Acting-User every command is ActingUserRequired (403)', () => {
      expect(spec.given().when(draftCommand).thenFails('ActingUserRequired').kind).toBe('forbidden');
      spec.given(HISTORY.paid).when(COMMANDS.SampleClaim).thenFails('ActingUserRequired');
    });
    it('a support user may draft for a school', () => void spec.given().when(draftCommand, asSupport).then([e.drafted]));
    it('a user of another school may not draft', () => {
      spec.given().when(draftCommand, { actingUserId: 'u-x', lookups: { actingUser: { userId: 'u-x', active: true, organisationIds: ['s-2'], support: false } } }).thenFails('SchoolUserRequired');
    });
    it('a deactivated school user may not draft', () => {
      spec.given().when(draftCommand, { ...asSchool, lookups: { actingUser: { ...SCHOOL_USER, active: false } } }).thenFails('SchoolUserRequired');
    });
    it('a support user may not revise or submit', () => {
      spec.given([e.drafted]).when(COMMANDS.ReviseClaim, asSupport).thenFails('SchoolUserRequired');
      spec.given([e.drafted]).when(COMMANDS.SubmitClaim, asSupport).thenFails('SchoolUserRequired');
    });
    it('a school user may not take support steps, nor delete a submitted claim', () => {
      spec.given(HISTORY.paid).when(COMMANDS.SampleClaim, asSchool).thenFails('SupportUserRequired');
      spec.given(HISTORY.submitted).when(COMMANDS.DeleteClaim, asSchool).thenFails('SupportUserRequired');
    });
  });

  describe('rule 7: provider responses cover every mentor; a mentor not accepted needs a reason', () => {
    it('a response missing a mentor is ProviderResponseIncomplete', () => {
      spec.given(HISTORY.sampling_in_progress).when({ type: 'RecordProviderSamplingResponse', claimId: 'c-1', mentors: [{ mentorId: 'm-1', accepted: true }] }, asSupport).thenFails('ProviderResponseIncomplete');
    });
    it('a mentor not accepted without a reason is ReasonRequired', () => {
      spec.given(HISTORY.sampling_in_progress).when({ type: 'RecordProviderSamplingResponse', claimId: 'c-1', mentors: [{ mentorId: 'm-1', accepted: true }, { mentorId: 'm-2', accepted: false }] }, asSupport).thenFails('ReasonRequired');
    });
    it('a mentor not in the claim is MentorNotInClaim', () => {
      spec.given(HISTORY.sampling_in_progress).when({ type: 'RecordProviderSamplingResponse', claimId: 'c-1', mentors: [{ mentorId: 'm-1', accepted: true }, { mentorId: 'm-2', accepted: true }, { mentorId: 'm-9', accepted: true }] }, asSupport).thenFails('MentorNotInClaim');
    });
    it('records each mentor’s answer', () => {
      spec.given(HISTORY.sampling_in_progress).when({ type: 'RecordProviderSamplingResponse', claimId: 'c-1', mentors: [{ mentorId: 'm-1', accepted: true }, { mentorId: 'm-2', accepted: false, reason: 'Did not attend' }] }, asSupport).then([e.providerRejected]);
    });
  });

  describe('rule 8: hoursKept between 0 and the hours claimed; clawback at the claim’s own rate', () => {
    it('more hours kept than claimed is HoursKeptOutOfRange', () => {
      spec.given(HISTORY.sampling_not_approved).when({ type: 'RequestClawback', claimId: 'c-1', mentors: [{ mentorId: 'm-2', hoursKept: 7, reason: 'x' }] }, asSupport).thenFails('HoursKeptOutOfRange');
    });
    it('the amount is Σ (hours − hoursKept) × the rate stamped at submission', () => {
      spec.given(HISTORY.sampling_not_approved).when(COMMANDS.RequestClawback, asSupport).then([
        {
          type: 'ClaimClawbackRequested',
          data: { claimId: 'c-1', mentors: [{ mentorId: 'm-2', hoursClaimed: 6, hoursKept: 2, hoursClawedBack: 4, reason: 'Partly attended' }], amountPence: 4 * 4380, requestedBy: 'u-support' },
        },
      ]);
    });
  });

  describe('rule 9: the approver of a clawback is not its requester', () => {
    it('approving one’s own request is SameApproverAndRequester (422)', () => {
      expect(spec.given(HISTORY.clawback_requires_approval).when(COMMANDS.ApproveClawback, asSupport).thenFails('SameApproverAndRequester').kind).toBe('rule');
    });
    it('rejecting one’s own request is SameApproverAndRequester', () => {
      spec.given(HISTORY.clawback_requires_approval).when(COMMANDS.RejectClawback, asSupport).thenFails('SameApproverAndRequester');
    });
    it('another support user approves', () => {
      spec.given(HISTORY.clawback_requires_approval).when(COMMANDS.ApproveClawback, asSupport2).then([e.clawbackApproved]);
    });
  });

  describe('rule 10: batch commands move each claim of their window once', () => {
    it('a claim of another window is not moved by this window’s batch', () => {
      spec.given(HISTORY.submitted).when({ type: 'RequestClaimPayment', claimId: 'c-1', claimWindowId: 'w-2' }, asSupport).thenFails('ClaimNotInWindow');
    });
    it('a claim already moved is not eligible again', () => {
      spec.given(HISTORY.payment_in_progress).when(COMMANDS.RequestClaimPayment, asSupport).thenFails('InvalidClaimTransition');
      spec.given(HISTORY.clawback_in_progress).when(COMMANDS.SendClawback, asSupport).thenFails('InvalidClaimTransition');
    });
  });

  it('an unpaid payment response needs a reason', () => {
    spec.given(HISTORY.payment_in_progress).when({ type: 'RecordClaimPaymentResponse', claimId: 'c-1', outcome: 'unpaid' }, asSupport).thenFails('ReasonRequired');
  });

  it('a provider change is a content revision and returns the claim to draft, unsubmitted', () => {
    const state = spec.given([e.drafted, e.submitted, { ...e.markedInvalid, data: { claimId: 'c-1', previousStatus: 'submitted' } }]).when(COMMANDS.ChangeClaimProvider, as(asSupport, P2)).state();
    expect(state).toEqual({ status: 'draft', claimId: 'c-1', reference: '12345678', revision: 2, content: { ...content, providerId: 'p-2' } });
  });
});
