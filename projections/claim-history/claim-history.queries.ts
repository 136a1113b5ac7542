import type { DocumentStore } from '../../src/read-store/document-store.port';
import { CLAIM_REVISIONS, CLAIM_TIMELINE, ClaimRevisionDocument, ClaimTimelineDocument } from './claim-history.read-model';

export interface ClaimHistory {
  claimId: string;
  reference: string;
  revisions: Omit<ClaimRevisionDocument, 'claimId' | 'reference'>[];
  timeline: Omit<ClaimTimelineDocument, 'claimId'>[];
}

/** A claim's revisions and status changes in the order they happened; null when the claim is unknown. */
export async function claimHistory(documents: DocumentStore, claimId: string): Promise<ClaimHistory | null> {
  const [revisions, timeline] = await Promise.all([
    documents.collection<ClaimRevisionDocument>(CLAIM_REVISIONS).find({ claimId }, { sort: [['revision', 1]] }),
    documents.collection<ClaimTimelineDocument>(CLAIM_TIMELINE).find({ claimId }, { sort: [['streamRevision', 1]] }),
  ]);
  if (revisions.length === 0) return null;
  return {
    claimId,
    reference: revisions[0].reference,
    revisions: revisions.map(({ claimId: _c, reference: _r, ...revision }) => revision),
    timeline: timeline.map(({ claimId: _c, ...entry }) => entry),
  };
}
