import { getMetadataStorage } from 'class-validator';
import fc from 'fast-check';

// class-transformer keeps `@Type(() => Dto)` here; its package exports no types for the path.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { defaultMetadataStorage } = require('class-transformer/cjs/storage') as {
  defaultMetadataStorage: { findTypeMetadata(target: Function, property: string): { typeFunction(): unknown } | undefined };
};
interface ValidationMetadata {
  propertyName: string;
  type: string;
  name?: string;
  constraints?: unknown[];
  each?: boolean;
}

/** Ids from a small pool, so that generated commands often name the same things and some succeed. */
export const poolId = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom('f-1', 'f-2', 'f-3', 'd-1', 's-1', 'u-1', 'u-2', 'ay-1', 'c-1', 'p-1', 'p-2', 'f-4', 'x:y@z.1') },
  // A fresh id: create commands with one are often taken.
  { weight: 2, arbitrary: fc.integer({ min: 1, max: 1e9 }).map((n) => `n-${n}`) },
);
const today = new Date();
const isoDay = (offsetDays: number) => new Date(today.getTime() + offsetDays * 86_400_000).toISOString().slice(0, 10);
const day = fc.integer({ min: -800, max: 400 }).map(isoDay);
const instant = fc.integer({ min: -800, max: 2 }).map((d) => `${isoDay(d)}T09:30:00Z`);

/** Strings a person might send, and strings meant to break things. */
export const oddString = fc.oneof(
  { weight: 3, arbitrary: fc.string({ maxLength: 20 }) },
  { weight: 3, arbitrary: fc.string({ unit: 'grapheme', maxLength: 20 }) },
  { weight: 3, arbitrary: fc.string({ unit: 'binary', maxLength: 20 }) },
  { weight: 3, arbitrary: fc.constantFrom('', ' ', '\u0000', 'a\u0000b', '\u202e', '🎓🏫', 'Zoë Ŵilliams', '$where', '__proto__', 'constructor', '../../etc/passwd', '%00', '{"$gt":""}') },
  { weight: 1, arbitrary: fc.integer({ min: 1000, max: 70_000 }).map((n) => 'x'.repeat(n)) },
);

/** Any JSON value, shallow. */
export const anyJson: fc.Arbitrary<unknown> = fc.oneof(
  oddString,
  fc.integer(),
  fc.double(),
  fc.constantFrom(true, false, null, 1e308, -1e308, 0, -0, 2 ** 53 + 1),
  fc.array(fc.oneof(fc.integer(), fc.string({ maxLength: 5 })), { maxLength: 5 }),
  fc.dictionary(fc.string({ maxLength: 8 }), fc.oneof(fc.integer(), fc.string({ maxLength: 5 }), fc.constant(null)), { maxKeys: 5 }),
);

type Rules = Map<string, { name: string; constraints: unknown[]; each: boolean }>;

function rulesOf(dto: Function): Map<string, Rules> {
  const byProperty = new Map<string, Rules>();
  const metadatas: ValidationMetadata[] = getMetadataStorage().getTargetValidationMetadatas(dto, '', true, false);
  for (const m of metadatas) {
    const rules = byProperty.get(m.propertyName) ?? new Map();
    rules.set(m.name ?? m.type, { name: m.name ?? m.type, constraints: m.constraints ?? [], each: !!m.each });
    byProperty.set(m.propertyName, rules);
  }
  return byProperty;
}

/** A value that satisfies the shape rules of one property most of the time. */
function plausibleValue(dto: Function, property: string, rules: Rules, depth: number): fc.Arbitrary<unknown> {
  const has = (name: string) => rules.has(name);
  const arg = (name: string) => rules.get(name)?.constraints[0];
  let item: fc.Arbitrary<unknown>;
  if (has('isLedgerId')) item = poolId;
  else if (has('isIn')) item = fc.constantFrom(...(arg('isIn') as unknown[]));
  else if (has('isCalendarDate')) item = day;
  else if (has('isInstant')) item = instant;
  else if (has('isEmail')) item = fc.oneof({ weight: 5, arbitrary: fc.emailAddress() }, { weight: 1, arbitrary: fc.constantFrom('lead@education.gov.uk', 'not-an-email') });
  else if (has('matches')) item = fc.stringMatching(arg('matches') as RegExp);
  else if (has('isBoolean')) item = fc.boolean();
  else if (has('isLatitude')) item = fc.integer({ min: -9000, max: 9000 }).map((n) => n / 100);
  else if (has('isLongitude')) item = fc.integer({ min: -18000, max: 18000 }).map((n) => n / 100);
  else if (has('isInt')) item = fc.integer({ min: (arg('min') as number) ?? 0, max: Math.min((arg('max') as number) ?? 1000, 1000) });
  else if (has('isNumber')) item = fc.integer({ min: 0, max: 100 });
  else if (has('isBoundedJsonObject')) item = fc.dictionary(fc.string({ minLength: 1, maxLength: 8 }).filter((k) => /^[a-z]+$/i.test(k)), fc.oneof(fc.integer(), fc.string({ maxLength: 10 })), { maxKeys: 5 });
  else if (has('nestedValidation') && depth < 3) {
    const type = defaultMetadataStorage.findTypeMetadata(dto, property)?.typeFunction();
    item = type ? dtoBody(type as Function, depth + 1) : fc.object();
  } else if (has('isString') || has('isNotEmpty') || has('maxLength')) {
    const max = Math.min((arg('maxLength') as number) ?? 40, 40);
    item = fc.string({ minLength: 1, maxLength: max }).filter((s) => s.trim() !== '');
  } else item = anyJson;
  const each = [...rules.values()].some((r) => r.each) || (has('nestedValidation') && rules.get('isArray') !== undefined);
  if (has('isArray') || each) {
    const min = (arg('arrayMinSize') as number) ?? 0;
    const constraints = { minLength: min, maxLength: Math.min((arg('arrayMaxSize') as number) ?? 5, Math.max(min, 5)) };
    return has('arrayUnique') ? fc.uniqueArray(item, { ...constraints, selector: (v) => JSON.stringify(v) }) : fc.array(item, constraints);
  }
  return item;
}

/** A body built from the DTO's validation metadata: every required field, optional ones at random. */
export function dtoBody(dto: Function, depth = 0): fc.Arbitrary<Record<string, unknown>> {
  const properties = [...rulesOf(dto)].filter(([property]) => property !== '');
  const record: Record<string, fc.Arbitrary<unknown>> = {};
  const required: string[] = [];
  for (const [property, rules] of properties) {
    record[property] = plausibleValue(dto, property, rules, depth);
    if (!rules.has('isOptional') && !rules.has('conditionalValidation')) required.push(property);
  }
  return fc.record(record, { requiredKeys: required }) as fc.Arbitrary<Record<string, unknown>>;
}

/** The DTO's property names (for mutations that aim at a real field). */
export const propertiesOf = (dto: Function): string[] => [...rulesOf(dto).keys()].filter((p) => p !== '');
