import type { DocumentCollection, DocumentStore, DocumentTransaction } from '../../src/read-store/document-store.port';

export const CHECKPOINTS = '_projection_checkpoints';

export interface CheckpointDocument extends Record<string, unknown> {
  name: string;
  version: number;
  /** Decimal string: positions are exact. */
  position: string;
  updatedAt: string;
  lastEventAt: string | null;
}

export const checkpointsOf = (store: DocumentStore | DocumentTransaction): DocumentCollection<CheckpointDocument> =>
  store.collection<CheckpointDocument>(CHECKPOINTS);

export async function readCheckpoint(store: DocumentStore, name: string): Promise<CheckpointDocument | null> {
  return checkpointsOf(store).get(name);
}
