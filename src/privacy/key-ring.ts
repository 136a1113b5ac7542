import { createCipheriv, createDecipheriv, hkdfSync } from 'node:crypto';
import { KeyStore } from './key-store.port';
import { MasterKeyError } from './master-key';
import { KeyCache } from './key-cache';
import { freshRandomBytes, freshRandomView } from '../shared/random-pool';
import { keptKey } from './key-slab';

const IV_BYTES = 12;
const TAG_BYTES = 16;
const DATA_KEY_BYTES = 32;
const CHECK_AAD = Buffer.from('school-ledger master key check v1');

/** A destroyed key: what an erased student's fields decrypt to. */
export const ERASED_KEY = 'erased' as const;
export type DataKey = Buffer | typeof ERASED_KEY;

/** AES-256-GCM, laid out as iv ‖ tag ‖ ciphertext; a string plaintext is sealed as UTF-8. */
export function seal(key: Buffer, plaintext: Buffer | string, aad: Buffer): Buffer {
  const iv = freshRandomView(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(aad);
  const body = typeof plaintext === 'string' ? cipher.update(plaintext, 'utf8') : cipher.update(plaintext);
  const rest = cipher.final();
  return Buffer.concat([iv, cipher.getAuthTag(), body, rest]);
}

/** Throws when the key, the associated data or the bytes are not the ones sealed: never answers garbage. */
export function open(key: Buffer, sealed: Buffer, aad: Buffer): Buffer {
  const decipher = createDecipheriv('aes-256-gcm', key, sealed.subarray(0, IV_BYTES));
  decipher.setAAD(aad);
  decipher.setAuthTag(sealed.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
  return Buffer.concat([decipher.update(sealed.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]);
}

const wrapAad = (subjectId: string) => Buffer.from(`school-ledger data key\u0000${subjectId}`);

/**
 * Per-student data keys: random, wrapped by the master key in the key store, unwrapped keys cached
 * in memory (bounded, least recently used out first). Erasure destroys the stored key and evicts it.
 */
export class KeyRing {
  private readonly cache: KeyCache<DataKey>;

  private constructor(
    private readonly store: KeyStore,
    private readonly master: Buffer,
    capacity: number,
  ) {
    this.cache = new KeyCache(capacity);
  }

  /**
   * Checks the master key against the store's check value (made on first use): a wrong key stops
   * here with a clear message instead of failing on every student later.
   */
  static async open(store: KeyStore, master: Buffer, options: { origin: string; capacity?: number }): Promise<KeyRing> {
    const stored = (await store.checkValue()) ?? (await store.putCheckValueIfAbsent(seal(master, Buffer.alloc(32), CHECK_AAD)));
    try {
      open(master, stored, CHECK_AAD);
    } catch {
      throw new MasterKeyError(
        `The master key from ${options.origin} is not the key this key store was made with; the service will not start with it. Set MASTER_KEY_FILE to the right key.`,
      );
    }
    return new KeyRing(store, master, options.capacity ?? 50_000);
  }

  /** A secret for another purpose (e.g. reservation ids), derived from the master key with HKDF. */
  derivedSecret(purpose: string): Buffer {
    return Buffer.from(hkdfSync('sha256', this.master, Buffer.alloc(0), `school-ledger ${purpose}`, 32));
  }

  /** The cached key, if any, without I/O: the read path's fast case. */
  cached(subjectId: string): DataKey | undefined {
    return this.cache.get(subjectId);
  }

  /** The cached key without marking it used: the per-event read path, where even the LRU bookkeeping shows. */
  peek(subjectId: string): DataKey | undefined {
    return this.cache.peek(subjectId);
  }

  /** The subject's key; null when it never had one. */
  async find(subjectId: string): Promise<DataKey | null> {
    const hit = this.cached(subjectId);
    if (hit !== undefined) return hit;
    const stored = await this.store.get(subjectId);
    return stored && this.remember(subjectId, this.unwrap(subjectId, stored));
  }

  /**
   * The subject's key, made now if it has none; an erased subject gets no new key. Not cached: a new
   * key is offered to the store straight away (no lookup first), and the store's answer says whether
   * it was kept or the subject already had a key or a tombstone. Answered only once the key is stored.
   */
  async findOrCreate(subjectId: string): Promise<DataKey> {
    const hit = this.cached(subjectId);
    if (hit !== undefined) return hit;
    const fresh = freshRandomBytes(DATA_KEY_BYTES);
    const wrapped = seal(this.master, fresh, wrapAad(subjectId));
    const stored = await this.store.putIfAbsent(subjectId, wrapped);
    const ours = 'wrapped' in stored && stored.wrapped.equals(wrapped);
    return this.remember(subjectId, ours ? fresh : this.unwrap(subjectId, stored));
  }

  async destroy(subjectId: string, at: Date): Promise<void> {
    await this.store.destroy(subjectId, at);
    this.remember(subjectId, ERASED_KEY);
  }

  /** Forgets a cached key (e.g. another process erased the subject). */
  evict(subjectId: string): void {
    this.cache.delete(subjectId);
  }

  private unwrap(subjectId: string, stored: { wrapped: Buffer } | { destroyed: true }): DataKey {
    if ('destroyed' in stored) return ERASED_KEY;
    return open(this.master, stored.wrapped, wrapAad(subjectId));
  }

  private remember(subjectId: string, key: DataKey): DataKey {
    const kept = key === ERASED_KEY ? key : keptKey(key);
    this.cache.set(subjectId, kept);
    return kept;
  }
}
