import type { Paging } from '../../src/http/paging';
import type { DocumentStore, Filter } from '../../src/read-store/document-store.port';
import { CLAIM_STATUSES, ClaimStatus } from '../../src/claims/claim.events';
import { CLAIMS, ClaimDocument, MENTOR_ALLOWANCES, MentorAllowanceDocument } from './claims.read-model';
import { findPage } from '../../src/read-store/find-page';

export interface ClaimListQuery {
  schoolId?: string;
  providerId?: string;
  academicYearId?: string;
  claimWindowId?: string;
  status?: ClaimStatus;
}

const PAGE = 1000;

export function findClaim(documents: DocumentStore, claimId: string): Promise<ClaimDocument | null> {
  return documents.collection<ClaimDocument>(CLAIMS).get(claimId);
}

/** Newest first (by the time the claim was drafted); with `organisations`, only claims whose school or provider is one of them. */
export async function listClaims(
  documents: DocumentStore,
  query: ClaimListQuery,
  paging: Paging,
  organisations: string[] | null = null,
): Promise<{ items: ClaimDocument[]; total: number }> {
  const filter: Filter = {};
  for (const [field, value] of Object.entries(query)) if (value !== undefined) filter[field] = value;
  if (organisations !== null) filter.$or = [{ schoolId: { $in: organisations } }, { providerId: { $in: organisations } }];
  return findPage<ClaimDocument>(documents, CLAIMS, filter, [['createdAt', -1]], paging);
}

export interface WindowTotals {
  claimWindowId: string;
  count: number;
  amountPence: number;
  statuses: { status: ClaimStatus; count: number; amountPence: number; clawbackAmountPence: number }[];
}

/** Count and submitted amount per status of the claims submitted in a window, statuses in lifecycle order. */
export async function windowTotals(documents: DocumentStore, claimWindowId: string): Promise<WindowTotals> {
  const collection = documents.collection<ClaimDocument>(CLAIMS);
  const byStatus = new Map<ClaimStatus, { count: number; amountPence: number; clawbackAmountPence: number }>();
  for (let offset = 0; ; offset += PAGE) {
    const page = await collection.find({ claimWindowId }, { sort: [['claimId', 1]], limit: PAGE, offset });
    for (const claim of page) {
      const totals = byStatus.get(claim.status) ?? { count: 0, amountPence: 0, clawbackAmountPence: 0 };
      totals.count += 1;
      totals.amountPence += claim.amountPence ?? 0;
      totals.clawbackAmountPence += claim.clawback?.amountPence ?? 0;
      byStatus.set(claim.status, totals);
    }
    if (page.length < PAGE) break;
  }
  const statuses = CLAIM_STATUSES.filter((s) => byStatus.has(s)).map((status) => ({ status, ...byStatus.get(status)! }));
  return {
    claimWindowId,
    count: statuses.reduce((sum, s) => sum + s.count, 0),
    amountPence: statuses.reduce((sum, s) => sum + s.amountPence, 0),
    statuses,
  };
}

/** One mentor's allowances, per provider (and academic year unless one is asked for). */
export function mentorAllowances(documents: DocumentStore, mentorId: string, academicYearId?: string): Promise<MentorAllowanceDocument[]> {
  const filter: Filter = { mentorId };
  if (academicYearId !== undefined) filter.academicYearId = academicYearId;
  return documents.collection<MentorAllowanceDocument>(MENTOR_ALLOWANCES).find(filter, { sort: [['academicYearId', 1], ['providerId', 1]] });
}
