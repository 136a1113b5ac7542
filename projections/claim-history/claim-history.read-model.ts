import type { IndexSpec } from '../../src/read-store/document-store.port';
import type { ClaimContent, ClaimStatus } from '../../src/claims/claim.events';

/** `claim_revisions`: one document per content revision (id = `claimId|revision`, revision zero-padded). */
export const CLAIM_REVISIONS = 'claim_revisions';
/** `claim_timeline`: one document per status change (id = `claimId|streamRevision`, zero-padded). */
export const CLAIM_TIMELINE = 'claim_timeline';

export interface HistoryActor {
  type: string;
  id: string;
  actingUserId: string | null;
}

export interface FieldChange {
  path: string;
  from: unknown;
  to: unknown;
}

export interface ClaimRevisionDocument extends Record<string, unknown> {
  claimId: string;
  reference: string;
  revision: number;
  /** Revision of the event in the claim's stream: orders revisions and timeline together. */
  streamRevision: number;
  event: string;
  at: string;
  actor: HistoryActor;
  content: ClaimContent;
  changes: FieldChange[];
}

export interface ClaimTimelineDocument extends Record<string, unknown> {
  claimId: string;
  streamRevision: number;
  status: ClaimStatus;
  event: string;
  at: string;
  actor: HistoryActor;
  reason: string | null;
  /** Per-mentor responses or reasons, when the event has them. */
  details: Record<string, unknown>[];
}

const pad = (n: number | bigint) => String(n).padStart(10, '0');
export const revisionId = (claimId: string, revision: number) => `${claimId}|${pad(revision)}`;
export const timelineId = (claimId: string, streamRevision: bigint) => `${claimId}|${pad(streamRevision)}`;

export const claimHistoryCollections: Record<string, IndexSpec[]> = {
  [CLAIM_REVISIONS]: [{ fields: [['claimId', 1], ['revision', 1]] }],
  [CLAIM_TIMELINE]: [{ fields: [['claimId', 1], ['streamRevision', 1]] }],
};
