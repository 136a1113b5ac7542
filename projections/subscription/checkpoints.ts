import type { DocumentCollection, DocumentStore, DocumentTransaction } from '../../src/read-store/document-store.port';

export const CHECKPOINTS = '_projection_checkpoints';
/** A projection stopped at an event it could not handle, kept so every process (and the CLI) sees it. */
export const FAILURES = '_projection_failures';

export interface CheckpointDocument extends Record<string, unknown> {
  name: string;
  version: number;
  /** Decimal string: positions are exact. */
  position: string;
  updatedAt: string;
  lastEventAt: string | null;
}

export interface FailureDocument extends Record<string, unknown> {
  name: string;
  /** Decimal string: the event that failed. */
  position: string;
  eventType: string | null;
  error: string;
  failedAt: string;
}

export const checkpointsOf = (store: DocumentStore | DocumentTransaction): DocumentCollection<CheckpointDocument> =>
  store.collection<CheckpointDocument>(CHECKPOINTS);

export const failuresOf = (store: DocumentStore | DocumentTransaction): DocumentCollection<FailureDocument> =>
  store.collection<FailureDocument>(FAILURES);

export async function readCheckpoint(store: DocumentStore, name: string): Promise<CheckpointDocument | null> {
  return checkpointsOf(store).get(name);
}

export async function readFailure(store: DocumentStore, name: string): Promise<FailureDocument | null> {
  return failuresOf(store).get(name);
}
