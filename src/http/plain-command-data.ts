import { instanceToPlain, TransformationType } from 'class-transformer';
import type { MetadataStorage } from 'class-transformer/types/MetadataStorage';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { defaultMetadataStorage: transformRules } = require('class-transformer/cjs/storage') as { defaultMetadataStorage: MetadataStorage };

/** Returned by `copy` for a value class-transformer would treat specially: the whole body then goes through it. */
const SPECIAL = Symbol('special');

/**
 * `instanceToPlain(dto)` for what command bodies are made of: strings, numbers, booleans, null,
 * arrays, plain objects and DTO instances whose classes carry no class-transformer rule but `@Type`
 * of another such class. Copied key by key without class-transformer's lookups per key (most of what
 * making a command cost after validation). Anything else (an `@Expose`, `@Exclude` or `@Transform`
 * rule, a Date, a Map, a function, a sparse array, a `__proto__` or `constructor` key…) is left to
 * `instanceToPlain` itself, so the answer is always what it gives.
 */
export function plainCommandData(dto: object): Record<string, unknown> {
  const copied = copy(dto, undefined);
  return (copied === SPECIAL ? instanceToPlain(dto) : copied) as Record<string, unknown>;
}

/** `value` as plain data; `type` is the class a `@Type` rule names for it (class-transformer's targetType). */
function copy(value: unknown, type: Function | undefined): unknown {
  if (value === null || value === undefined) return value;
  if (typeof value !== 'object') {
    // A typed primitive is converted by class-transformer (String(), Number()…); an untyped one is kept.
    return type === undefined && (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') ? value : SPECIAL;
  }
  if (Array.isArray(value)) {
    if (value.constructor !== Array) return SPECIAL;
    const out: unknown[] = [];
    for (let i = 0; i < value.length; i++) {
      if (!(i in value)) return SPECIAL;
      const element = copy(value[i], type);
      if (element === SPECIAL) return SPECIAL;
      out.push(element);
    }
    return out;
  }
  if (Object.prototype.hasOwnProperty.call(value, 'constructor') || Object.prototype.hasOwnProperty.call(value, '__proto__')) return SPECIAL;
  const constructor = (value as { constructor?: unknown }).constructor;
  const target = type ?? (constructor === Object ? undefined : constructor);
  if (target !== undefined && !isPlainClass(target, value)) return SPECIAL;
  const record = value as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(record)) {
    const member = record[key];
    if (typeof member === 'function') return SPECIAL;
    let memberType: Function | undefined;
    if (target !== undefined) {
      const rule = keyRuleOf(target as Function, key);
      if (rule === SPECIAL) return SPECIAL;
      if (rule !== undefined) {
        const named = typeNamed(rule, out, record, key);
        if (named === SPECIAL) return SPECIAL;
        memberType = named;
      }
    }
    const copied = copy(member, memberType);
    if (copied === SPECIAL) return SPECIAL;
    out[key] = copied;
  }
  return out;
}

const plainClasses = new WeakMap<Function, boolean>();

/** A class class-transformer copies as it is: no exposing or excluding rule, and not a built-in it converts. */
function isPlainClass(target: unknown, value: object): boolean {
  if (typeof target !== 'function') return false;
  if (value instanceof Date || value instanceof Map || value instanceof Set || value instanceof Promise || ArrayBuffer.isView(value)) return false;
  if (typeof (value as { then?: unknown }).then === 'function') return false;
  let plain = plainClasses.get(target);
  if (plain === undefined) {
    plain =
      target !== Date &&
      target !== Map &&
      target !== Set &&
      target !== String &&
      target !== Number &&
      target !== Boolean &&
      transformRules.getStrategy(target) === 'none' &&
      transformRules.getExposedMetadatas(target).length === 0 &&
      transformRules.getExcludedMetadatas(target).length === 0;
    plainClasses.set(target, plain);
  }
  return plain;
}

type TypeRule = ReturnType<MetadataStorage['findTypeMetadata']>;
const keyRules = new WeakMap<Function, Map<string, TypeRule | undefined | typeof SPECIAL>>();

/** A key's `@Type` rule (undefined without one), or SPECIAL for a rule this copy does not follow (a `@Transform`, a discriminator). */
function keyRuleOf(target: Function, key: string): TypeRule | undefined | typeof SPECIAL {
  let rules = keyRules.get(target);
  if (rules === undefined) keyRules.set(target, (rules = new Map()));
  if (rules.has(key)) return rules.get(key);
  let rule: TypeRule | undefined | typeof SPECIAL = undefined;
  if (transformRules.findTransformMetadatas(target, key, TransformationType.CLASS_TO_PLAIN).length > 0) rule = SPECIAL;
  else {
    const typed = transformRules.findTypeMetadata(target, key);
    if (typed) rule = typed.options?.discriminator || !typed.typeFunction ? SPECIAL : typed;
  }
  rules.set(key, rule);
  return rule;
}

/** The class a `@Type` rule names for this member, asked as class-transformer asks it; SPECIAL when it names no class. */
function typeNamed(rule: TypeRule, out: object, value: object, key: string): Function | typeof SPECIAL {
  try {
    const named = rule.typeFunction({ newObject: out, object: value as Record<string, unknown>, property: key }) as unknown;
    return typeof named === 'function' ? named : SPECIAL;
  } catch {
    return SPECIAL;
  }
}
