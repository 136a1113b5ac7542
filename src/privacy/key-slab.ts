const SLAB_BYTES = 8192;
let slab = Buffer.allocUnsafeSlow(SLAB_BYTES);
let used = 0;

/**
 * A cached data key's own copy, in a slab that only cached keys share. A small Buffer from Node's
 * shared slab keeps all of its 8 KB alive: 50,000 cached keys, each born between other short-lived
 * buffers, held about 20 MB of mostly dead slabs. Keys are cached and dropped in about the order
 * they were made, so a slab of keys is freed whole. The key given is zeroed.
 */
export function keptKey(key: Buffer): Buffer {
  if (key.length > SLAB_BYTES / 8) {
    const own = Buffer.from(key);
    key.fill(0);
    return own;
  }
  if (used + key.length > SLAB_BYTES) {
    slab = Buffer.allocUnsafeSlow(SLAB_BYTES);
    used = 0;
  }
  const kept = slab.subarray(used, used + key.length);
  used += key.length;
  key.copy(kept);
  key.fill(0);
  return kept;
}
