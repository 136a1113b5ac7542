import { KeyDocument, MongoKeyStore } from './mongo-key-store';

/** A stand-in for the MongoDB collection with the semantics the adapter relies on ($setOnInsert with upsert, $set with upsert). */
function stubCollection() {
  const docs = new Map<string, KeyDocument>();
  const calls: unknown[] = [];
  return {
    docs,
    calls,
    collection: {
      findOne: async (filter: { _id: string }) => docs.get(filter._id) ?? null,
      updateOne: async (filter: { _id: string }, update: { $setOnInsert?: Partial<KeyDocument>; $set?: Partial<KeyDocument> }, options?: { upsert?: boolean }) => {
        calls.push([filter, update, options]);
        const existing = docs.get(filter._id);
        if (!existing && options?.upsert) docs.set(filter._id, { _id: filter._id, wrapped: null, ...update.$setOnInsert, ...update.$set });
        else if (existing && update.$set) docs.set(filter._id, { ...existing, ...update.$set });
        return {} as never;
      },
    },
  };
}

describe('MongoKeyStore (stubbed collection: no MongoDB server runs here)', () => {
  it('puts a key only when absent, with one upsert, and reads it back as bytes', async () => {
    const stub = stubCollection();
    const store = new MongoKeyStore(stub.collection as never);
    const wrapped = Buffer.from('wrapped-key-bytes');
    expect(await store.putIfAbsent('st-1', wrapped)).toEqual({ wrapped });
    expect(await store.putIfAbsent('st-1', Buffer.from('other'))).toEqual({ wrapped });
    expect(stub.calls[0]).toEqual([{ _id: 'st-1' }, { $setOnInsert: { wrapped } }, { upsert: true }]);
  });

  it('destroy overwrites the wrapped key with null and keeps a tombstone', async () => {
    const stub = stubCollection();
    const store = new MongoKeyStore(stub.collection as never);
    await store.putIfAbsent('st-1', Buffer.from('k'));
    await store.destroy('st-1', new Date('2026-01-01T00:00:00Z'));
    expect(stub.docs.get('st-1')).toEqual({ _id: 'st-1', wrapped: null, destroyedAt: '2026-01-01T00:00:00.000Z' });
    expect(await store.get('st-1')).toEqual({ destroyed: true });
    expect(await store.putIfAbsent('st-1', Buffer.from('new'))).toEqual({ destroyed: true });
  });

  it('keeps the check value under an id no student id can take', async () => {
    const stub = stubCollection();
    const store = new MongoKeyStore(stub.collection as never);
    expect(await store.checkValue()).toBeNull();
    await store.putCheckValueIfAbsent(Buffer.from('check'));
    expect([...stub.docs.keys()]).toEqual(['$check-value']);
    expect(await store.checkValue()).toEqual(Buffer.from('check'));
  });
});
