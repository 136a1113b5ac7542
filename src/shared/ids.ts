import { v7 as uuidv7 } from 'uuid';

/** Caller-chosen ids (API.md): 1–128 of A–Z a–z 0–9 . _ - : @ */
export const ID_PATTERN = /^[A-Za-z0-9._\-:@]{1,128}$/;

export const isValidId = (value: unknown): value is string =>
  typeof value === 'string' && ID_PATTERN.test(value);

export const newId = (): string => uuidv7();

export const streamIdOf = (aggregateType: string, id: string): string => `${aggregateType}-${id}`;
