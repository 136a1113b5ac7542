import { registerDecorator, ValidationOptions } from 'class-validator';
import { isCalendarDate } from '../shared/dates';
import { isValidId } from '../shared/ids';
import { freeJsonProblem } from './free-json';

function rule(name: string, test: (value: unknown) => boolean, message: string) {
  return (options?: ValidationOptions) => (target: object, property: string) =>
    registerDecorator({
      name,
      target: target.constructor,
      propertyName: property,
      options: { message: options?.each ? `each value of $property ${message}` : `$property ${message}`, ...options },
      validator: { validate: test },
    });
}

/** An id as API.md defines it: 1–128 of A–Z a–z 0–9 . _ - : @ */
export const IsLedgerId = rule('isLedgerId', isValidId, 'must be an id of 1–128 characters A–Z a–z 0–9 . _ - : @');
/** A calendar date `YYYY-MM-DD`. */
export const IsCalendarDate = rule('isCalendarDate', isCalendarDate, 'must be a date YYYY-MM-DD');
/** An ISO-8601 instant with a time zone. */
export const IsInstant = rule(
  'isInstant',
  (v) => typeof v === 'string' && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(v) && !Number.isNaN(Date.parse(v)),
  'must be an ISO-8601 instant, e.g. 2025-09-01T08:30:00Z',
);
/** A free-form JSON object, bounded (see `freeJsonProblem`). */
export function IsBoundedJsonObject(options?: ValidationOptions) {
  return (target: object, property: string) =>
    registerDecorator({
      name: 'isBoundedJsonObject',
      target: target.constructor,
      propertyName: property,
      options: { message: (args) => `$property ${freeJsonProblem(args.value) ?? 'must be a bounded JSON object'}`, ...options },
      validator: { validate: (value: unknown) => freeJsonProblem(value) === null },
    });
}
