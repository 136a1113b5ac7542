import { ERASED } from '../students/student.events';
import { DataKey, ERASED_KEY, open, seal } from './key-ring';

/** Where an event's encrypted personal fields sit in its stored data; `fields` names them (names are not personal). */
export const SEALED = 'personalData';

export interface SealedFields {
  v: 1;
  fields: string[];
  /** Every field of the data in its original order, so an opened event is the event that was appended, key for key. */
  order: string[];
  /** AES-256-GCM of the fields' JSON: iv ‖ tag ‖ ciphertext, base64. */
  box: string;
}

type Data = Record<string, unknown>;

/** A ciphertext belongs to one event: moved to another stream, event or type it no longer opens. */
export const aadTextOf = (streamId: string, eventId: string, type: string) => `${streamId}\u0000${eventId}\u0000${type}`;
const aadOf = (streamId: string, eventId: string, type: string) => Buffer.from(aadTextOf(streamId, eventId, type));

export function isSealed(data: unknown): data is Data & { [SEALED]: SealedFields } {
  return typeof data === 'object' && data !== null && SEALED in data;
}

/** Moves the personal fields present in `data` into one sealed box; the other fields stay as they are. */
export function sealFields(data: Data, personal: readonly string[], key: Buffer, where: { streamId: string; eventId: string; type: string }): Data {
  // One pass over the data, building the stored object as it goes (it is written once, by the store).
  const order = Object.keys(data);
  const sealed: Data = {};
  const secret: Data = {};
  const fields: string[] = [];
  for (const field of order) {
    if (personal.includes(field)) {
      secret[field] = data[field];
      fields.push(field);
    } else sealed[field] = data[field];
  }
  if (fields.length === 0) return data;
  const box = seal(key, JSON.stringify(secret), aadOf(where.streamId, where.eventId, where.type)).toString('base64');
  sealed[SEALED] = { v: 1, fields, order, box } satisfies SealedFields;
  return sealed;
}

/** The event's data with its personal fields back, or each one ERASED when the key was destroyed. */
export function openFields(data: Data & { [SEALED]: SealedFields }, key: DataKey, where: { streamId: string; eventId: string; type: string }): Data {
  const sealed = data[SEALED];
  const secret: Data =
    key === ERASED_KEY
      ? Object.fromEntries(sealed.fields.map((field) => [field, ERASED]))
      : (JSON.parse(open(key, Buffer.from(sealed.box, 'base64'), aadOf(where.streamId, where.eventId, where.type)).toString('utf8')) as Data);
  return withSecret(data, sealed.order, secret);
}

/**
 * The event's data with the fields of its opened box (`secret`) back in their places, in the data's
 * original `order`. Self-contained: the decrypting worker runs its source too (box-opener.ts).
 */
export function withSecret(data: Data, order: readonly string[], secret: Data): Data {
  const opened: Data = {};
  for (const field of order) opened[field] = field in secret ? secret[field] : data[field];
  return opened;
}
