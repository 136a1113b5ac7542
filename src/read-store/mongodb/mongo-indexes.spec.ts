import type { Collection } from 'mongodb';
import { sortToMongo } from './filter-to-mongo';
import { MongoCollection, StoredShape } from './mongo-collection';
import { ExistingIndex, planIndexes, toDescription, wantedIndex } from './mongo-indexes';

// No MongoDB runs here: these pin what the adapter asks of the server. The contract suite checks the answers against one.
describe('MongoDB index reconciliation', () => {
  const asListed = (spec: Parameters<typeof wantedIndex>[0]): ExistingIndex => {
    const wanted = wantedIndex(spec);
    return { name: wanted.name, key: Object.fromEntries(wanted.key), ...(wanted.unique ? { unique: true } : {}) };
  };
  const byEmail = { fields: [['email', 1]] as [string, 1][] };

  it('ends every plain index with the _id tie-break, and keeps unique ones to their fields', () => {
    expect(toDescription(wantedIndex({ fields: [['schoolId', 1], ['name', -1]] }))).toEqual({
      name: 'ledger_ix_schoolId_1_name_-1',
      key: new Map<string, unknown>([['schoolId', 1], ['name', -1], ['_id', 1]]),
    });
    expect(toDescription(wantedIndex({ ...byEmail, unique: true }))).toEqual({
      name: 'ledger_unique_email_1',
      key: new Map([['email', 1]]),
      unique: true,
    });
    expect(wantedIndex({ fields: [['location', 1]], kind: '2dsphere' }).key).toEqual([['location', '2dsphere']]);
  });

  it('leaves indexes that are as declared alone', () => {
    expect(planIndexes([{ name: '_id_', key: { _id: 1 } }, asListed(byEmail)], [byEmail])).toEqual({ drop: [], create: [] });
  });

  it('creates the missing ones and drops those no longer declared (including indexes made under other names)', () => {
    const plan = planIndexes([{ name: '_id_', key: { _id: 1 } }, { name: 'email_1', key: { email: 1 } }, asListed({ fields: [['gone', 1]] })], [byEmail]);
    expect(plan.drop).toEqual(['email_1', 'ledger_ix_gone_1']);
    expect(plan.create.map((index) => index.name)).toEqual(['ledger_ix_email_1']);
  });

  it('drops and recreates an index whose unique flag or key changed, instead of failing with IndexOptionsConflict', () => {
    const madeUnique = planIndexes([asListed(byEmail)], [{ ...byEmail, unique: true }]);
    expect(madeUnique.drop).toEqual(['ledger_ix_email_1']);
    expect(madeUnique.create).toMatchObject([{ name: 'ledger_unique_email_1', unique: true }]);

    const sameNameOtherKey = planIndexes([{ name: 'ledger_ix_email_1', key: { email: 1 } }], [byEmail]);
    expect(sameNameOtherKey).toMatchObject({ drop: ['ledger_ix_email_1'], create: [{ name: 'ledger_ix_email_1' }] });
    const lostUnique = planIndexes([{ ...asListed(byEmail), unique: true }], [byEmail]);
    expect(lostUnique).toMatchObject({ drop: ['ledger_ix_email_1'], create: [{ name: 'ledger_ix_email_1' }] });
  });
});

describe('MongoDB sorts', () => {
  it('ends a sort with the _id tie-break, in the same direction as the indexes end', () => {
    expect(sortToMongo([['name', -1]])).toEqual([['name', -1], ['_id', 1]]);
    expect(wantedIndex({ fields: [['name', -1]] }).key).toEqual([['name', -1], ['_id', 1]]);
  });

  it('needs no tie-break when the sort keys are a unique index', () => {
    expect(sortToMongo([['email', -1]], [['email']])).toEqual([['email', -1]]);
    expect(sortToMongo([['email', 1], ['name', 1]], [['email']])).toEqual([['email', 1], ['name', 1], ['_id', 1]]);
  });
});

describe('MongoDB document positions', () => {
  const writes: unknown[] = [];
  const collection = {
    collectionName: 'docs',
    replaceOne: async (...args: unknown[]) => {
      writes.push(args);
      return { matchedCount: 1, upsertedCount: 0 };
    },
    deleteOne: async (...args: unknown[]) => {
      writes.push(args);
      return { deletedCount: 1 };
    },
  } as unknown as Collection<StoredShape>;
  const docs = new MongoCollection(collection);
  beforeEach(() => (writes.length = 0));

  it('refuses positions from 2^63 up (BSON would wrap them negative) and sends nothing', async () => {
    await expect(docs.put('x', { v: 1 }, { ifOlderThan: 2n ** 63n })).rejects.toThrow(RangeError);
    await expect(docs.delete('x', { ifOlderThan: 2n ** 64n - 1n })).rejects.toThrow(RangeError);
    await expect(docs.put('x', { v: 1 }, { ifOlderThan: -1n })).rejects.toThrow(RangeError);
    expect(writes).toEqual([]);
    await expect(docs.put('x', { v: 1 }, { ifOlderThan: 2n ** 63n - 1n })).resolves.toBe(true);
    expect(writes).toHaveLength(1);
  });
});
