import { jsonNestingDepth, MAX_BODY_DEPTH, nestsDeeperThan } from './json-body';

const nested = (levels: number) => '['.repeat(levels) + ']'.repeat(levels);

describe('JSON body depth', () => {
  it('counts the nesting of objects and arrays in the text, not brackets inside strings', () => {
    expect(jsonNestingDepth('{"a":[1,{"b":2}]}')).toBe(3);
    expect(jsonNestingDepth('{"a":"[[[{{{\\"[["}')).toBe(1);
    expect(jsonNestingDepth('"just a string"')).toBe(0);
    expect(jsonNestingDepth(nested(MAX_BODY_DEPTH))).toBe(MAX_BODY_DEPTH);
  });

  it('reads a body of a million brackets without recursion and stops past the limit', () => {
    expect(jsonNestingDepth(nested(500_000), MAX_BODY_DEPTH)).toBe(MAX_BODY_DEPTH + 1);
  });

  it('tells a parsed value nested past the limit, however deep', () => {
    let deep: unknown = {};
    for (let i = 0; i < 100_000; i++) deep = { a: [deep] };
    expect(nestsDeeperThan(deep, MAX_BODY_DEPTH)).toBe(true);
    expect(nestsDeeperThan(JSON.parse(nested(MAX_BODY_DEPTH)), MAX_BODY_DEPTH)).toBe(false);
    expect(nestsDeeperThan(JSON.parse(nested(MAX_BODY_DEPTH + 1)), MAX_BODY_DEPTH)).toBe(true);
  });
});
