/** A student's data key as kept: wrapped by the master key, or destroyed by an erasure (a tombstone, so it is never made again). */
export type StoredKey = { wrapped: Buffer } | { destroyed: true };

/**
 * Where per-student data keys live, apart from the event log, so they can be backed up and
 * destroyed on their own. Keys are only ever stored wrapped; the store never sees the master key.
 */
export interface KeyStore {
  get(subjectId: string): Promise<StoredKey | null>;
  /** Stores `wrapped` unless the subject already has a key or a tombstone; answers what is stored then. */
  putIfAbsent(subjectId: string, wrapped: Buffer): Promise<StoredKey>;
  /** Replaces the key with a tombstone (idempotent); the wrapped bytes are overwritten where the backend allows. */
  destroy(subjectId: string, at: Date): Promise<void>;
  /** The master key's check value: shows at start-up that the master key is the one the keys were wrapped with. */
  checkValue(): Promise<Buffer | null>;
  /** Stores the check value unless one exists; answers the stored one. */
  putCheckValueIfAbsent(value: Buffer): Promise<Buffer>;
  close(): Promise<void>;
}

export const KEY_STORE = Symbol('KeyStore');
