import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteDocumentStore } from '../read-store/embedded/sqlite-document-store';
import { canonicalJson, IdempotencyStore, requestHash } from './idempotency';

describe('IdempotencyStore', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ledger-idem-'));
  const documents = SqliteDocumentStore.open({ file: join(dir, 'read-models.sqlite') });
  const store = new IdempotencyStore(documents);
  afterAll(async () => {
    await documents.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('hashes a body the same whatever its key order, and differently per command', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { f: 2, e: 3 }], c: null } })).toBe('{"a":{"c":null,"d":[1,{"e":3,"f":2}]},"b":1}');
    expect(requestHash('A', { x: 1, y: 2 })).toBe(requestHash('A', { y: 2, x: 1 }));
    expect(requestHash('A', { x: 1 })).not.toBe(requestHash('B', { x: 1 }));
  });

  it('hashes bodies of any depth without recursion', () => {
    let deep: unknown = 1;
    for (let i = 0; i < 100_000; i++) deep = i % 2 ? [deep] : { a: deep };
    const text = canonicalJson(deep);
    expect(text.startsWith('[{"a":[{"a":')).toBe(true);
    expect(text).toHaveLength(50_000 * '{"a":}'.length + 50_000 * '[]'.length + 1);
    expect(canonicalJson({ list: [], empty: {}, s: 'x"y', n: -1.5, t: true })).toBe('{"empty":{},"list":[],"n":-1.5,"s":"x\\"y","t":true}');
  });

  it('keeps responses per token and key, and forgets them after 48 hours', async () => {
    await store.save('sis', 'k-1', { requestHash: 'h', status: 200, body: { ok: true }, headers: {} });
    expect(await store.find('sis', 'k-1')).toMatchObject({ status: 200, body: { ok: true } });
    expect(await store.find('other-token', 'k-1')).toBeNull();

    const realNow = Date.now;
    try {
      Date.now = () => realNow() + 49 * 3600 * 1000;
      expect(await store.find('sis', 'k-1')).toBeNull();
      expect(await store.purgeExpired()).toBe(1);
    } finally {
      Date.now = realNow;
    }
    expect(await store.find('sis', 'k-1')).toBeNull();
  });

  it('runs requests with the same key one after the other', async () => {
    const order: string[] = [];
    const slow = store.exclusive('sis', 'k-2', async () => {
      order.push('first:start');
      await new Promise((r) => setTimeout(r, 30));
      order.push('first:end');
    });
    const second = store.exclusive('sis', 'k-2', async () => void order.push('second'));
    await Promise.all([slow, second]);
    expect(order).toEqual(['first:start', 'first:end', 'second']);
  });
});
