import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteDocumentStore } from '../read-store/embedded/sqlite-document-store';
import { IdempotencyStore, requestHash } from './idempotency';

describe('IdempotencyStore', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ledger-idem-'));
  const documents = SqliteDocumentStore.open({ file: join(dir, 'read-models.sqlite') });
  const store = new IdempotencyStore(documents);
  afterAll(async () => {
    await documents.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('hashes a body the same whatever its key order, and differently per command', () => {
    expect(requestHash('A', { x: 1, y: 2 })).toBe(requestHash('A', { y: 2, x: 1 }));
    expect(requestHash('A', { x: 1 })).not.toBe(requestHash('B', { x: 1 }));
    expect(requestHash('A', { x: [1, 2] })).not.toBe(requestHash('A', { x: [2, 1] }));
  });

  // Hashes are stored with each keyed answer for 48 hours: a retry after an upgrade must hash as before,
  // or it would be refused as another body. These were made by the writer this module had until December 2026.
  it('hashes bodies exactly as stored hashes were made, at any depth', () => {
    const body = { studentId: 's-1', givenName: 'Zoë', grades: ['07', '08'], nested: { b: [1, { d: null, c: -1.5 }], a: 'x"y' } };
    expect(requestHash('RegisterStudent', body)).toBe('8b601a01d488fe0b03e05014688c51c5c2693bac7c117303e41d5d665d728073');
    expect(requestHash('RegisterStudent', { é: 1, z: 2, Z: 3, '\u{1F600}': 4, '\uFFFD': 5 })).toBe('0af37ab4bfc1f027def7a2250d7f6d11249806755d90479a0f8bd7d425658aea');
    let deep: unknown = 1;
    for (let i = 0; i < 100_000; i++) deep = i % 2 ? [deep] : { a: deep };
    expect(requestHash('X', deep)).toBe('052ace1f689a1ceb657f52d379e41d3219d4b8ac1d0503cfd870202113b0d347');
  });

  it('keeps responses per token and key; after 48 hours forgets the response but not the request it answered', async () => {
    await store.save('sis', 'k-1', { requestHash: 'h', status: 200, body: { ok: true }, headers: {} });
    expect(await store.find('sis', 'k-1')).toMatchObject({ status: 200, body: { ok: true } });
    expect(await store.find('other-token', 'k-1')).toBeNull();

    const realNow = Date.now;
    const expired = { requestHash: 'h', expired: true };
    try {
      Date.now = () => realNow() + 49 * 3600 * 1000;
      expect(await store.find('sis', 'k-1')).toMatchObject(expired);
      expect(await store.purgeExpired()).toBe(1);
      expect(await store.purgeExpired()).toBe(0);
    } finally {
      Date.now = realNow;
    }
    // The response (and any personal data in it) is gone; which request used the key is not.
    const left = await store.find('sis', 'k-1');
    expect(left).toMatchObject(expired);
    expect(left).not.toHaveProperty('body');
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

  describe('two API processes sharing one read store (two stores over one SQLite file)', () => {
    const other = SqliteDocumentStore.open({ file: join(dir, 'read-models.sqlite') });
    const replica = new IdempotencyStore(other, 10_000);
    afterAll(() => other.close());

    /** Polls with a deadline until `check` holds. */
    const until = async (check: () => boolean, what: string) => {
      const deadline = Date.now() + 5_000;
      while (!check()) {
        if (Date.now() > deadline) throw new Error(`Timed out waiting until ${what}`);
        await new Promise((r) => setTimeout(r, 10));
      }
    };

    it('never both execute one keyed request: the second waits and answers with the first one\'s response', async () => {
      let release!: () => void;
      const gate = new Promise<void>((resolve) => (release = resolve));
      const executed: string[] = [];
      const settledBy = (s: IdempotencyStore) => async () => {
        const found = await s.find('sis', 'k-shared');
        return found && !('expired' in found) ? (found.body as string) : null;
      };
      const first = store.claimed('sis', 'k-shared', settledBy(store), async () => {
        executed.push('first');
        await gate;
        await store.save('sis', 'k-shared', { requestHash: 'h', status: 200, body: 'first answer', headers: {} });
        return 'first answer';
      });
      await until(() => executed.length === 1, 'the first process runs the request');
      let asked = 0;
      const settled = settledBy(replica);
      const second = replica.claimed(
        'sis',
        'k-shared',
        () => {
          asked++;
          return settled();
        },
        async () => {
          executed.push('second');
          return 'second answer';
        },
      );
      await until(() => asked >= 2, 'the second process has found the key claimed and looked again');
      expect(executed).toEqual(['first']);
      release();
      expect(await Promise.all([first, second])).toEqual(['first answer', 'first answer']);
      expect(executed).toEqual(['first']);
    });

    it('takes over a claim left by a process that died mid-request (after a minute)', async () => {
      const { IdempotencyClaims } = await import('./idempotency-claims');
      const dead = new IdempotencyClaims(documents, 0);
      let left!: () => void;
      const hang = dead.run('k-dead', async () => null, () => new Promise<string>((resolve) => (left = () => resolve('never used'))));
      const realNow = Date.now;
      try {
        Date.now = () => realNow() + 61_000;
        const alive = new IdempotencyClaims(other, 0);
        expect(await alive.run('k-dead', async () => null, async () => 'taken over')).toBe('taken over');
      } finally {
        Date.now = realNow;
        left();
        await hang;
      }
    });

    it('gives up with IdempotencyKeyBusy when the claim stays held past its wait', async () => {
      const { IdempotencyClaims, IdempotencyKeyBusy } = await import('./idempotency-claims');
      let done!: () => void;
      const holder = new IdempotencyClaims(documents, 0);
      const held = holder.run('k-busy', async () => null, () => new Promise<string>((resolve) => (done = () => resolve('held'))));
      await expect(new IdempotencyClaims(other, 0).run('k-busy', async () => null, async () => 'second')).rejects.toBeInstanceOf(IdempotencyKeyBusy);
      done();
      expect(await held).toBe('held');
    });
  });
});
