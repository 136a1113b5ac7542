import type { ClaimEvent } from '../../src/claims/claim.events';
import { CLAIM_EVENT_TYPES, statusAfter } from '../../src/claims/claim.events';
import type { RecordedOf } from '../../src/shared/event';
import type { ProjectionPart } from '../subscription/compose';
import { CLAIMS, ClaimDocument } from './claims.read-model';

const unsubmitted = { claimWindowId: null, ratePence: null, amountPence: null, submittedAt: null, submittedBy: null, clawback: null };

/** What one claim event changes in its claim document (other than status and time). */
function changesOf(event: ClaimEvent): Partial<ClaimDocument> {
  switch (event.type) {
    case 'ClaimRevised': {
      const { claimId: _id, ...content } = event.data;
      return content;
    }
    case 'ClaimProviderChanged': {
      const { claimId: _id, ...content } = event.data;
      return { ...content, ...unsubmitted };
    }
    case 'ClaimSubmitted': {
      const { claimWindowId, ratePence, amountPence, submittedAt, submittedBy } = event.data;
      return { claimWindowId, ratePence, amountPence, submittedAt, submittedBy };
    }
    case 'ClaimClawbackRequested':
      return { clawback: { mentors: event.data.mentors, amountPence: event.data.amountPence } };
    case 'ClaimClawbackWaived':
      return { clawback: { mentors: event.data.mentors, amountPence: 0 } };
    default:
      return {};
  }
}

/** The claim as it is now: the claims list, a claim by id, and the window totals. */
export const claimDocumentsPart: ProjectionPart = {
  handles: CLAIM_EVENT_TYPES,
  async apply(recorded, context) {
    const event = recorded as RecordedOf<ClaimEvent>;
    const claims = context.collection<ClaimDocument>(CLAIMS);
    const at = event.metadata.occurredAt;
    if (event.type === 'ClaimDrafted') {
      const { claimId, reference, revision, schoolId, providerId, academicYearId, mentorTrainings } = event.data;
      await claims.put(claimId, {
        claimId, reference, status: 'draft', schoolId, providerId, academicYearId, mentorTrainings, revision, ...unsubmitted, createdAt: at, updatedAt: at,
      });
      return;
    }
    const status = statusAfter(event);
    await claims.update(event.data.claimId, (doc) => doc && { ...doc, ...changesOf(event), ...(status ? { status } : {}), updatedAt: at });
  },
};
