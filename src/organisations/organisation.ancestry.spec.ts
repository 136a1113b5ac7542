import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TEST_METADATA } from '../../test/support/event-builders';
import type { AppConfig } from '../config/config';
import { SqliteEventStore } from '../event-store/embedded/sqlite-event-store';
import { newId } from '../shared/ids';
import { OrganisationAncestry } from './organisation.ancestry';
import type { OrganisationLookup } from './organisation.lookup';

async function until(condition: () => boolean | Promise<boolean>, what: string, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

describe('OrganisationAncestry: cached ancestors that never outlive a change in the log', () => {
  let dir: string;
  let log: SqliteEventStore;
  let ancestry: OrganisationAncestry;
  /** What the organisations' streams say now (the stub lookup reads it), and how often they were asked. */
  let tree: Record<string, string[] | undefined>;
  let reads: number;
  let hold: Promise<void> | null;
  const lookup = {
    parent: async (id: string) => {
      reads += 1;
      const answer = tree[id];
      if (hold) await hold;
      return { id, type: answer ? 'school' : null, closed: false, ancestorIds: answer ?? [] };
    },
  } as unknown as OrganisationLookup;
  const append = (type: string, data: object) => log.append(`x-${newId()}`, [{ eventId: newId(), type, data, metadata: TEST_METADATA }], 'no_stream');

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'ledger-ancestry-'));
    log = SqliteEventStore.open({ file: join(dir, 'events.sqlite') });
    tree = { 's-1': ['d-a'] };
    reads = 0;
    hold = null;
    ancestry = new OrganisationAncestry(lookup, log, { projections: 'inline' } as AppConfig);
    ancestry.onApplicationBootstrap();
    await until(() => ancestry.status === 'live', 'the subscription to be live');
  });
  afterEach(async () => {
    await ancestry.beforeApplicationShutdown();
    await log.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('answers from memory while following the log, and other events keep the answer', async () => {
    expect(await ancestry.ancestorsOf('s-1')).toEqual(['d-a']);
    await append('StudentRegistered', { studentId: 'st-1' });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(await ancestry.ancestorsOf('s-1')).toEqual(['d-a']);
    expect(reads).toBe(1);
  });

  it("another writer's OrganisationUpdated or OrganisationRegistered empties the cache once the log delivers it", async () => {
    await ancestry.ancestorsOf('s-1');
    tree['s-1'] = ['d-b'];
    // The streams changed without an event in the log: the cached answer stands (this is what the cache saves).
    expect(await ancestry.ancestorsOf('s-1')).toEqual(['d-a']);
    await append('OrganisationUpdated', { organisationId: 's-1', parentId: 'd-b' });
    await until(async () => (await ancestry.ancestorsOf('s-1'))[0] === 'd-b', 'the move to be seen');
    tree['s-1'] = ['d-c'];
    await append('OrganisationRegistered', { organisationId: 'd-c', type: 'district', name: 'C' });
    await until(async () => (await ancestry.ancestorsOf('s-1'))[0] === 'd-c', 'the registration to be seen');
  });

  it("this process's hierarchy command forgets every answer, also one being read while it ran", async () => {
    await ancestry.ancestorsOf('s-1');
    await ancestry.changing(async () => {
      tree['s-1'] = ['d-b'];
    });
    expect(await ancestry.ancestorsOf('s-1')).toEqual(['d-b']);
    expect(reads).toBe(2);

    let release!: () => void;
    hold = new Promise((resolve) => (release = resolve));
    await ancestry.changing(async () => undefined);
    const reading = ancestry.ancestorsOf('s-1');
    await ancestry.changing(async () => {
      tree['s-1'] = ['d-c'];
    });
    hold = null;
    release();
    expect(await reading).toEqual(['d-b']);
    expect(await ancestry.ancestorsOf('s-1')).toEqual(['d-c']);
    expect(await ancestry.ancestorsOf('s-1')).toEqual(['d-c']);
    expect(reads).toBe(4);
  });

  it('keeps no answer for an organisation that does not exist yet', async () => {
    expect(await ancestry.ancestorsOf('s-new')).toEqual([]);
    tree['s-new'] = ['d-a'];
    expect(await ancestry.ancestorsOf('s-new')).toEqual(['d-a']);
  });

  it('reads the streams every time while not following the log', async () => {
    await ancestry.beforeApplicationShutdown();
    expect(ancestry.status).not.toBe('live');
    await ancestry.ancestorsOf('s-1');
    await ancestry.ancestorsOf('s-1');
    expect(reads).toBe(2);
  });
});
