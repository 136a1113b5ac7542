import { randomBytes, randomFillSync } from 'node:crypto';

const POOL_BYTES = 4096;
const pool = Buffer.alloc(POOL_BYTES);
let used = POOL_BYTES;

/**
 * Random bytes for IVs and data keys. `crypto.randomBytes` costs a few µs a call however few bytes
 * it makes, so small requests are served from one pool filled by the same CSPRNG: each byte is
 * handed out once (copied) and zeroed in the pool at once. The copy is an ordinary small Buffer (from
 * Node's shared slab): one ArrayBuffer of its own per IV and key showed as more GC work.
 */
export function freshRandomBytes(size: number): Buffer {
  if (size > POOL_BYTES / 8) return randomBytes(size);
  const view = freshRandomView(size);
  const bytes = Buffer.allocUnsafe(size);
  view.copy(bytes);
  view.fill(0);
  return bytes;
}

/**
 * Fresh random bytes as a view of the pool, without a copy: for an IV, which the cipher and the
 * sealed output copy at once. The view must be used before the next call (the pool is refilled).
 */
export function freshRandomView(size: number): Buffer {
  if (size > POOL_BYTES / 8) return randomBytes(size);
  if (used + size > POOL_BYTES) {
    randomFillSync(pool);
    used = 0;
  }
  used += size;
  return pool.subarray(used - size, used);
}
