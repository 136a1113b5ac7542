import type { DocumentStore, Filter } from '../../src/read-store/document-store.port';
import type { ClaimStatus } from '../../src/claims/claim.events';
import { CLAIM_PAYMENT_ORGANISATIONS, CLAIM_PAYMENTS, ClaimPaymentDocument, PaymentOrganisationDocument } from './claim-payments.read-model';

/** domain/claims.md "CSV interchange": the payments file of a window, in this order. */
export const PAYMENT_COLUMNS = [
  'claim_reference', 'school_urn', 'school_name', 'school_local_authority', 'provider_name', 'claim_amount', 'school_type_of_establishment',
  'school_group', 'claim_submission_date', 'claim_status', 'claim_unpaid_reason',
] as const;
/** The clawbacks file: the payments columns and the amount clawed back. */
export const CLAWBACK_COLUMNS = [...PAYMENT_COLUMNS, 'clawback_amount'] as const;

export type PaymentRow = Record<(typeof CLAWBACK_COLUMNS)[number], string>;

/** Clawbacks approved and not yet settled, and settled ones: what the payer is asked to recover or has recovered. */
export const CLAWBACK_STATUSES: ClaimStatus[] = ['clawback_requested', 'clawback_in_progress', 'clawback_complete'];
const UNPAID_STATUSES: ClaimStatus[] = ['payment_information_requested', 'payment_information_sent', 'payment_not_approved'];
const PAGE = 500;

const pounds = (pence: number | null) => (pence === null ? '' : (pence / 100).toFixed(2));

/** The claims submitted in a window (deleted ones left out), by reference. */
export const windowPayments = (claimWindowId: string): Filter => ({ claimWindowId, status: { $ne: 'deleted' } });
/** The claims with an approved clawback, by reference. */
export const clawbacks = (claimWindowId?: string): Filter => ({ status: { $in: CLAWBACK_STATUSES }, ...(claimWindowId ? { claimWindowId } : {}) });

/**
 * The rows of a payments or clawbacks file, read a page at a time (by reference, after the last one
 * read) with the page's organisations, so memory holds one page whatever the size of the window.
 * With `organisations`, only claims whose school or provider is one of them.
 */
export async function* paymentRows(documents: DocumentStore, filter: Filter, organisations: string[] | null): AsyncGenerator<PaymentRow> {
  const claims = documents.collection<ClaimPaymentDocument>(CLAIM_PAYMENTS);
  const scoped: Filter = organisations === null ? filter : { ...filter, $or: [{ schoolId: { $in: organisations } }, { providerId: { $in: organisations } }] };
  let after: string | null = null;
  for (;;) {
    const page = await claims.find(after === null ? scoped : { ...scoped, reference: { $gt: after } }, { sort: [['reference', 1]], limit: PAGE });
    if (page.length === 0) return;
    const names = await organisationsOf(documents, page);
    for (const claim of page) yield rowOf(claim, names);
    if (page.length < PAGE) return;
    after = page[page.length - 1].reference;
  }
}

/** The page's schools and providers, and the schools' parents (a district is the local authority, a trust the group). */
async function organisationsOf(documents: DocumentStore, page: ClaimPaymentDocument[]): Promise<Map<string, PaymentOrganisationDocument>> {
  const collection = documents.collection<PaymentOrganisationDocument>(CLAIM_PAYMENT_ORGANISATIONS);
  const found = new Map<string, PaymentOrganisationDocument>();
  const load = async (ids: string[]) => {
    const wanted = [...new Set(ids)].filter((id) => !found.has(id));
    if (wanted.length) for (const doc of await collection.find({ organisationId: { $in: wanted } })) found.set(doc.organisationId, doc);
  };
  await load(page.flatMap((claim) => [claim.schoolId, claim.providerId]));
  await load(page.map((claim) => found.get(claim.schoolId)?.parentId).filter((id): id is string => typeof id === 'string'));
  return found;
}

function rowOf(claim: ClaimPaymentDocument, organisations: Map<string, PaymentOrganisationDocument>): PaymentRow {
  const school = organisations.get(claim.schoolId);
  const parent = school?.parentId ? organisations.get(school.parentId) : undefined;
  return {
    claim_reference: claim.reference,
    school_urn: school?.urn ?? '',
    school_name: school?.name ?? '',
    school_local_authority: parent?.type === 'district' ? parent.name : '',
    provider_name: organisations.get(claim.providerId)?.name ?? '',
    claim_amount: pounds(claim.amountPence),
    // Not part of the organisation model: the column is kept, empty.
    school_type_of_establishment: '',
    school_group: parent?.type === 'trust' ? parent.name : '',
    claim_submission_date: claim.submittedAt ?? '',
    claim_status: claim.status,
    claim_unpaid_reason: UNPAID_STATUSES.includes(claim.status) ? (claim.unpaidReason ?? '') : '',
    clawback_amount: pounds(claim.clawbackAmountPence),
  };
}
