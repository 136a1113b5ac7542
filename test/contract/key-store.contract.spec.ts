import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KeyStore } from '../../src/privacy/key-store.port';
import { MongoKeyStore } from '../../src/privacy/mongo-key-store';
import { SqliteKeyStore } from '../../src/privacy/sqlite-key-store';

/** One suite for every KeyStore adapter. */
function keyStoreContract(open: () => Promise<KeyStore>) {
  let store: KeyStore;
  const subject = () => `st-${randomBytes(6).toString('hex')}`;
  beforeEach(async () => {
    store = await open();
  });
  afterEach(() => store.close());

  it('a subject without a key answers null', async () => {
    expect(await store.get(subject())).toBeNull();
  });

  it('the first key stored wins; a second putIfAbsent answers the first', async () => {
    const id = subject();
    const first = randomBytes(60);
    expect(await store.putIfAbsent(id, first)).toEqual({ wrapped: first });
    expect(await store.putIfAbsent(id, randomBytes(60))).toEqual({ wrapped: first });
    expect(await store.get(id)).toEqual({ wrapped: first });
  });

  it('destroy leaves a tombstone that no later put replaces, and is idempotent (also for a subject that never had a key)', async () => {
    const id = subject();
    await store.putIfAbsent(id, randomBytes(60));
    await store.destroy(id, new Date());
    await store.destroy(id, new Date());
    expect(await store.get(id)).toEqual({ destroyed: true });
    expect(await store.putIfAbsent(id, randomBytes(60))).toEqual({ destroyed: true });
    const never = subject();
    await store.destroy(never, new Date());
    expect(await store.get(never)).toEqual({ destroyed: true });
  });

  it('the check value is stored once', async () => {
    const existing = await store.checkValue();
    const value = existing ?? randomBytes(60);
    expect(await store.putCheckValueIfAbsent(value)).toEqual(value);
    expect(await store.putCheckValueIfAbsent(randomBytes(60))).toEqual(value);
    expect(await store.checkValue()).toEqual(value);
  });
}

describe('KeyStore contract: embedded SQLite adapter', () => {
  const folder = mkdtempSync(join(tmpdir(), 'ledger-keys-'));
  afterAll(() => rmSync(folder, { recursive: true, force: true }));
  keyStoreContract(async () => SqliteKeyStore.open(join(folder, `keys-${randomBytes(4).toString('hex')}.sqlite`)));
});

const mongodbUri = process.env.MONGODB_URI;
(mongodbUri ? describe : describe.skip)(mongodbUri ? 'KeyStore contract: MongoDB adapter' : 'KeyStore contract: MongoDB adapter (skipped: MONGODB_URI not set)', () => {
  keyStoreContract(() => MongoKeyStore.connect({ uri: mongodbUri ?? '', dbName: `ledger_keys_${randomBytes(4).toString('hex')}` }));
});
