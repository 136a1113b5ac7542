import type { Scalar } from './document-store.port';

/** Checks of filter operands shared by every adapter, so all of them refuse the same bad input. */
export function scalar(path: string, operator: string, value: unknown): Scalar {
  if (!isScalar(value)) throw new TypeError(`${operator} on "${path}" needs a string, number, boolean or null`);
  return value;
}

export function scalars(path: string, operator: string, values: unknown): Scalar[] {
  if (!Array.isArray(values)) throw new TypeError(`${operator} on "${path}" needs an array`);
  return values.map((value) => scalar(path, operator, value));
}

export function isScalar(value: unknown): value is Scalar {
  return value === null || typeof value === 'string' || typeof value === 'boolean' || (typeof value === 'number' && Number.isFinite(value));
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
