import type { IndexSpec } from '../../src/read-store/document-store.port';
import type { ClaimStatus } from '../../src/claims/claim.events';
import type { OrganisationType } from '../../src/organisations/organisation.events';

/** `claim_payments`: one document per claim (id = claimId): what the payments and clawbacks files say of it. */
export const CLAIM_PAYMENTS = 'claim_payments';
/** `claim_payment_organisations`: schools, providers and their parents by id, for the names and identifiers the files carry. */
export const CLAIM_PAYMENT_ORGANISATIONS = 'claim_payment_organisations';

export interface ClaimPaymentDocument extends Record<string, unknown> {
  claimId: string;
  reference: string;
  status: ClaimStatus;
  schoolId: string;
  providerId: string;
  claimWindowId: string | null;
  amountPence: number | null;
  submittedAt: string | null;
  /** The payer's reason at the last ClaimPaymentInformationRequested. */
  unpaidReason: string | null;
  clawbackAmountPence: number | null;
}

export interface PaymentOrganisationDocument extends Record<string, unknown> {
  organisationId: string;
  type: OrganisationType;
  name: string;
  urn: string | null;
  parentId: string | null;
}

export const claimPaymentsCollections: Record<string, IndexSpec[]> = {
  [CLAIM_PAYMENTS]: [{ fields: [['claimWindowId', 1], ['reference', 1]] }, { fields: [['status', 1], ['reference', 1]] }],
  [CLAIM_PAYMENT_ORGANISATIONS]: [{ fields: [['organisationId', 1]] }],
};
