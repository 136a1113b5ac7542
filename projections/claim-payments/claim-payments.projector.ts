import type { ClaimEvent } from '../../src/claims/claim.events';
import { CLAIM_EVENT_TYPES, statusAfter } from '../../src/claims/claim.events';
import type { OrganisationRegistered, OrganisationUpdated } from '../../src/organisations/organisation.events';
import type { RecordedOf } from '../../src/shared/event';
import { composeProjection, ProjectionPart } from '../subscription/compose';
import { CLAIM_PAYMENT_ORGANISATIONS, CLAIM_PAYMENTS, ClaimPaymentDocument, claimPaymentsCollections, PaymentOrganisationDocument } from './claim-payments.read-model';

const unsubmitted = { claimWindowId: null, amountPence: null, submittedAt: null, unpaidReason: null, clawbackAmountPence: null };

/** What one claim event changes in its payment document (other than status). */
function changesOf(event: ClaimEvent): Partial<ClaimPaymentDocument> {
  switch (event.type) {
    case 'ClaimRevised':
      return { providerId: event.data.providerId };
    case 'ClaimProviderChanged':
      return { providerId: event.data.providerId, ...unsubmitted };
    case 'ClaimSubmitted':
      return { claimWindowId: event.data.claimWindowId, amountPence: event.data.amountPence, submittedAt: event.data.submittedAt };
    case 'ClaimPaymentInformationRequested':
      return { unpaidReason: event.data.reason };
    case 'ClaimClawbackRequested':
      return { clawbackAmountPence: event.data.amountPence };
    case 'ClaimClawbackWaived':
      return { clawbackAmountPence: 0 };
    default:
      return {};
  }
}

const claimsPart: ProjectionPart = {
  handles: CLAIM_EVENT_TYPES,
  async apply(recorded, context) {
    const event = recorded as RecordedOf<ClaimEvent>;
    const claims = context.collection<ClaimPaymentDocument>(CLAIM_PAYMENTS);
    if (event.type === 'ClaimDrafted') {
      const { claimId, reference, schoolId, providerId } = event.data;
      await claims.put(claimId, { claimId, reference, status: 'draft', schoolId, providerId, ...unsubmitted });
      return;
    }
    const status = statusAfter(event);
    await claims.update(event.data.claimId, (doc) => doc && { ...doc, ...changesOf(event), ...(status ? { status } : {}) });
  },
};

const organisationsPart: ProjectionPart = {
  handles: new Set(['OrganisationRegistered', 'OrganisationUpdated']),
  async apply(recorded, context) {
    const event = recorded as RecordedOf<OrganisationRegistered | OrganisationUpdated>;
    const organisations = context.collection<PaymentOrganisationDocument>(CLAIM_PAYMENT_ORGANISATIONS);
    const { organisationId, name, parentId, identifiers } = event.data;
    if (event.type === 'OrganisationRegistered') {
      await organisations.put(organisationId, { organisationId, type: event.data.type, name: event.data.name, urn: identifiers?.urn ?? null, parentId: parentId ?? null });
      return;
    }
    await organisations.update(organisationId, (doc) =>
      doc && {
        ...doc,
        ...(name !== undefined ? { name } : {}),
        ...(parentId !== undefined ? { parentId } : {}),
        ...(identifiers !== undefined ? { urn: identifiers.urn ?? null } : {}),
      },
    );
  },
};

/** The support files of claims: payments per window, clawbacks (domain/claims.md "CSV interchange"). */
export const claimPaymentsProjection = composeProjection('claim-payments', 1, claimPaymentsCollections, [claimsPart, organisationsPart]);
