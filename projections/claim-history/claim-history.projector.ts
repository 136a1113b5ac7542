import type { ClaimContent, ClaimEvent } from '../../src/claims/claim.events';
import { CLAIM_EVENT_TYPES, statusAfter } from '../../src/claims/claim.events';
import type { RecordedOf } from '../../src/shared/event';
import type { ProjectionDefinition } from '../subscription/projection';
import { contentChanges } from './claim-history.changes';
import {
  CLAIM_REVISIONS, CLAIM_TIMELINE, claimHistoryCollections, ClaimRevisionDocument, ClaimTimelineDocument, HistoryActor, revisionId, timelineId,
} from './claim-history.read-model';

const contentOf = (data: ClaimContent): ClaimContent => ({
  schoolId: data.schoolId,
  providerId: data.providerId,
  academicYearId: data.academicYearId,
  mentorTrainings: data.mentorTrainings,
});

const mentorReasons = (mentors: { mentorId: string; reason?: string }[]) =>
  mentors.filter((m) => m.reason).map((m) => `${m.mentorId}: ${m.reason}`).join('; ') || null;

/** The reason a status change gives, and the per-mentor details behind it. */
function reasonOf(event: ClaimEvent): { reason: string | null; details: Record<string, unknown>[] } {
  switch (event.type) {
    case 'ClaimPaymentInformationRequested':
    case 'ClaimPaymentNotApproved':
    case 'ClaimSampled':
    case 'ClaimClawbackRejected':
      return { reason: event.data.reason, details: [] };
    case 'ClaimProviderSamplingAccepted':
    case 'ClaimProviderSamplingRejected':
    case 'ClaimSamplingRejected':
      return { reason: mentorReasons(event.data.mentors), details: event.data.mentors.map((m) => ({ ...m })) };
    case 'ClaimClawbackRequested':
    case 'ClaimClawbackWaived':
      return { reason: mentorReasons(event.data.mentors), details: event.data.mentors.map((m) => ({ ...m })) };
    default:
      return { reason: null, details: [] };
  }
}

/** Every content revision with its changes, and every status change with who, when and why. */
export const claimHistoryProjection: ProjectionDefinition = {
  name: 'claim-history',
  version: 1,
  collections: claimHistoryCollections,
  handles: CLAIM_EVENT_TYPES,
  async apply(recorded, context) {
    const event = recorded as RecordedOf<ClaimEvent>;
    const { actor: a, occurredAt: at } = event.metadata;
    const actor: HistoryActor = { type: a.type, id: a.id, actingUserId: a.actingUserId ?? null };
    const streamRevision = Number(event.revision);
    const revisions = context.collection<ClaimRevisionDocument>(CLAIM_REVISIONS);
    const claimId = event.data.claimId;

    if (event.type === 'ClaimDrafted' || event.type === 'ClaimRevised' || event.type === 'ClaimProviderChanged') {
      const content = contentOf(event.data);
      const previous = event.data.revision > 1 ? await revisions.get(revisionId(claimId, event.data.revision - 1)) : null;
      await revisions.put(revisionId(claimId, event.data.revision), {
        claimId,
        reference: event.type === 'ClaimDrafted' ? event.data.reference : (previous?.reference ?? ''),
        revision: event.data.revision,
        streamRevision,
        event: event.type,
        at,
        actor,
        content,
        changes: previous ? contentChanges(previous.content, content) : [],
      });
    }

    const status = statusAfter(event);
    if (status) {
      await context.collection<ClaimTimelineDocument>(CLAIM_TIMELINE).put(timelineId(claimId, event.revision), {
        claimId, streamRevision, status, event: event.type, at, actor, ...reasonOf(event),
      });
    }
  },
};
