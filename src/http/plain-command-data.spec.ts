import 'reflect-metadata';
import fc from 'fast-check';
import { instanceToPlain, plainToInstance, Transform, Type } from 'class-transformer';
import * as academicYears from '../academic-years/academic-year.dto';
import * as claims from '../claims/claim.dto';
import * as organisations from '../organisations/organisation.dto';
import * as students from '../students/student.dto';
import { plainCommandData } from './plain-command-data';

const dtoClasses = [academicYears, claims, organisations, students].flatMap((module) =>
  Object.values(module).filter((value): value is new () => object => typeof value === 'function'),
);

/** The property names a class's instances may have: those its rules name, and a few others. */
const keysOf = (dto: new () => object): string[] => {
  const keys = new Set<string>(['other', '__proto__', 'constructor', 'then']);
  const source = dto.toString();
  for (const match of source.matchAll(/\b([A-Za-z]\w*)\s*[!?]?\s*:/g)) keys.add(match[1]);
  return [...keys];
};

const outcome = (make: () => unknown): { value: unknown } | { error: string } => {
  try {
    return { value: make() };
  } catch (error) {
    return { error: String(error) };
  }
};

/** Two invalid Dates are the same answer (Jest's own equality compares their times, and NaN is never NaN). */
const invalidDatesAlike = (a: unknown, b: unknown): boolean | undefined =>
  a instanceof Date && b instanceof Date && Number.isNaN(a.getTime()) && Number.isNaN(b.getTime()) ? true : undefined;

describe('plainCommandData', () => {
  // Jest's expect has addEqualityTesters; @types/jest does not declare it yet.
  beforeAll(() => (expect as unknown as { addEqualityTesters(testers: (typeof invalidDatesAlike)[]): void }).addEqualityTesters([invalidDatesAlike]));

  it('counts two invalid Dates as the same answer, and an invalid Date as different from a valid one', () => {
    expect({ at: new Date(NaN) }).toStrictEqual({ at: new Date(NaN) });
    expect({ at: new Date(NaN) }).not.toStrictEqual({ at: new Date(0) });
  });

  it('answers what instanceToPlain answers for bodies of every DTO with nested classes, however odd the values', () => {
    const value = fc.oneof(
      fc.jsonValue({ maxDepth: 3 }),
      fc.anything({ maxDepth: 2, withDate: true, withMap: true, withSet: true, withBoxedValues: true, withSparseArray: true, withNullPrototype: true }),
    );
    for (const dto of dtoClasses) {
      const keys = keysOf(dto);
      fc.assert(
        fc.property(fc.dictionary(fc.constantFrom(...keys), value, { maxKeys: 6 }), (body) => {
          let instance: object;
          try {
            instance = plainToInstance(dto, body);
          } catch {
            return; // class-transformer cannot make this body an instance at all
          }
          expect(outcome(() => plainCommandData(instance))).toStrictEqual(outcome(() => instanceToPlain(instance)));
        }),
        { numRuns: 150 },
      );
    }
  });

  it('follows @Type into nested classes and leaves a class with a @Transform rule to class-transformer', () => {
    class Inner {
      label!: string;
    }
    class Shouted {
      @Transform(({ value }) => String(value).toUpperCase(), { toPlainOnly: true }) word!: string;
    }
    class Outer {
      @Type(() => Inner) inner!: Inner[];
      @Type(() => Shouted) shouted?: Shouted;
      when?: Date;
    }
    const plain = plainToInstance(Outer, { inner: [{ label: 'a' }, { label: 'b', extra: [1, null] }], name: 'x' });
    expect(plainCommandData(plain)).toStrictEqual(instanceToPlain(plain));
    expect(plainCommandData(plain)).toMatchObject({ inner: [{ label: 'a' }, { label: 'b', extra: [1, null] }], name: 'x' });
    expect(plainCommandData(plain).inner).not.toBe((plain as unknown as { inner: unknown }).inner);
    const shouted = plainToInstance(Outer, { inner: [], shouted: { word: 'hi' } });
    expect(plainCommandData(shouted)).toStrictEqual(instanceToPlain(shouted));
    expect(plainCommandData(shouted)).toMatchObject({ inner: [], shouted: { word: 'HI' } });
    const dated = plainToInstance(Outer, { inner: [] });
    dated.when = new Date(0);
    expect(plainCommandData(dated)).toStrictEqual(instanceToPlain(dated));
  });
});
