import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { canonicalJson } from './canonical-json';
import { chainHash, chainHashes, GENESIS_HASH } from './hash-chain';

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

describe('canonical JSON', () => {
  it('sorts keys at every depth, writes no whitespace, and leaves out undefined as JSON does', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { f: 2, e: 3 }, undefined], c: null, u: undefined } })).toBe('{"a":{"c":null,"d":[1,{"e":3,"f":2},null]},"b":1}');
  });

  it('is the same text after a JSON round trip, and equal values in any key order give one text', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const text = canonicalJson(value);
        expect(canonicalJson(JSON.parse(text))).toBe(text);
        expect(JSON.parse(text)).toEqual(JSON.parse(JSON.stringify(value)));
      }),
    );
  });

  it('writes what JSON.stringify writes for toJSON, functions, NaN and undefined in arrays and objects', () => {
    const value = { when: new Date(0), f: () => 1, list: [undefined, () => 1, NaN, { toJSON: () => 'x' }], n: Infinity };
    expect(canonicalJson(value)).toBe('{"list":[null,null,null,"x"],"n":null,"when":"1970-01-01T00:00:00.000Z"}');
    expect(() => canonicalJson(undefined)).toThrow(TypeError);
  });

  it('writes any depth of nesting without recursion (event data comes from clients)', () => {
    let deep: unknown = { leaf: true };
    for (let i = 0; i < 100_000; i++) deep = i % 2 ? [deep] : { k: deep };
    const text = canonicalJson(deep);
    expect(text.length).toBe(50_000 * ('{"k":}'.length + '[]'.length) + '{"leaf":true}'.length);
    expect(text.startsWith('[{"k":[{"k":')).toBe(true);
  });

  it('writes a value as it writes it nested past the recursion limit (where the text is made with its own stack)', () => {
    const wrapped = (value: unknown, levels: number) => {
      let out = value;
      for (let i = 0; i < levels; i++) out = i % 3 === 0 ? [out] : { k: out };
      return out;
    };
    const around = (text: string, levels: number) => {
      let out = text;
      for (let i = 0; i < levels; i++) out = i % 3 === 0 ? `[${out}]` : `{"k":${out}}`;
      return out;
    };
    fc.assert(
      fc.property(
        fc.anything({ withDate: true, withBoxedValues: true, maxDepth: 4 }).filter((value) => value !== undefined),
        fc.integer({ min: 60, max: 70 }),
        (value, levels) => {
          expect(canonicalJson(wrapped(value, levels))).toBe(around(canonicalJson(value), levels));
        },
      ),
    );
    expect(canonicalJson({ 10: 'a', 2: 'b', b: [1, { '1': 1, a: undefined }], a: -0 })).toBe('{"10":"a","2":"b","a":0,"b":[1,{"1":1}]}');
  });

  it('refuses circular data with a TypeError instead of writing forever', () => {
    const circular: Record<string, unknown> = { a: 1 };
    circular.self = { back: circular };
    expect(() => canonicalJson(circular)).toThrow(TypeError);
  });
});

describe('hash chain', () => {
  const metadata = { occurredAt: '2026-01-01T00:00:00.000Z', schemaVersion: 1 };

  it('is sha256(previousHash ‖ canonical JSON of type, data, metadata), starting from the genesis hash', () => {
    const first = chainHash(GENESIS_HASH, 'StudentRegistered', '{"a":1}', canonicalJson(metadata));
    expect(first).toBe(sha256(`{"data":{"a":1},"metadata":{"occurredAt":"2026-01-01T00:00:00.000Z","schemaVersion":1},"type":"StudentRegistered"}`));
    const second = chainHash(first, 'StudentAdmitted', '{}', '{}');
    expect(second).toBe(sha256(`${first}{"data":{},"metadata":{},"type":"StudentAdmitted"}`));
  });

  it('chains a batch from its tail: each hash depends on every earlier event', () => {
    const events = [
      { type: 'A', data: { z: 1, a: 2 }, metadata },
      { type: 'B', data: {}, metadata },
    ];
    const [h0, h1] = chainHashes(null, events);
    expect(h0).toBe(chainHash(GENESIS_HASH, 'A', '{"a":2,"z":1}', canonicalJson(metadata)));
    expect(h1).toBe(chainHash(h0, 'B', '{}', canonicalJson(metadata)));
    expect(chainHashes('tail', events)[0]).not.toBe(h0);
    expect(chainHashes(null, [{ ...events[0], data: { a: 2, z: 2 } }, events[1]])[1]).not.toBe(h1);
  });
});
