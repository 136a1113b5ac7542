import { isValidId } from '../../shared/ids';
import { importedId } from './oneroster.ids';

describe('rule 1 (identity): a record\'s id comes from its source and sourcedId, nothing else', () => {
  it('the same (source, sourcedId) always gives the same id, readable where the sourcedId allows it', () => {
    expect(importedId('sis', 'stu-1')).toBe('sis.stu-1');
    expect(importedId('sis', 'stu-1')).toBe(importedId('sis', 'stu-1'));
  });

  it('sourcedIds are case-sensitive, and another source addresses another aggregate', () => {
    expect(importedId('sis', 'Stu-1')).not.toBe(importedId('sis', 'stu-1'));
    expect(importedId('other', 'stu-1')).not.toBe(importedId('sis', 'stu-1'));
  });

  it('a sourcedId that is no valid id is hashed into one, the same each time', () => {
    const id = importedId('sis', 'a sourcedId with spaces / and slashes');
    expect(isValidId(id)).toBe(true);
    expect(id).toMatch(/^sis\.h-[0-9a-f]{40}$/);
    expect(importedId('sis', 'a sourcedId with spaces / and slashes')).toBe(id);
    expect(importedId('sis', 'A sourcedId with spaces / and slashes')).not.toBe(id);
  });
});
