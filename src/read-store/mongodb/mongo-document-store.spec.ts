import type { MongoClient } from 'mongodb';
import { MongoServerError } from 'mongodb';
import { DuplicateKeyError } from '../document-store.port';
import { MongoDocumentStore } from './mongo-document-store';

/** Records what the adapter asks of the driver; `listIndexes` answers with `indexes`. */
function fakeDb(indexes: { name: string; key: Record<string, unknown>; unique?: boolean }[]) {
  const calls: unknown[][] = [];
  const sorts: unknown[] = [];
  let failCreate: Error | undefined;
  const collection = {
    collectionName: 'c',
    listIndexes: () => ({ toArray: async () => indexes }),
    dropIndex: async (name: string) => void calls.push(['dropIndex', name]),
    createIndexes: async (descriptions: unknown[]) => {
      calls.push(['createIndexes', descriptions.map((d) => (d as { name: string }).name)]);
      if (failCreate) throw failCreate;
    },
    find: () => {
      const cursor = {
        sort: (sort: unknown) => (sorts.push(sort), cursor),
        skip: () => cursor,
        limit: () => cursor,
        toArray: async () => [],
      };
      return cursor;
    },
  };
  const db = {
    createCollection: async (name: string) => void calls.push(['createCollection', name]),
    collection: () => collection,
    renameCollection: async (source: string, target: string) => void calls.push(['renameCollection', source, target]),
  };
  const client = { db: () => db } as unknown as MongoClient;
  return { store: MongoDocumentStore.withClient(client, 'test'), calls, sorts, failCreateWith: (e: Error) => (failCreate = e) };
}

describe('MongoDB ensureIndexes at the driver API', () => {
  it('creates the collection, drops a changed index before creating its replacement, and drops undeclared ones', async () => {
    const { store, calls } = fakeDb([
      { name: '_id_', key: { _id: 1 } },
      { name: 'ledger_ix_email_1', key: { email: 1, _id: 1 } },
      { name: 'old_1', key: { old: 1 } },
    ]);

    await store.ensureIndexes('users', [{ fields: [['email', 1]], unique: true }]);

    expect(calls).toEqual([
      ['createCollection', 'users'],
      ['dropIndex', 'ledger_ix_email_1'],
      ['dropIndex', 'old_1'],
      ['createIndexes', ['ledger_unique_email_1']],
    ]);
  });

  it('asks for nothing more when the indexes are as declared', async () => {
    const { store, calls } = fakeDb([{ name: '_id_', key: { _id: 1 } }, { name: 'ledger_ix_email_1', key: { email: 1, _id: 1 } }]);
    await store.ensureIndexes('users', [{ fields: [['email', 1]] }]);
    expect(calls).toEqual([['createCollection', 'users']]);
  });

  it('reports duplicates under a new unique index as DuplicateKeyError', async () => {
    const { store, failCreateWith } = fakeDb([]);
    failCreateWith(new MongoServerError({ code: 11000, errmsg: 'E11000 duplicate key error' }));
    await expect(store.ensureIndexes('users', [{ fields: [['email', 1]], unique: true }])).rejects.toBeInstanceOf(DuplicateKeyError);
  });

  it('sorts on a declared unique key without the tie-break, and on anything else with it, also after a rebuild swap', async () => {
    const { store, sorts } = fakeDb([]);
    await store.ensureIndexes('users_shadow', [{ fields: [['email', 1]], unique: true }]);
    await store.collection('users_shadow').find({}, { sort: [['email', -1]] });
    await store.collection('users_shadow').find({}, { sort: [['name', 1]] });
    await store.renameCollection('users_shadow', 'users');
    await store.collection('users').find({}, { sort: [['email', 1]] });
    await store.collection('users_shadow').find({}, { sort: [['email', 1]] });
    expect(sorts).toEqual([[['email', -1]], [['name', 1], ['_id', 1]], [['email', 1]], [['email', 1], ['_id', 1]]]);
  });
});
