import { v5 as uuidv5 } from 'uuid';
import { uuidV7 } from './uuid-v7';

/** Caller-chosen ids (API.md): 1–128 of A–Z a–z 0–9 . _ - : @ */
export const ID_PATTERN = /^[A-Za-z0-9._\-:@]{1,128}$/;

export const isValidId = (value: unknown): value is string =>
  typeof value === 'string' && ID_PATTERN.test(value);

export const newId = (): string => uuidV7();

const KEYED_IDS = '6f1d4c52-3b0e-4f7a-9a55-0c2d8e6b7f10';

/**
 * The id a create command gets when the caller sent none but an Idempotency-Key: the same for every
 * retry of that request (token, command, key and body), so a retry after an unknown outcome finds
 * the aggregate the first attempt may have created instead of creating another.
 */
export const keyedId = (...parts: string[]): string => uuidv5(parts.join('\u0000'), KEYED_IDS);

export const streamIdOf = (aggregateType: string, id: string): string => `${aggregateType}-${id}`;
