/** The largest position a document can record: MongoDB keeps `_position` as int64, SQLite as a 64-bit integer. */
export const MAX_DOCUMENT_POSITION = 2n ** 63n - 1n;

/**
 * A write's position, checked on every adapter alike: BSON would silently wrap 2^63 and above to a
 * negative int64 (and every later conditional write would then apply over it).
 */
export function checkedDocumentPosition(position: bigint | undefined): bigint | undefined {
  if (position === undefined) return undefined;
  if (typeof position !== 'bigint' || position < 0n || position > MAX_DOCUMENT_POSITION) {
    throw new RangeError(`A document position must be a bigint from 0 to 2^63 - 1; got ${String(position)}`);
  }
  return position;
}
