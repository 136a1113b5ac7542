import { freshRandomView } from './random-pool';

const HEX = Array.from({ length: 256 }, (_, byte) => byte.toString(16).padStart(2, '0'));

/** The last id's millisecond and 32-bit counter: ids made in one millisecond still sort in the order they were made. */
let lastMs = -Infinity;
let seq = 0;

/**
 * A UUIDv7 (RFC 9562), laid out bit for bit as the `uuid` package's `v7()` lays it out: 48 bits of
 * Unix milliseconds, a 32-bit counter seeded at random each millisecond (12 bits in rand_a, 20 at the
 * top of rand_b), then 42 random bits from the shared random pool. Made straight into its text (no
 * byte array per id).
 */
export function uuidV7(now: number = Date.now()): string {
  // Ten random bytes from the pool IVs and keys are drawn from (a view, read before the next draw).
  const random = freshRandomView(10);
  if (now > lastMs) {
    seq = (random[0] << 23) | (random[1] << 16) | (random[2] << 8) | random[3];
    lastMs = now;
  } else {
    seq = (seq + 1) | 0;
    if (seq === 0) lastMs++;
  }
  const ms = lastMs;
  return (
    HEX[(ms / 0x10000000000) & 0xff] +
    HEX[(ms / 0x100000000) & 0xff] +
    HEX[(ms / 0x1000000) & 0xff] +
    HEX[(ms / 0x10000) & 0xff] +
    '-' +
    HEX[(ms / 0x100) & 0xff] +
    HEX[ms & 0xff] +
    '-' +
    HEX[0x70 | ((seq >>> 28) & 0x0f)] +
    HEX[(seq >>> 20) & 0xff] +
    '-' +
    HEX[0x80 | ((seq >>> 14) & 0x3f)] +
    HEX[(seq >>> 6) & 0xff] +
    '-' +
    HEX[((seq << 2) & 0xff) | (random[4] & 0x03)] +
    HEX[random[5]] +
    HEX[random[6]] +
    HEX[random[7]] +
    HEX[random[8]] +
    HEX[random[9]]
  );
}
