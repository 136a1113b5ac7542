import 'reflect-metadata';
import { getMetadataStorage, IsInt, IsOptional, IsString, MaxLength, MetadataStorage, registerDecorator, validateSync } from 'class-validator';
import { validateBody } from './dto-validation';
import { cacheValidationRules } from './validation-rules-cache';

class Base {
  @IsString() id!: string;
}
class Child extends Base {
  @IsOptional() @IsInt() count?: number;
  @IsString() @MaxLength(3) code!: string;
}

const messages = (dto: new () => object, body: object) => {
  try {
    validateBody(dto, body);
    return [];
  } catch (error) {
    return (error as { details?: unknown }).details ?? [String(error)];
  }
};

describe('cacheValidationRules', () => {
  it('answers what class-validator answers, inherited rules included, on every call', () => {
    const plain = new MetadataStorage();
    const cached = new MetadataStorage();
    cacheValidationRules(cached);
    // The same rules in both storages, as decorators would add them.
    const global = getMetadataStorage();
    for (const target of [Base, Child]) {
      for (const rule of global.getTargetValidationMetadatas(target, undefined as unknown as string, false, false)) {
        if (rule.target !== target) continue;
        plain.addValidationMetadata(rule);
        cached.addValidationMetadata(rule);
      }
    }
    for (let round = 0; round < 3; round++) {
      for (const target of [Base, Child]) {
        const expected = plain.getTargetValidationMetadatas(target, undefined as unknown as string, false, false);
        const got = cached.getTargetValidationMetadatas(target, undefined as unknown as string, false, false);
        expect(got).toEqual(expected);
        expect(Object.keys(cached.groupByPropertyName(got)).sort()).toEqual(Object.keys(plain.groupByPropertyName(expected)).sort());
      }
    }
    expect(cached.getTargetValidationMetadatas(Child, undefined as unknown as string, false, false)).toBe(
      cached.getTargetValidationMetadatas(Child, undefined as unknown as string, false, false),
    );
  });

  it('sees a rule added after a class was validated', () => {
    class Late {
      @IsString() name!: string;
    }
    expect(messages(Late, { name: 'abcdef' })).toEqual([]);
    registerDecorator({
      target: Late,
      propertyName: 'name',
      validator: { validate: (value: unknown) => typeof value === 'string' && value.length <= 3, defaultMessage: () => 'name is too long' },
    });
    expect(messages(Late, { name: 'abcdef' })).toEqual([{ field: 'name', message: 'name is too long' }]);
    expect(validateSync(Object.assign(new Late(), { name: 'abc' }))).toEqual([]);
  });

  it('still validates bodies field by field, unknown fields refused', () => {
    expect(messages(Child, { id: 'a', code: 'abc' })).toEqual([]);
    for (let i = 0; i < 3; i++) {
      expect(messages(Child, { id: 1, code: 'abcd', extra: true })).toEqual(
        expect.arrayContaining([
          { field: 'extra', message: 'property extra should not exist' },
          { field: 'id', message: 'id must be a string' },
          { field: 'code', message: 'code must be shorter than or equal to 3 characters' },
        ]),
      );
    }
  });
});
