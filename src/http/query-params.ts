import { isCalendarDate } from '../shared/dates';
import { validationFailed } from './api-error';

export function parseDateParam(name: string, value: unknown, fallback?: string): string | undefined {
  if (value === undefined || value === '') return fallback;
  if (!isCalendarDate(value)) throw validationFailed([{ field: name, message: 'must be a date YYYY-MM-DD' }]);
  return value;
}

export function parseEnumParam<T extends string>(name: string, value: unknown, allowed: readonly T[]): T | undefined {
  if (value === undefined || value === '') return undefined;
  if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value)) {
    throw validationFailed([{ field: name, message: `must be one of ${allowed.join(', ')}` }]);
  }
  return value as T;
}
