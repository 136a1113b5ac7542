import { assertNever, Decider, DecisionContext } from '../shared/decider';
import { conflict, forbidden, notFound, ruleBroken } from '../shared/domain-error';
import { ClaimCommand, DraftClaim, RecordProviderSamplingResponse, RequestClawback } from './claim.commands';
import { ClaimContent, ClaimEvent, ClawbackMentor, statusAfter } from './claim.events';
import { ALLOWED_FROM, apiNameOf, requiredActor } from './claim.policy';
import { checkActor, checkContent, checkProvider, ClaimLookups, openWindow, rateFor, totalHours } from './claim.rules';
import { ClaimState, ExistingClaim, PipelineStatus, sameContent, Submission } from './claim.values';

export type { ClaimState } from './claim.values';
export type { ClaimLookups } from './claim.rules';

type Context = DecisionContext<ClaimLookups>;
type Decided = ClaimEvent[];

const isoDay = (now: Date) => now.toISOString().slice(0, 10);

function draft(command: DraftClaim, state: ClaimState, { lookups }: Context): Decided {
  const { type: _type, claimId, ...content } = command;
  if (state.status !== 'none') {
    if (state.status === 'draft' && state.revision === 1 && sameContent(state.content, content)) return [];
    throw invalidTransition(state, command);
  }
  checkActor(requiredActor('DraftClaim', 'none'), content.schoolId, lookups.actingUser, 'draft a claim');
  checkContent(content, lookups);
  if (!lookups.reference) throw new Error('DraftClaim needs a reference chosen by the handler');
  return [{ type: 'ClaimDrafted', data: { claimId, reference: lookups.reference, revision: 1, ...content } }];
}

const invalidTransition = (state: ExistingClaim, command: ClaimCommand) =>
  conflict('InvalidClaimTransition', `A claim in status ${state.status} cannot take ${apiNameOf(command.type)}.`, [
    { claimId: state.claimId, status: state.status, command: apiNameOf(command.type) },
  ]);

function submitted(state: ExistingClaim): Submission {
  if (!('submission' in state) || !state.submission) throw new Error(`Claim ${state.claimId} in status ${state.status} has no submission`);
  return state.submission;
}

/** Rule 7: a response for every mentor of the claim, a reason for each one not accepted. */
function providerResponse(state: ExistingClaim, command: RecordProviderSamplingResponse): Decided {
  const claimed = state.content.mentorTrainings.map((t) => t.mentorId);
  const answered = command.mentors.map((m) => m.mentorId);
  const unknown = answered.filter((id) => !claimed.includes(id));
  if (unknown.length) throw ruleBroken('MentorNotInClaim', `Mentor ${unknown[0]} is not in this claim.`, unknown.map((mentorId) => ({ mentorId })));
  const missing = claimed.filter((id) => !answered.includes(id));
  const repeated = answered.filter((id, i) => answered.indexOf(id) !== i);
  if (missing.length || repeated.length) {
    throw ruleBroken('ProviderResponseIncomplete', 'The provider response must answer once for every mentor of the claim.', [
      ...missing.map((mentorId) => ({ mentorId, problem: 'missing' })),
      ...repeated.map((mentorId) => ({ mentorId, problem: 'repeated' })),
    ]);
  }
  const unexplained = command.mentors.filter((m) => !m.accepted && !m.reason?.trim());
  if (unexplained.length) {
    throw ruleBroken('ReasonRequired', 'Each mentor the provider does not accept needs a reason.', unexplained.map((m) => ({ mentorId: m.mentorId })));
  }
  const mentors = command.mentors.map((m) => ({ mentorId: m.mentorId, accepted: m.accepted, ...(m.accepted ? {} : { reason: m.reason!.trim() }) }));
  const type = mentors.every((m) => m.accepted) ? 'ClaimProviderSamplingAccepted' : 'ClaimProviderSamplingRejected';
  return [{ type, data: { claimId: state.claimId, mentors } }];
}

/** Rule 8: hours kept lie between 0 and the hours claimed; the amount uses the claim's own rate. */
function clawback(state: ExistingClaim, command: RequestClawback, requestedBy: string): Decided {
  const byMentor = new Map(state.content.mentorTrainings.map((t) => [t.mentorId, t]));
  const unknown = command.mentors.filter((m) => !byMentor.has(m.mentorId));
  if (unknown.length) throw ruleBroken('MentorNotInClaim', `Mentor ${unknown[0].mentorId} is not in this claim.`, unknown.map((m) => ({ mentorId: m.mentorId })));
  const ids = command.mentors.map((m) => m.mentorId);
  const repeated = ids.filter((id, i) => ids.indexOf(id) !== i);
  if (repeated.length) throw ruleBroken('MentorRepeated', `Mentor ${repeated[0]} appears more than once.`, repeated.map((mentorId) => ({ mentorId })));
  const outOfRange = command.mentors.filter((m) => !Number.isInteger(m.hoursKept) || m.hoursKept < 0 || m.hoursKept > byMentor.get(m.mentorId)!.hours);
  if (outOfRange.length) {
    throw ruleBroken(
      'HoursKeptOutOfRange',
      'hoursKept is a whole number between 0 and the hours claimed for that mentor.',
      outOfRange.map((m) => ({ mentorId: m.mentorId, hoursKept: m.hoursKept, hoursClaimed: byMentor.get(m.mentorId)!.hours })),
    );
  }
  const mentors: ClawbackMentor[] = command.mentors.map((m) => {
    const hoursClaimed = byMentor.get(m.mentorId)!.hours;
    return { mentorId: m.mentorId, hoursClaimed, hoursKept: m.hoursKept, hoursClawedBack: hoursClaimed - m.hoursKept, reason: m.reason };
  });
  const clawedBack = mentors.reduce((sum, m) => sum + m.hoursClawedBack, 0);
  if (clawedBack === 0) return [{ type: 'ClaimClawbackWaived', data: { claimId: state.claimId, mentors, requestedBy } }];
  const amountPence = clawedBack * submitted(state).ratePence;
  return [{ type: 'ClaimClawbackRequested', data: { claimId: state.claimId, mentors, amountPence, requestedBy } }];
}

/** Rule 9: four eyes on a clawback. */
function checkOtherApprover(state: ExistingClaim, actingUserId: string): void {
  const requestedBy = state.status === 'clawback_requires_approval' ? state.clawback?.requestedBy : undefined;
  if (requestedBy === actingUserId) {
    throw ruleBroken('SameApproverAndRequester', `User ${actingUserId} requested this clawback; another support user approves or rejects it.`, [
      { requestedBy },
    ]);
  }
}

function transition(command: Exclude<ClaimCommand, DraftClaim>, state: ExistingClaim, context: Context, actingUserId: string): Decided {
  const { claimId } = state;
  const { lookups, now } = context;
  switch (command.type) {
    case 'ReviseClaim': {
      const content: ClaimContent = {
        ...state.content,
        providerId: command.providerId ?? state.content.providerId,
        mentorTrainings: command.mentorTrainings ?? state.content.mentorTrainings,
      };
      if (sameContent(content, state.content)) return [];
      checkContent(content, lookups);
      return [{ type: 'ClaimRevised', data: { claimId, revision: state.revision + 1, ...content } }];
    }
    case 'SubmitClaim': {
      checkContent(state.content, lookups);
      const window = openWindow(state.content.academicYearId, lookups.claimWindows ?? [], isoDay(now));
      const { fundingRegion, ratePence } = rateFor(state.content, lookups.school, lookups.academicYear);
      const amountPence = totalHours(state.content.mentorTrainings) * ratePence;
      return [
        {
          type: 'ClaimSubmitted',
          data: { claimId, claimWindowId: window.claimWindowId, submittedAt: now.toISOString(), submittedBy: actingUserId, fundingRegion, ratePence, amountPence },
        },
      ];
    }
    case 'DeleteClaim':
      return [{ type: 'ClaimDeleted', data: { claimId, previousStatus: state.status } }];
    case 'RequestClaimPayment':
    case 'SendClawback': {
      const windowId = submitted(state).claimWindowId;
      if (windowId !== command.claimWindowId) {
        throw conflict('ClaimNotInWindow', `Claim ${claimId} was submitted in window ${windowId}, not ${command.claimWindowId}.`);
      }
      return command.type === 'RequestClaimPayment'
        ? [{ type: 'ClaimPaymentRequested', data: { claimId, claimWindowId: windowId } }]
        : [{ type: 'ClaimClawbackSent', data: { claimId, claimWindowId: windowId } }];
    }
    case 'RecordClaimPaymentResponse': {
      if (command.outcome === 'paid') return [{ type: 'ClaimPaid', data: { claimId } }];
      const reason = command.reason?.trim();
      if (!reason) throw ruleBroken('ReasonRequired', 'An unpaid payment response needs a reason.');
      return [{ type: 'ClaimPaymentInformationRequested', data: { claimId, reason } }];
    }
    case 'RecordPaymentInformationSent':
      return [{ type: 'ClaimPaymentInformationSent', data: { claimId } }];
    case 'ApproveClaimPayment':
      return [{ type: 'ClaimPaid', data: { claimId } }];
    case 'RejectClaimPayment':
      return [{ type: 'ClaimPaymentNotApproved', data: { claimId, reason: command.reason } }];
    case 'SampleClaim':
      return [{ type: 'ClaimSampled', data: { claimId, reason: command.reason } }];
    case 'RecordProviderSamplingResponse':
      return providerResponse(state, command);
    case 'ApproveSampledClaim':
      return [{ type: 'ClaimSamplingApproved', data: { claimId } }];
    case 'RejectSampledClaim': {
      const claimed = state.content.mentorTrainings.map((t) => t.mentorId);
      const unknown = command.mentors.filter((m) => !claimed.includes(m.mentorId));
      if (unknown.length) throw ruleBroken('MentorNotInClaim', `Mentor ${unknown[0].mentorId} is not in this claim.`, unknown.map((m) => ({ mentorId: m.mentorId })));
      if (command.mentors.length === 0) throw ruleBroken('MentorsRequired', 'Name the mentors whose training is rejected, each with a reason.');
      return [{ type: 'ClaimSamplingRejected', data: { claimId, mentors: command.mentors.map((m) => ({ mentorId: m.mentorId, reason: m.reason })) } }];
    }
    case 'RequestClawback':
      return clawback(state, command, actingUserId);
    case 'ApproveClawback':
      checkOtherApprover(state, actingUserId);
      return [{ type: 'ClaimClawbackApproved', data: { claimId, approvedBy: actingUserId } }];
    case 'RejectClawback':
      checkOtherApprover(state, actingUserId);
      return [{ type: 'ClaimClawbackRejected', data: { claimId, reason: command.reason, rejectedBy: actingUserId } }];
    case 'RecordClawbackComplete':
      return [{ type: 'ClaimClawbackCompleted', data: { claimId } }];
    case 'MarkClaimProviderInvalid':
      return [{ type: 'ClaimProviderMarkedInvalid', data: { claimId, previousStatus: state.status } }];
    case 'ChangeClaimProvider': {
      const content: ClaimContent = { ...state.content, providerId: command.providerId };
      checkProvider(command.providerId, lookups.provider);
      checkContent(content, lookups);
      return [{ type: 'ClaimProviderChanged', data: { claimId, revision: state.revision + 1, ...content } }];
    }
    default:
      return assertNever(command);
  }
}

const contentOf = (data: ClaimContent): ClaimContent => ({
  schoolId: data.schoolId,
  providerId: data.providerId,
  academicYearId: data.academicYearId,
  mentorTrainings: data.mentorTrainings.map((t) => ({ mentorId: t.mentorId, hours: t.hours, trainingType: t.trainingType })),
});

/** Moves a submitted claim along the pipeline, keeping what it carries. */
function along(state: ExistingClaim, status: PipelineStatus): ClaimState {
  return { ...state, status, submission: submitted(state) };
}

export const claimDecider: Decider<ClaimState, ClaimCommand, ClaimEvent, ClaimLookups> = {
  initialState: { status: 'none' },

  decide(command, state, context) {
    const actingUserId = context.actingUserId;
    // Rule 6: every command of the transition table acts for a person.
    if (!actingUserId) throw forbidden('ActingUserRequired', `${apiNameOf(command.type)} needs the X-Acting-User header naming the person it is done for.`);
    if (command.type === 'DraftClaim') return draft(command, state, context);
    if (state.status === 'none') throw notFound('NotFound', `Claim ${command.claimId} does not exist.`);
    if (!ALLOWED_FROM[command.type].includes(state.status)) throw invalidTransition(state, command);
    checkActor(requiredActor(command.type, state.status), state.content.schoolId, context.lookups.actingUser, `take ${apiNameOf(command.type)} on a claim`);
    return transition(command, state, context, actingUserId);
  },

  evolve(state, event) {
    if (event.type === 'ClaimDrafted') {
      const { claimId, reference, revision, ...content } = event.data;
      return { status: 'draft', claimId, reference, revision, content: contentOf(content) };
    }
    if (state.status === 'none') return state;
    switch (event.type) {
      case 'ClaimRevised':
        return { ...state, revision: event.data.revision, content: contentOf(event.data) };
      case 'ClaimProviderChanged':
        return { status: 'draft', claimId: state.claimId, reference: state.reference, revision: event.data.revision, content: contentOf(event.data) };
      case 'ClaimSubmitted': {
        const { claimId: _id, ...submission } = event.data;
        return { status: 'submitted', claimId: state.claimId, reference: state.reference, revision: state.revision, content: state.content, submission };
      }
      case 'ClaimDeleted':
      case 'ClaimProviderMarkedInvalid': {
        const submission = 'submission' in state ? state.submission : undefined;
        const status = event.type === 'ClaimDeleted' ? 'deleted' : 'invalid_provider';
        return { status, claimId: state.claimId, reference: state.reference, revision: state.revision, content: state.content, ...(submission ? { submission } : {}) };
      }
      case 'ClaimProviderSamplingAccepted':
      case 'ClaimProviderSamplingRejected':
        return { ...along(state, statusAfter(event) as PipelineStatus), providerResponses: event.data.mentors };
      case 'ClaimClawbackRequested': {
        const { mentors, amountPence, requestedBy } = event.data;
        return { ...along(state, 'clawback_requires_approval'), clawback: { mentors, amountPence, requestedBy } };
      }
      case 'ClaimPaymentRequested':
      case 'ClaimPaid':
      case 'ClaimPaymentInformationRequested':
      case 'ClaimPaymentInformationSent':
      case 'ClaimPaymentNotApproved':
      case 'ClaimSampled':
      case 'ClaimSamplingApproved':
      case 'ClaimSamplingRejected':
      case 'ClaimClawbackWaived':
      case 'ClaimClawbackApproved':
      case 'ClaimClawbackRejected':
      case 'ClaimClawbackSent':
      case 'ClaimClawbackCompleted':
        return along(state, statusAfter(event) as PipelineStatus);
      default:
        return assertNever(event);
    }
  },
};
