import { hash } from 'node:crypto';
import { canonicalJson } from './canonical-json';

/** The previous hash of a stream's first chained event. */
export const GENESIS_HASH = '';

/**
 * The text an event's hash covers: the canonical JSON of `{ type, data, metadata }` as the adapter
 * stores it (after any encryption), built from the canonical texts of data and metadata.
 */
export function chainedText(type: string, dataJson: string, metadataJson: string): string {
  return `{"data":${dataJson},"metadata":${metadataJson},"type":${JSON.stringify(type)}}`;
}

/** `sha256(previousHash ‖ canonical JSON of type, data, metadata)`, hex. */
export function chainHash(previousHash: string, type: string, dataJson: string, metadataJson: string): string {
  // One-shot: half the cost of a Hash object with two updates, for the same digest of the same bytes.
  return hash('sha256', previousHash + chainedText(type, dataJson, metadataJson), 'hex');
}

/** The hashes of events appended after a stream's tail, each chained to the one before. */
export function chainHashes(tailHash: string | null, events: readonly { type: string; data: unknown; metadata: unknown }[]): string[] {
  let previous = tailHash ?? GENESIS_HASH;
  return events.map((event) => (previous = chainHash(previous, event.type, canonicalJson(event.data), canonicalJson(event.metadata))));
}
