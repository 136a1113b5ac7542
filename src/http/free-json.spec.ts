import { freeJsonProblem } from './free-json';

const nestedObject = (levels: number): Record<string, unknown> => {
  let value: Record<string, unknown> = {};
  for (let i = 1; i < levels; i++) value = { a: value };
  return value;
};

describe('free-form JSON objects in commands', () => {
  it('accepts an ordinary object up to 8 levels and 200 keys and items', () => {
    expect(freeJsonProblem({ placements: 3, notes: 'Two mentors', subjects: ['maths', { id: 'french' }], extra: null })).toBeNull();
    expect(freeJsonProblem(nestedObject(8))).toBeNull();
    expect(freeJsonProblem(Object.fromEntries(Array.from({ length: 200 }, (_, i) => [`k${i}`, i])))).toBeNull();
  });

  it('refuses deeper nesting, counting arrays as levels', () => {
    expect(freeJsonProblem(nestedObject(9))).toMatch(/at most 8 levels/);
    expect(freeJsonProblem({ a: { b: { c: { d: { e: { f: { g: [[1]] } } } } } } })).toMatch(/at most 8 levels/);
    let deep: Record<string, unknown> = {};
    for (let i = 0; i < 100_000; i++) deep = { a: deep };
    expect(freeJsonProblem(deep)).toMatch(/at most 8 levels/);
  });

  it('refuses more than 200 keys and items in all', () => {
    expect(freeJsonProblem(Object.fromEntries(Array.from({ length: 201 }, (_, i) => [`k${i}`, i])))).toMatch(/at most 200/);
    expect(freeJsonProblem({ list: Array.from({ length: 200 }, (_, i) => i) })).toMatch(/at most 200/);
  });

  it.each(['$where', 'a.b', 'nul\u0000', 'tab\there', 'del\u007f'])('refuses the key %j', (key) => {
    expect(freeJsonProblem({ outer: { [key]: 1 } })).toMatch(/keys without control characters/);
  });

  it('refuses numbers that are not finite and values that are not JSON', () => {
    expect(freeJsonProblem(JSON.parse('{"big":1e400}'))).toMatch(/finite/);
    expect(freeJsonProblem({ n: NaN })).toMatch(/finite/);
    expect(freeJsonProblem({ when: new Date() })).toMatch(/JSON values/);
    expect(freeJsonProblem([1, 2])).toMatch(/JSON object/);
    expect(freeJsonProblem('text')).toMatch(/JSON object/);
  });
});
