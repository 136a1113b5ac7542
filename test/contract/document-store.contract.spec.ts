import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDocumentStore } from '../../src/read-store/document-store.factory';
import {
  Document,
  DocumentStore,
  DocumentTransaction,
  DuplicateKeyError,
  Filter,
  FindOptions,
  Scalar,
  Sort,
} from '../../src/read-store/document-store.port';
import { SqliteDocumentStore } from '../../src/read-store/embedded/sqlite-document-store';
import { MongoDocumentStore } from '../../src/read-store/mongodb/mongo-document-store';

interface Harness {
  store: DocumentStore;
  teardown(): Promise<void>;
}

/** One contract, every adapter: what passes here is what projections and queries may rely on. */
function documentStoreContract(kind: 'embedded' | 'mongodb', setup: () => Promise<Harness>): void {
  let harness: Harness;
  let store: DocumentStore;
  let counter = 0;
  const fresh = (label: string) => `${label}_${++counter}`;
  // Listed as skipped with the reason on the other backend, never silently absent.
  const embeddedOnly = (name: string, test: () => Promise<void>, reason: string) =>
    kind === 'embedded' ? it(`(embedded) ${name}`, test) : it.skip(`(embedded) ${name} (skipped on MongoDB: ${reason})`, test);
  const mongodbOnly = (name: string, test: () => Promise<void>, reason: string) =>
    kind === 'mongodb' ? it(`(MongoDB) ${name}`, test) : it.skip(`(MongoDB) ${name} (skipped on the embedded store: ${reason})`, test);
  const NO_SERVER_TRANSACTIONS = 'writes apply as they are made there (port: DocumentStore.transaction); the MongoDB test pins that';

  beforeAll(async () => {
    harness = await setup();
    store = harness.store;
  });
  afterAll(() => harness?.teardown());

  async function seeded(docs: Record<string, Document>): Promise<string> {
    const name = fresh('seeded');
    await store.transaction(async (tx) => {
      for (const [id, doc] of Object.entries(docs)) await tx.collection(name).put(id, doc);
    });
    return name;
  }

  const idsOf = async (name: string, filter?: Filter, options?: FindOptions) =>
    (await store.collection<{ id: string }>(name).find(filter, options)).map((doc) => doc.id);

  it('reports its kind and answers a ping', async () => {
    expect(store.kind).toBe(kind);
    await expect(store.ping()).resolves.toBeUndefined();
  });

  describe('documents by id', () => {
    it('puts, gets, replaces whole documents and deletes them', async () => {
      const students = store.collection(fresh('students'));
      expect(await students.put('s-1', { name: 'Ada', school: { id: 'sc-1' }, tags: ['a'] })).toBe(true);
      expect(await students.get('s-1')).toEqual({ name: 'Ada', school: { id: 'sc-1' }, tags: ['a'] });
      await students.put('s-1', { name: 'Ada L.' });
      expect(await students.get('s-1')).toEqual({ name: 'Ada L.' });
      expect(await students.delete('s-1')).toBe(true);
      expect(await students.get('s-1')).toBeNull();
      expect(await students.delete('s-1')).toBe(false);
    });

    it('keeps ids exactly, including unusual characters', async () => {
      const things = store.collection(fresh('things'));
      for (const id of ['a.b', 'x:y@z', "it's", 'é😀', 'UPPER', 'upper']) await things.put(id, { id });
      for (const id of ['a.b', 'x:y@z', "it's", 'é😀', 'UPPER', 'upper']) expect(await things.get(id)).toEqual({ id });
    });

    it('reads a collection that was never written as empty, without creating it', async () => {
      const name = fresh('never');
      const nothing = store.collection(name);
      expect(await nothing.get('x')).toBeNull();
      expect(await nothing.getStored('x')).toBeNull();
      expect(await nothing.find({ a: 1 }, { sort: [['a', 1]] })).toEqual([]);
      expect(await nothing.count()).toBe(0);
      expect(await nothing.entries()).toEqual([]);
      expect(await nothing.delete('x')).toBe(false);
      expect(await store.listCollections()).not.toContain(name);
    });

    it('refuses the fields the stores keep for themselves', async () => {
      const docs = store.collection(fresh('reserved'));
      await expect(docs.put('a', { _id: 'other' })).rejects.toThrow(TypeError);
      await expect(docs.put('a', { _position: 1 })).rejects.toThrow(TypeError);
      await expect(docs.find({ _id: 'a' })).rejects.toThrow(TypeError);
    });

    it('lists documents with their positions in id order, a page at a time', async () => {
      const docs = store.collection(fresh('entries'));
      for (const id of ['b', 'a', 'd', 'c']) await docs.put(id, { id }, { ifOlderThan: BigInt(id.charCodeAt(0)) });
      const first = await docs.entries({ limit: 3 });
      expect(first.map((e) => [e.id, e.position])).toEqual([['a', 97n], ['b', 98n], ['c', 99n]]);
      expect(first[0].doc).toEqual({ id: 'a' });
      expect((await docs.entries({ afterId: 'c', limit: 3 })).map((e) => e.id)).toEqual(['d']);
      expect((await docs.entries()).map((e) => e.id)).toEqual(['a', 'b', 'c', 'd']);
    });
  });

  describe('positions and conditional writes', () => {
    it('records position 0 for a plain write and the given position for a conditional one', async () => {
      const docs = store.collection(fresh('positions'));
      await docs.put('plain', { v: 1 });
      expect(await docs.getStored('plain')).toEqual({ doc: { v: 1 }, position: 0n });
      await docs.put('big', { v: 1 }, { ifOlderThan: 2n ** 62n });
      expect((await docs.getStored('big'))?.position).toBe(2n ** 62n);
    });

    it('applies a conditional put only over an absent or older document', async () => {
      const docs = store.collection(fresh('conditional'));
      expect(await docs.put('x', { v: 5 }, { ifOlderThan: 5n })).toBe(true);
      expect(await docs.put('x', { v: 'same' }, { ifOlderThan: 5n })).toBe(false);
      expect(await docs.put('x', { v: 'older' }, { ifOlderThan: 3n })).toBe(false);
      expect(await docs.getStored('x')).toEqual({ doc: { v: 5 }, position: 5n });
      expect(await docs.put('x', { v: 7 }, { ifOlderThan: 7n })).toBe(true);
      expect(await docs.getStored('x')).toEqual({ doc: { v: 7 }, position: 7n });
    });

    it('applies a conditional delete only to an older document', async () => {
      const docs = store.collection(fresh('conditional_delete'));
      await docs.put('x', { v: 1 }, { ifOlderThan: 10n });
      expect(await docs.delete('x', { ifOlderThan: 10n })).toBe(false);
      expect(await docs.delete('x', { ifOlderThan: 9n })).toBe(false);
      expect(await docs.get('x')).toEqual({ v: 1 });
      expect(await docs.delete('x', { ifOlderThan: 11n })).toBe(true);
      expect(await docs.get('x')).toBeNull();
      expect(await docs.delete('x', { ifOlderThan: 12n })).toBe(false);
    });

    it('refuses positions from 2^63 up (MongoDB would wrap them negative) and writes nothing', async () => {
      const docs = store.collection(fresh('position_range'));
      await expect(docs.put('x', { v: 1 }, { ifOlderThan: 2n ** 63n })).rejects.toThrow(RangeError);
      await expect(docs.delete('x', { ifOlderThan: 2n ** 63n })).rejects.toThrow(RangeError);
      expect(await docs.get('x')).toBeNull();
      expect(await docs.put('x', { v: 1 }, { ifOlderThan: 2n ** 63n - 1n })).toBe(true);
      expect((await docs.getStored('x'))?.position).toBe(2n ** 63n - 1n);
      expect(await docs.put('x', { v: 2 }, { ifOlderThan: 5n })).toBe(false);
    });

    it('moves a checkpoint written conditionally only forward, whatever order the writes land in', async () => {
      const checkpoints = store.collection(fresh('checkpoints'));
      const positions = [5n, 40n, 12n, 39n, 7n, 40n, 1n];
      const applied = await Promise.all(
        positions.map((position) => checkpoints.put('runner', { position: String(position) }, { ifOlderThan: position })),
      );
      expect(applied.filter(Boolean).length).toBeGreaterThanOrEqual(1);
      expect(await checkpoints.getStored('runner')).toEqual({ doc: { position: '40' }, position: 40n });
      expect(await checkpoints.put('runner', { position: '39' }, { ifOlderThan: 39n })).toBe(false);
    });

    it('lets a plain put reset the position so later conditional writes apply', async () => {
      const docs = store.collection(fresh('reset'));
      await docs.put('x', { v: 1 }, { ifOlderThan: 50n });
      await docs.put('x', { v: 2 });
      expect(await docs.put('x', { v: 3 }, { ifOlderThan: 1n })).toBe(true);
      expect(await docs.getStored('x')).toEqual({ doc: { v: 3 }, position: 1n });
    });
  });

  describe('filters', () => {
    let name: string;
    beforeAll(async () => {
      name = await seeded(withIds(EDGE_DOCS));
    });

    for (const [title, filter, expected] of FILTER_CASES) {
      it(title, async () => {
        expect((await idsOf(name, filter)).sort()).toEqual([...expected].sort());
        expect(await store.collection(name).count(filter)).toBe(expected.length);
      });
    }

    it.each<[string, Filter]>([
      ['an undefined condition (it would otherwise widen a query)', { n: undefined }],
      ['an unknown operator', { n: { $regex: 'x' } as never }],
      ['an unknown top-level operator', { $and: [] } as never],
      ['an empty condition', { n: {} }],
      ['an empty $or', { $or: [] }],
      ['a range over a boolean', { n: { $gt: true as never } }],
      ['an object as a value', { n: { a: 1 } as never }],
      ['an invalid path', { 'a..b': 1 }],
    ])('rejects %s', async (_title, filter) => {
      await expect(store.collection(name).find(filter)).rejects.toThrow(TypeError);
    });

    it('rejects negative or fractional paging', async () => {
      await expect(store.collection(name).find({}, { limit: -1 })).rejects.toThrow(RangeError);
      await expect(store.collection(name).find({}, { offset: 1.5 })).rejects.toThrow(RangeError);
    });
  });

  describe('sorting and paging', () => {
    let mixed: string;
    let simple: string;
    beforeAll(async () => {
      mixed = await seeded(withIds(SORT_DOCS));
      simple = await seeded(withIds(MULTI_KEY_DOCS));
    });

    it('orders across types as MongoDB does, ties by id, nulls and missing first ascending', async () => {
      expect(await idsOf(mixed, {}, { sort: [['k', 1]] })).toEqual([
        's9', 's4', 's5', 's8', 's2', 's11', 's1', 's3', 's12', 's6', 's13', 's10', 's7',
      ]);
    });

    it('orders descending with nulls and missing last, arrays by their largest element', async () => {
      expect(await idsOf(mixed, {}, { sort: [['k', -1]] })).toEqual([
        's7', 's10', 's13', 's6', 's12', 's8', 's1', 's3', 's11', 's2', 's4', 's5', 's9',
      ]);
    });

    it('sorts on several keys in both directions, then by id', async () => {
      expect(await idsOf(simple, {}, { sort: [['name', 1], ['k', -1]] })).toEqual(['m3', 'm6', 'm2', 'm5', 'm1', 'm4']);
      expect(await idsOf(simple, {}, { sort: [['name', -1], ['k', 1]] })).toEqual(['m1', 'm4', 'm5', 'm2', 'm3', 'm6']);
      expect(await idsOf(simple, {}, { sort: [['k', 1]] })).toEqual(['m5', 'm1', 'm2', 'm4', 'm3', 'm6']);
      expect(await idsOf(simple, {}, { sort: [['k', 1], ['k', -1]] })).toEqual(['m5', 'm1', 'm2', 'm4', 'm3', 'm6']);
    });

    it('returns documents in id order when no sort is given', async () => {
      expect(await idsOf(simple)).toEqual(['m1', 'm2', 'm3', 'm4', 'm5', 'm6']);
    });

    it('sorts on nested paths', async () => {
      expect(await idsOf(simple, {}, { sort: [['meta.rank', -1]] })).toEqual(['m2', 'm1', 'm3', 'm4', 'm5', 'm6']);
    });

    it('pages with limit and offset over a sorted, filtered result and counts the whole of it', async () => {
      const byK: Sort = [['k', 1]];
      expect(await idsOf(simple, {}, { sort: byK, limit: 2, offset: 1 })).toEqual(['m1', 'm2']);
      expect(await idsOf(simple, {}, { sort: byK, limit: 10, offset: 5 })).toEqual(['m6']);
      expect(await idsOf(simple, {}, { sort: byK, offset: 10 })).toEqual([]);
      expect(await idsOf(simple, {}, { sort: byK, limit: 0 })).toEqual([]);
      expect(await idsOf(simple, { name: 'a' }, { sort: byK, limit: 2 })).toEqual(['m5', 'm2']);
      expect(await store.collection(simple).count({ name: 'a' })).toBe(4);
    });
  });

  describe('indexes', () => {
    it('declares indexes idempotently without changing any answer', async () => {
      const name = await seeded(withIds(EDGE_DOCS));
      const before = await idsOf(name, { n: { $gte: 1 } }, { sort: [['s', -1]] });
      const indexes = [{ fields: [['n', 1]] as Sort }, { fields: [['nested.level', 1], ['s', -1]] as Sort }];
      await store.ensureIndexes(name, indexes);
      await store.ensureIndexes(name, indexes);
      expect(await idsOf(name, { n: { $gte: 1 } }, { sort: [['s', -1]] })).toEqual(before);
      for (const [, filter, expected] of FILTER_CASES) expect((await idsOf(name, filter)).sort()).toEqual([...expected].sort());
    });

    it('creates the collection when indexes are declared', async () => {
      const name = fresh('indexed_empty');
      await store.ensureIndexes(name, [{ fields: [['a', 1]] }]);
      expect(await store.listCollections()).toContain(name);
    });

    it('rejects a duplicate under a unique index with DuplicateKeyError, and nothing is written', async () => {
      const name = fresh('unique');
      await store.ensureIndexes(name, [{ fields: [['email', 1]], unique: true }]);
      const users = store.collection(name);
      await users.put('u1', { email: 'a@example.org' });
      await expect(users.put('u2', { email: 'a@example.org' })).rejects.toThrow(DuplicateKeyError);
      expect(await users.get('u2')).toBeNull();
      await users.put('u1', { email: 'a@example.org', name: 'same document' });
      await users.put('u3', { email: true });
      await users.put('u4', { email: 1 });
      await users.put('u5', {});
      // As on MongoDB, a missing field is a null key: only one document may lack it.
      await expect(users.put('u6', { email: null })).rejects.toThrow(DuplicateKeyError);
    });

    it('rejects a unique index over existing duplicates', async () => {
      const name = await seeded({ a: { code: 'x' }, b: { code: 'x' } });
      await expect(store.ensureIndexes(name, [{ fields: [['code', 1]], unique: true }])).rejects.toThrow(DuplicateKeyError);
    });

    embeddedOnly('serves equality and range filters from a declared index, also after a rename', async () => {
      const name = await seeded(withIds(EDGE_DOCS));
      await store.ensureIndexes(name, [{ fields: [['n', 1]] }, { fields: [['s', 1]] }]);
      const sqlite = store as SqliteDocumentStore;
      expect(sqlite.explainFind(name, { n: 2 }).join('\n')).toMatch(/USING INDEX \S+_ix1/);
      expect(sqlite.explainFind(name, { s: { $gte: 'a', $lt: 'b' } }).join('\n')).toMatch(/USING INDEX \S+_ix2/);
      const renamed = fresh('renamed');
      await store.renameCollection(name, renamed);
      expect(sqlite.explainFind(renamed, { n: { $in: [1, 2] } }).join('\n')).toMatch(/USING INDEX \S+_ix1/);
    }, 'it reads SQLite query plans; MongoDB index use is pinned offline in mongo-indexes.spec.ts');

    it('makes the declared indexes the whole set: a changed unique flag takes effect, an index no longer declared goes', async () => {
      const name = fresh('reconciled');
      const users = store.collection(name);
      await store.ensureIndexes(name, [{ fields: [['email', 1]] }, { fields: [['code', 1]], unique: true }]);
      await users.put('u1', { email: 'a@example.org', code: 'c1' });
      await expect(users.put('u2', { email: 'b@example.org', code: 'c1' })).rejects.toThrow(DuplicateKeyError);

      // Same key, now unique (MongoDB would refuse a plain createIndexes: IndexOptionsConflict); the unique code index is gone.
      await store.ensureIndexes(name, [{ fields: [['email', 1]], unique: true }]);
      await users.put('u2', { email: 'b@example.org', code: 'c1' });
      await expect(users.put('u3', { email: 'a@example.org' })).rejects.toThrow(DuplicateKeyError);

      // Back to plain: duplicates are allowed again, and declaring the same set twice changes nothing.
      await store.ensureIndexes(name, [{ fields: [['email', 1]] }]);
      await store.ensureIndexes(name, [{ fields: [['email', 1]] }]);
      await users.put('u3', { email: 'a@example.org' });
      expect((await idsOfEntries(name)).sort()).toEqual(['u1', 'u2', 'u3']);
      expect((await store.collection(name).find({ email: 'a@example.org' })).length).toBe(2);
    });
  });

  describe('transactions', () => {
    it('commits writes to several collections together and returns the result', async () => {
      const [a, b] = [fresh('tx_a'), fresh('tx_b')];
      const result = await store.transaction(async (tx) => {
        await tx.collection(a).put('1', { v: 1 });
        await tx.collection(b).put('checkpoint', { position: '9' });
        return 'done';
      });
      expect(result).toBe('done');
      expect(await store.collection(a).get('1')).toEqual({ v: 1 });
      expect(await store.collection(b).get('checkpoint')).toEqual({ position: '9' });
    });

    it('reads its own writes inside the transaction', async () => {
      const name = fresh('own_writes');
      await store.transaction(async (tx) => {
        const docs = tx.collection(name);
        await docs.put('1', { v: 1 }, { ifOlderThan: 4n });
        expect(await docs.get('1')).toEqual({ v: 1 });
        expect(await docs.getStored('1')).toEqual({ doc: { v: 1 }, position: 4n });
        expect(await docs.find({ v: 1 })).toEqual([{ v: 1 }]);
        expect(await docs.count()).toBe(1);
        await docs.delete('1');
        expect(await docs.get('1')).toBeNull();
      });
    });

    embeddedOnly('rolls everything back when the work throws', async () => {
      const [kept, created] = [await seeded({ x: { v: 'before' } }), fresh('tx_created')];
      await expect(
        store.transaction(async (tx) => {
          await tx.collection(kept).put('x', { v: 'after' });
          await tx.collection(kept).put('y', { v: 'new' });
          await tx.collection(created).put('1', { v: 1 });
          await tx.renameCollection(kept, fresh('tx_elsewhere'));
          throw new Error('projector failed');
        }),
      ).rejects.toThrow('projector failed');
      expect(await store.collection(kept).get('x')).toEqual({ v: 'before' });
      expect(await store.collection(kept).get('y')).toBeNull();
      expect(await store.listCollections()).not.toContain(created);
    }, NO_SERVER_TRANSACTIONS);

    mongodbOnly('keeps the writes made before the work threw: no rollback, as the port says', async () => {
      const kept = await seeded({ x: { v: 'before' } });
      await expect(
        store.transaction(async (tx) => {
          await tx.collection(kept).put('x', { v: 'after' }, { ifOlderThan: 5n });
          throw new Error('projector failed');
        }),
      ).rejects.toThrow('projector failed');
      expect(await store.collection(kept).getStored('x')).toEqual({ doc: { v: 'after' }, position: 5n });
    }, 'the embedded store rolls back; the embedded test pins that');

    mongodbOnly('shows a write made inside to reads outside at once: no isolation, as the port says', async () => {
      const name = await seeded({ x: { v: 0 } });
      const { open, opened } = gate();
      const written = gate();
      const running = store.transaction(async (tx) => {
        await tx.collection(name).put('x', { v: 1 });
        written.open();
        await opened;
      });
      await written.opened;
      expect(await store.collection(name).get('x')).toEqual({ v: 1 });
      open();
      await running;
    }, 'the embedded store isolates; the embedded test pins that');

    embeddedOnly('keeps uncommitted writes invisible to reads outside the transaction', async () => {
      const name = await seeded({ x: { v: 0 } });
      const { open, opened } = gate();
      const written = gate();
      const running = store.transaction(async (tx) => {
        await tx.collection(name).put('x', { v: 1 });
        written.open();
        await opened;
      });
      await written.opened;
      expect(await store.collection(name).get('x')).toEqual({ v: 0 });
      open();
      await running;
      expect(await store.collection(name).get('x')).toEqual({ v: 1 });
    }, NO_SERVER_TRANSACTIONS);

    embeddedOnly('queues other writes until the transaction has committed', async () => {
      const name = await seeded({ x: { v: 0 } });
      const { open, opened } = gate();
      const written = gate();
      const finished: string[] = [];
      const running = store
        .transaction(async (tx) => {
          await tx.collection(name).put('x', { v: 'tx' });
          written.open();
          await opened;
        })
        .then(() => finished.push('transaction'));
      await written.opened;
      // Issued while the transaction is open: unqueued, it would finish first.
      const outside = store.collection(name).put('x', { v: 'outside' }).then(() => finished.push('outside'));
      open();
      await Promise.all([running, outside]);
      expect(finished).toEqual(['transaction', 'outside']);
      expect(await store.collection(name).get('x')).toEqual({ v: 'outside' });
    }, NO_SERVER_TRANSACTIONS);

    it('makes a replayed batch harmless: a batch applied again after a crash before its checkpoint changes nothing', async () => {
      const [docs, checkpoints] = [fresh('replayed'), fresh('replay_checkpoints')];
      const batch = [
        { id: 'a', doc: { v: 1 }, position: 10n },
        { id: 'b', doc: { v: 2 }, position: 11n },
        { id: 'a', doc: { v: 3 }, position: 12n },
      ];
      const apply = () =>
        store.transaction(async (tx) => {
          const applied: boolean[] = [];
          for (const { id, doc, position } of batch) applied.push(await tx.collection(docs).put(id, doc, { ifOlderThan: position }));
          return applied;
        });
      expect(await apply()).toEqual([true, true, true]);
      const before = await store.collection(docs).entries();
      // The checkpoint write was lost: the runner starts again before the batch.
      expect(await apply()).toEqual([false, false, false]);
      expect(await store.collection(docs).entries()).toEqual(before);
      expect(before.map((e) => [e.id, e.doc, e.position])).toEqual([['a', { v: 3 }, 12n], ['b', { v: 2 }, 11n]]);
      await store.collection(checkpoints).put('p', { position: '12' }, { ifOlderThan: 12n });
    });

    embeddedOnly('never interleaves two transactions that await inside', async () => {
      const name = await seeded({ counter: { n: 0 } });
      const increment = () =>
        store.transaction(async (tx) => {
          const docs = tx.collection<{ n: number }>(name);
          const current = await docs.get('counter');
          await tick(1);
          await docs.put('counter', { n: (current?.n ?? 0) + 1 });
        });
      await Promise.all(Array.from({ length: 10 }, increment));
      expect(await store.collection(name).get('counter')).toEqual({ n: 10 });
    }, NO_SERVER_TRANSACTIONS);

    embeddedOnly('fails fast instead of deadlocking on a write that bypasses the handle', async () => {
      const name = fresh('bypass');
      await expect(
        store.transaction(async () => {
          await store.collection(name).put('x', {});
        }),
      ).rejects.toThrow(/transaction handle/);
      await expect(store.transaction(() => store.transaction(async () => 1))).rejects.toThrow(/transaction handle/);
    }, 'no write lock to deadlock on there');

    embeddedOnly('refuses a handle used after its transaction finished', async () => {
      const name = fresh('late');
      let escaped: DocumentTransaction | undefined;
      await store.transaction(async (tx) => {
        escaped = tx;
      });
      await expect(escaped!.collection(name).put('x', {})).rejects.toThrow(/already finished/);
    }, 'its handle is the store itself there');
  });

  describe('collections', () => {
    it('renames a collection over an existing target, which is replaced', async () => {
      const live = await seeded({ old1: { v: 'old' }, old2: { v: 'old' } });
      const shadow = await seeded({ new1: { v: 'new' } });
      await store.renameCollection(shadow, live);
      expect(await idsOfEntries(live)).toEqual(['new1']);
      expect(await store.collection(live).get('new1')).toEqual({ v: 'new' });
      const names = await store.listCollections();
      expect(names).toContain(live);
      expect(names).not.toContain(shadow);
      expect(await store.collection(shadow).count()).toBe(0);
    });

    it('renames inside a transaction together with a checkpoint write', async () => {
      const [live, checkpoints] = [await seeded({ a: { v: 'old' } }), fresh('checkpoints')];
      const shadow = await seeded({ b: { v: 'new' } });
      await store.transaction(async (tx) => {
        await tx.renameCollection(shadow, live);
        await tx.collection(checkpoints).put('rosters', { position: '42' });
        expect(await tx.collection(live).get('b')).toEqual({ v: 'new' });
      });
      expect(await idsOfEntries(live)).toEqual(['b']);
      expect(await store.collection(checkpoints).get('rosters')).toEqual({ position: '42' });
    });

    it('treats a source that was never written as empty: the target ends up empty', async () => {
      const live = await seeded({ a: {} });
      await store.renameCollection(fresh('never_written'), live);
      expect(await store.collection(live).count()).toBe(0);
    });

    it('renames to a new name and drops collections', async () => {
      const source = await seeded({ a: { v: 1 } });
      const target = fresh('brand_new');
      await store.renameCollection(source, target);
      expect(await store.collection(target).get('a')).toEqual({ v: 1 });
      await store.dropCollection(target);
      await store.dropCollection(target);
      expect(await store.listCollections()).not.toContain(target);
      expect(await store.collection(target).get('a')).toBeNull();
    });

    it('lists collections by name, including ones whose names need escaping in SQL', async () => {
      const odd = fresh(`odd "name"; drop table x`);
      await store.collection(odd).put('a', { v: 1 });
      const names = await store.listCollections();
      expect(names).toContain(odd);
      expect(names).toEqual([...names].sort());
      expect(await store.collection(odd).get('a')).toEqual({ v: 1 });
    });
  });

  describe('identical answers to a plain in-memory reference', () => {
    const random = seededRandom(20240611);
    const docs = Object.fromEntries(Array.from({ length: 2000 }, (_, i) => {
        const id = `d${String(i).padStart(4, '0')}`;
        return [id, { ref: id, ...randomDoc(random) }];
      }));
    let name: string;
    let indexed: string;
    beforeAll(async () => {
      name = await seeded(docs);
      indexed = await seeded(docs);
      await store.ensureIndexes(indexed, [
        { fields: [['n', 1]] },
        { fields: [['s', 1], ['grp', -1]] },
        { fields: [['nested.level', 1]] },
        { fields: [['tags', 1]] },
      ]);
    }, 120_000);

    it('gives the same filtered, sorted, paged results and counts for 300 generated queries', async () => {
      for (let q = 0; q < 300; q++) {
        const filter = randomFilter(random);
        const options: FindOptions = { sort: randomSort(random) };
        if (random() < 0.6) options.limit = 1 + Math.floor(random() * 60);
        if (random() < 0.4) options.offset = Math.floor(random() * 200);
        const expected = referenceFind(docs, filter, options);
        const count = referenceFind(docs, filter, {}).length;
        const context = JSON.stringify({ filter, options });
        for (const target of [name, indexed]) {
          expect({ context, ids: await idsOfFound(target, filter, options) }).toEqual({ context, ids: expected });
          expect({ context, count: await store.collection(target).count(filter) }).toEqual({ context, count });
        }
      }
    }, 120_000);
  });

  async function idsOfEntries(name: string): Promise<string[]> {
    return (await store.collection(name).entries()).map((entry) => entry.id);
  }

  async function idsOfFound(name: string, filter: Filter, options: FindOptions): Promise<string[]> {
    return (await store.collection<{ ref: string }>(name).find(filter, options)).map((doc) => doc.ref);
  }
}

function withIds(docs: Record<string, Document>): Record<string, Document> {
  return Object.fromEntries(Object.entries(docs).map(([id, doc]) => [id, { id, ...doc }]));
}

function gate(): { open: () => void; opened: Promise<void> } {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { open, opened };
}

const tick = (ms = 20) => new Promise((resolve) => setTimeout(resolve, ms));

/** Edge cases for every operator: types that look alike, null against missing, arrays against scalars. */
const EDGE_DOCS: Record<string, Document> = {
  a: { n: 1, s: 'a', flag: true, tags: ['red', 'blue'], nested: { level: 1, name: 'x' } },
  b: { n: 2, s: 'b', flag: false, tags: ['blue'], nested: { level: 2 } },
  c: { n: 10, s: 'B', flag: 1, tags: [], nested: { level: 'high' } },
  d: { n: '5', s: '10', flag: 0, tags: 'red' },
  e: { n: null, s: null, flag: null, tags: [null, 3], nested: null },
  f: { other: true },
  g: { n: [0, 20], s: ['a', 'z'], tags: [1, 'red'] },
  h: { n: 2.5, s: 'ab', flag: 'true', nested: { level: 1.5, deeper: { x: 'y' } } },
  i: { n: -3, s: '', tags: ['Red'] },
  j: { tags: [true] },
};

const ALL = Object.keys(EDGE_DOCS);
const except = (...ids: string[]) => ALL.filter((id) => !ids.includes(id));

const FILTER_CASES: [string, Filter, string[]][] = [
  ['a bare number matches that number only', { n: 2 }, ['b']],
  ['a string never matches a number, nor a number a string', { n: '5' }, ['d']],
  ['a number never matches a numeric string', { n: 5 }, []],
  ['equality matches an element of an array field', { n: 20 }, ['g']],
  ['null matches null and missing fields', { n: null }, ['e', 'f', 'j']],
  ['$eq null is the same as bare null', { n: { $eq: null } }, ['e', 'f', 'j']],
  ['$ne null matches present, non-null values', { n: { $ne: null } }, except('e', 'f', 'j')],
  ['$ne matches missing fields', { n: { $ne: 2 } }, except('b')],
  ['$ne excludes arrays holding the value', { n: { $ne: 20 } }, except('g')],
  ['$in matches any listed value of the same type', { n: { $in: [1, '5', 99] } }, ['a', 'd']],
  ['$in with null matches missing fields', { n: { $in: [null, 10] } }, ['c', 'e', 'f', 'j']],
  ['$nin matches missing fields', { n: { $nin: [1, 2] } }, except('a', 'b')],
  ['$nin with null excludes missing fields', { n: { $nin: [null] } }, except('e', 'f', 'j')],
  ['an empty $in matches nothing', { n: { $in: [] } }, []],
  ['an empty $nin matches everything', { n: { $nin: [] } }, ALL],
  ['$gt with a number compares numbers only, array elements included', { n: { $gt: 2 } }, ['c', 'g', 'h']],
  ['$gte includes the bound', { n: { $gte: 2 } }, ['b', 'c', 'g', 'h']],
  ['$lt with a number', { n: { $lt: 1 } }, ['g', 'i']],
  ['$lte with a number', { n: { $lte: 1 } }, ['a', 'g', 'i']],
  ['two bounds may be met by different array elements', { n: { $gt: 0, $lt: 2 } }, ['a', 'g']],
  ['$gt with a string compares strings only', { n: { $gt: '' } }, ['d']],
  ['string ranges compare by code point (uppercase first)', { s: { $gt: 'a' } }, ['b', 'g', 'h']],
  ['$lt with a string', { s: { $lt: 'a' } }, ['c', 'd', 'i']],
  ['$lte with a string', { s: { $lte: 'a' } }, ['a', 'c', 'd', 'g', 'i']],
  ['a string range on an array field', { s: { $gte: 'b', $lt: 'c' } }, ['b', 'g']],
  ['a number range never matches strings', { s: { $lt: 5 } }, []],
  ['true matches the boolean only, not 1 or "true"', { flag: true }, ['a']],
  ['false matches the boolean only, not 0', { flag: false }, ['b']],
  ['1 does not match true', { flag: 1 }, ['c']],
  ['0 does not match false', { flag: 0 }, ['d']],
  ['$ne true', { flag: { $ne: true } }, except('a')],
  ['$in mixing a boolean and a number', { flag: { $in: [true, 0] } }, ['a', 'd']],
  ['$exists true counts null as present', { flag: { $exists: true } }, ['a', 'b', 'c', 'd', 'e', 'h']],
  ['$exists false', { flag: { $exists: false } }, ['f', 'g', 'i', 'j']],
  ['$exists on an object field', { nested: { $exists: true } }, ['a', 'b', 'c', 'e', 'h']],
  ['a nested path', { 'nested.level': 1 }, ['a']],
  ['a nested range', { 'nested.level': { $gte: 1.5 } }, ['b', 'h']],
  ['a nested string', { 'nested.level': 'high' }, ['c']],
  ['a nested path under a null or missing parent is missing', { 'nested.level': null }, ['d', 'e', 'f', 'g', 'i', 'j']],
  ['a deeply nested path', { 'nested.deeper.x': 'y' }, ['h']],
  ['$exists false on a nested path', { 'nested.name': { $exists: false } }, except('a')],
  ['equality matches arrays holding the value and the scalar itself', { tags: 'red' }, ['a', 'd', 'g']],
  ['$contains matches arrays only', { tags: { $contains: 'red' } }, ['a', 'g']],
  ['$contains a number', { tags: { $contains: 3 } }, ['e']],
  ['$contains 1 does not match true', { tags: { $contains: 1 } }, ['g']],
  ['$contains true', { tags: { $contains: true } }, ['j']],
  ['$contains null matches arrays holding null', { tags: { $contains: null } }, ['e']],
  ['$containsAny', { tags: { $containsAny: ['blue', 3] } }, ['a', 'b', 'e']],
  ['an empty $containsAny matches nothing', { tags: { $containsAny: [] } }, []],
  ['$contains and $containsAny together', { tags: { $contains: 'red', $containsAny: ['blue'] } }, ['a']],
  ['null on an array field matches arrays holding null and missing fields', { tags: null }, ['e', 'f', 'h']],
  ['$ne on an array field excludes arrays holding the value', { tags: { $ne: 'red' } }, except('a', 'd', 'g')],
  ['$exists true includes an empty array', { tags: { $exists: true } }, except('f', 'h')],
  ['fields combine with AND', { n: 1, s: 'b' }, []],
  ['top-level $or', { $or: [{ n: 1 }, { s: 'b' }] }, ['a', 'b']],
  ['$or alongside other fields', { $or: [{ n: { $gt: 5 } }, { flag: false }], tags: { $contains: 'blue' } }, ['b']],
  ['nested $or', { $or: [{ $or: [{ n: 1 }, { n: 2 }] }, { s: '' }] }, ['a', 'b', 'i']],
  ['an $or branch of several fields', { $or: [{ n: 1, s: 'a' }, { n: 2, s: 'x' }] }, ['a']],
  ['an empty $or branch matches everything', { $or: [{}] }, ALL],
  ['an empty filter matches everything', {}, ALL],
];

/** Sort keys of every type: MongoDB orders empty array < null = missing < numbers < strings < objects < booleans. */
const SORT_DOCS: Record<string, Document> = {
  s1: { k: 2 },
  s2: { k: 1 },
  s3: { k: 2 },
  s4: { k: null },
  s5: {},
  s6: { k: 'x' },
  s7: { k: true },
  s8: { k: [5, 0] },
  s9: { k: [] },
  s10: { k: { a: 1 } },
  s11: { k: 1.5 },
  s12: { k: 'X' },
  s13: { k: 'é' },
};

const MULTI_KEY_DOCS: Record<string, Document> = {
  m1: { name: 'b', k: 1, meta: { rank: 5 } },
  m2: { name: 'a', k: 1, meta: { rank: 9 } },
  m3: { name: 'a', k: 3 },
  m4: { name: 'b', k: 1 },
  m5: { name: 'a' },
  m6: { name: 'a', k: 3 },
};

type Random = () => number;

/** mulberry32: the same documents and queries on every run and every adapter. */
function seededRandom(seed: number): Random {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pick = <T>(random: Random, items: readonly T[]): T => items[Math.floor(random() * items.length)];

const STRINGS = ['alpha', 'Beta', 'beta', 'gamma', '', 'é', 'ｚ', '😀', 'a😀', 'Zed', '10', '9', 'red', 'blue'];
const NUMBERS = [-7, -1, 0, 1, 2, 2.5, 3, 9, 10, 42];
const SCALARS: Scalar[] = [...STRINGS, ...NUMBERS, true, false, null];
const TAGS: Scalar[] = ['red', 'blue', 'green', 1, 2, null, true];
/** What each field holds in the generated documents: queries mostly ask for these, sometimes for anything. */
const POOLS: Record<string, Scalar[]> = {
  n: [...NUMBERS, '7', '10', true],
  s: STRINGS,
  flag: [true, false, 0, 1, 'true'],
  tags: TAGS,
  grp: ['g0', 'g1', 'g2', 'g3', 'g4'],
  'nested.level': [0, 1, 2, 3, 4, 5, 'high', 'low'],
  'nested.name': STRINGS,
};
const PATHS = Object.keys(POOLS);

/** A field value drawn from `choices`, sometimes missing (undefined), null, or an array of them. */
function randomValue(random: Random, choices: readonly Scalar[]): unknown {
  const roll = random();
  if (roll < 0.08) return undefined;
  if (roll < 0.14) return null;
  if (roll < 0.24) return Array.from({ length: Math.floor(random() * 4) }, () => pick(random, choices));
  return pick(random, choices);
}

function randomDoc(random: Random): Document {
  const nested =
    random() < 0.15
      ? random() < 0.5
        ? null
        : undefined
      : { level: randomValue(random, POOLS['nested.level']), name: randomValue(random, POOLS['nested.name']) };
  const doc: Document = {
    n: randomValue(random, POOLS.n),
    s: randomValue(random, POOLS.s),
    flag: randomValue(random, POOLS.flag),
    tags: random() < 0.2 ? pick(random, TAGS) : randomValue(random, TAGS),
    grp: pick(random, POOLS.grp),
    nested,
  };
  return JSON.parse(JSON.stringify(doc)) as Document;
}

function randomCondition(random: Random, path: string): Filter[string] {
  const value = () => pick(random, random() < 0.85 ? POOLS[path] : SCALARS);
  const values = () => Array.from({ length: Math.floor(random() * 4) }, value);
  const bound = () => {
    const candidate = value();
    return typeof candidate === 'string' || typeof candidate === 'number' ? candidate : pick(random, NUMBERS);
  };
  const operators: (() => Record<string, unknown>)[] = [
    () => ({ $eq: value() }),
    () => ({ $ne: value() }),
    () => ({ $in: values() }),
    () => ({ $nin: values() }),
    () => ({ $gt: bound() }),
    () => ({ $gte: bound() }),
    () => ({ $lt: bound() }),
    () => ({ $lte: bound() }),
    () => ({ $exists: random() < 0.5 }),
    () => ({ $contains: pick(random, TAGS) }),
    () => ({ $containsAny: Array.from({ length: Math.floor(random() * 3) }, () => pick(random, TAGS)) }),
  ];
  if (random() < 0.25) return value();
  const condition = pick(random, operators)();
  if (random() < 0.3) Object.assign(condition, pick(random, operators)());
  return condition as Filter[string];
}

function randomFilter(random: Random, depth = 0): Filter {
  const filter: Filter = {};
  const fields = Math.floor(random() * 3) + (depth > 0 ? 1 : 0);
  for (let i = 0; i < fields; i++) {
    const path = pick(random, PATHS);
    filter[path] = randomCondition(random, path);
  }
  if (depth < 2 && random() < 0.25) {
    filter.$or = Array.from({ length: 1 + Math.floor(random() * 3) }, () => randomFilter(random, depth + 1));
  }
  return filter;
}

function randomSort(random: Random): Sort {
  const keys = Math.floor(random() * 4);
  return Array.from({ length: keys }, () => [pick(random, [...PATHS, 'grp']), random() < 0.5 ? 1 : -1]);
}

/** What MongoDB answers, written as plainly as possible (paths step through objects only, as in the contract). */
function referenceFind(docs: Record<string, Document>, filter: Filter, options: FindOptions): string[] {
  const sort = dedupe(options.sort ?? []);
  const rows = Object.entries(docs)
    .filter(([, doc]) => referenceMatches(doc, filter))
    .map(([id, doc]) => ({ id, keys: sort.map(([path, direction]) => sortKey(valueAt(doc, path), direction)) }));
  rows.sort((a, b) => {
    for (let i = 0; i < sort.length; i++) {
      const order = compareSortKeys(a.keys[i], b.keys[i]);
      if (order !== 0) return order * sort[i][1];
    }
    return compareStrings(a.id, b.id);
  });
  const offset = options.offset ?? 0;
  const ids = rows.map((row) => row.id).slice(offset);
  return options.limit === undefined ? ids : ids.slice(0, options.limit);
}

function dedupe(sort: Sort): Sort {
  return sort.filter(([path], i) => sort.findIndex(([other]) => other === path) === i);
}

function valueAt(doc: unknown, path: string): unknown {
  let value = doc;
  for (const segment of path.split('.')) {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
    value = (value as Record<string, unknown>)[segment];
  }
  return value;
}

function referenceMatches(doc: Document, filter: Filter): boolean {
  return Object.entries(filter).every(([key, condition]) => {
    if (key === '$or') return (condition as Filter[]).some((branch) => referenceMatches(doc, branch));
    const value = valueAt(doc, key);
    if (condition === null || typeof condition !== 'object') return equalsValue(value, condition as Scalar);
    return Object.entries(condition).every(([operator, operand]) => operatorHolds(value, operator, operand));
  });
}

function operatorHolds(value: unknown, operator: string, operand: unknown): boolean {
  const elements = Array.isArray(value) ? value : [];
  switch (operator) {
    case '$eq':
      return equalsValue(value, operand as Scalar);
    case '$ne':
      return !equalsValue(value, operand as Scalar);
    case '$in':
      return (operand as Scalar[]).some((v) => equalsValue(value, v));
    case '$nin':
      return !(operand as Scalar[]).some((v) => equalsValue(value, v));
    case '$exists':
      return (value !== undefined) === operand;
    case '$contains':
      return elements.some((element) => element === operand);
    case '$containsAny':
      return elements.some((element) => (operand as Scalar[]).includes(element as Scalar));
    default: {
      const candidates = Array.isArray(value) ? value : [value];
      return candidates.some((candidate) => {
        if (typeof candidate !== typeof operand) return false;
        const order = compareScalars(candidate, operand);
        return operator === '$gt' ? order > 0 : operator === '$gte' ? order >= 0 : operator === '$lt' ? order < 0 : order <= 0;
      });
    }
  }
}

function equalsValue(value: unknown, expected: Scalar): boolean {
  if (expected === null && (value === undefined || value === null)) return true;
  return value === expected || (Array.isArray(value) && value.includes(expected));
}

const typeRank = (value: unknown): number =>
  value === undefined || value === null ? 1
  : typeof value === 'number' ? 2
  : typeof value === 'string' ? 3
  : Array.isArray(value) ? 5
  : typeof value === 'object' ? 4
  : 6;

/** MongoDB compares strings by their UTF-8 bytes, which is not JavaScript's UTF-16 order. */
const utf8 = new Map<string, Buffer>();
const bytesOf = (s: string): Buffer => utf8.get(s) ?? utf8.set(s, Buffer.from(s)).get(s)!;
const compareStrings = (a: string, b: string): number => Buffer.compare(bytesOf(a), bytesOf(b));

function compareScalars(a: unknown, b: unknown): number {
  const rank = typeRank(a) - typeRank(b);
  if (rank !== 0) return rank;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (typeof a === 'string' && typeof b === 'string') return compareStrings(a, b);
  if (typeof a === 'boolean' && typeof b === 'boolean') return Number(a) - Number(b);
  return 0;
}

interface SortKey {
  rank: number;
  value: unknown;
}

/** An array sorts by its smallest element ascending, its largest descending; an empty one below null. */
function sortKey(value: unknown, direction: 1 | -1): SortKey {
  if (!Array.isArray(value)) return { rank: typeRank(value), value };
  if (value.length === 0) return { rank: 0, value: null };
  const extreme = value.reduce((best, element) => (compareScalars(element, best) * direction < 0 ? element : best));
  return { rank: typeRank(extreme), value: extreme };
}

function compareSortKeys(a: SortKey, b: SortKey): number {
  return a.rank !== b.rank ? a.rank - b.rank : compareScalars(a.value, b.value);
}

describe('embedded adapter (SQLite)', () => {
  documentStoreContract('embedded', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'document-store-contract-'));
    const dataDir = join(dir, 'data');
    // The service's store: the file and its WAL encrypted with a key like the one derived from the master key.
    const store = await createDocumentStore({ dataDir, fileKey: randomBytes(32) });
    expect(existsSync(join(dataDir, 'read-models.sqlite'))).toBe(true);
    return {
      store,
      teardown: async () => {
        await store.close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  });
});

const mongodbUri = process.env.MONGODB_URI;
(mongodbUri ? describe : describe.skip)(mongodbUri ? 'MongoDB adapter' : 'MongoDB adapter (skipped: MONGODB_URI not set)', () => {
  documentStoreContract('mongodb', async () => {
    // A database of its own per run: a shared server can take the suite.
    const store = await MongoDocumentStore.connect({
      uri: mongodbUri ?? '',
      dbName: `contract_${randomBytes(4).toString('hex')}`,
    });
    return {
      store,
      teardown: async () => {
        for (const name of await store.listCollections()) await store.dropCollection(name);
        await store.close();
      },
    };
  });
});
