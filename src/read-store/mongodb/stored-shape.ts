/** A read-model document as MongoDB holds it: our id as `_id`, and the position of the last event written into it. */
export type StoredShape = Record<string, unknown> & { _id: string; _position?: bigint | number };
