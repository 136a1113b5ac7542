import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ERASED_KEY, KeyRing } from './key-ring';
import { MasterKeyError } from './master-key';
import { SqliteKeyStore } from './sqlite-key-store';

describe('KeyRing', () => {
  const folder = mkdtempSync(join(tmpdir(), 'ledger-key-ring-'));
  afterAll(() => rmSync(folder, { recursive: true, force: true }));
  const master = randomBytes(32);
  let n = 0;
  const store = () => SqliteKeyStore.open(join(folder, `keys-${n++}.sqlite`));

  it('a data key per subject, random, stored only wrapped, the same after a restart', async () => {
    const keys = store();
    const ring = await KeyRing.open(keys, master, { origin: 'test' });
    const a = await ring.findOrCreate('st-a');
    const b = await ring.findOrCreate('st-b');
    expect(Buffer.isBuffer(a) && Buffer.isBuffer(b) && !a.equals(b)).toBe(true);
    const stored = await keys.get('st-a');
    expect(stored && 'wrapped' in stored && stored.wrapped.includes(a as Buffer)).toBe(false);
    const again = await KeyRing.open(keys, master, { origin: 'test' });
    expect(await again.find('st-a')).toEqual(a);
    expect(await again.find('st-never')).toBeNull();
    expect(await (await KeyRing.open(keys, master, { origin: 'test' })).findOrCreate('st-b')).toEqual(b);
  });

  it('findOrCreate for many subjects at once: one key each, the one stored, also when asked twice together', async () => {
    const keys = store();
    const ring = await KeyRing.open(keys, master, { origin: 'test' });
    const ids = Array.from({ length: 50 }, (_, i) => `st-${i}`);
    const made = await Promise.all([...ids, ...ids].map((id) => ring.findOrCreate(id)));
    expect(made.slice(0, 50)).toEqual(made.slice(50));
    const restarted = await KeyRing.open(keys, master, { origin: 'test' });
    for (const [i, id] of ids.entries()) expect(await restarted.find(id)).toEqual(made[i]);
  });

  it('another master key is refused when opened, before any key is used', async () => {
    const keys = store();
    await KeyRing.open(keys, master, { origin: 'test' });
    await expect(KeyRing.open(keys, randomBytes(32), { origin: 'MASTER_KEY_FILE x' })).rejects.toThrow(MasterKeyError);
  });

  it('destroy: the subject reads as erased here and after a restart, and never gets a new key', async () => {
    const keys = store();
    const ring = await KeyRing.open(keys, master, { origin: 'test' });
    await ring.findOrCreate('st-a');
    await ring.destroy('st-a', new Date());
    expect(await ring.find('st-a')).toBe(ERASED_KEY);
    const restarted = await KeyRing.open(keys, master, { origin: 'test' });
    expect(await restarted.find('st-a')).toBe(ERASED_KEY);
    expect(await restarted.findOrCreate('st-a')).toBe(ERASED_KEY);
  });

  it('the cache is bounded: the least recently used key is dropped and fetched again when needed', async () => {
    const keys = store();
    const ring = await KeyRing.open(keys, master, { origin: 'test', capacity: 2 });
    const a = await ring.findOrCreate('st-a');
    await ring.findOrCreate('st-b');
    await ring.findOrCreate('st-c');
    expect(ring.cached('st-a')).toBeUndefined();
    expect(await ring.find('st-a')).toEqual(a);
  });

  it('derived secrets differ by purpose and follow the master key', async () => {
    const ring = await KeyRing.open(store(), master, { origin: 'test' });
    expect(ring.derivedSecret('reservation ids').equals(ring.derivedSecret('other'))).toBe(false);
    const other = await KeyRing.open(store(), randomBytes(32), { origin: 'test' });
    expect(ring.derivedSecret('reservation ids').equals(other.derivedSecret('reservation ids'))).toBe(false);
  });
});
