import { FakeEsdbClient } from '../../../test/support/fake-esdb-client';
import { HEAD_CACHE_MS, HeadTracker } from './esdb-head';

describe('EventStoreDB head position', () => {
  let fake: FakeEsdbClient;
  let now: number;
  let head: HeadTracker;
  const systemEvents = (count: number) => {
    for (let i = 0; i < count; i++) fake.add(i % 2 ? '$stats-127.0.0.1:2113' : '$ce-student', i % 2 ? '$statsCollected' : '$>');
  };
  beforeEach(() => {
    fake = new FakeEsdbClient();
    now = 0;
    head = new HeadTracker(fake.asClient(), () => now);
  });

  it('is 0 on a log with only system events', async () => {
    systemEvents(3);
    expect(await head.position()).toBe(0n);
  });

  it('walks back only over what was appended since its previous walk', async () => {
    const ours = fake.add('student-1', 'StudentRegistered');
    systemEvents(500);
    expect(await head.position()).toBe(ours.position);
    expect(fake.examined).toBe(501);

    now += HEAD_CACHE_MS;
    fake.examined = 0;
    systemEvents(5);
    expect(await head.position()).toBe(ours.position);
    // The 5 new ones and the newest the previous walk had seen, where it stops.
    expect(fake.examined).toBe(6);

    now += HEAD_CACHE_MS;
    systemEvents(2);
    const newer = fake.add('student-2', 'StudentRegistered');
    systemEvents(2);
    fake.examined = 0;
    expect(await head.position()).toBe(newer.position);
    expect(fake.examined).toBe(3);
  });

  it('shares one walk among callers within the cache period, but never answers below an append of its own', async () => {
    fake.add('student-1', 'StudentRegistered');
    const [a, b] = await Promise.all([head.position(), head.position()]);
    expect(a).toBe(b);
    expect(fake.readAllCalls).toBe(1);

    head.saw(a + 1000n);
    expect(await head.position()).toBe(a + 1000n);
    expect(fake.readAllCalls).toBe(1);
  });

  it('does not keep a failed walk', async () => {
    fake.failReadAll = new Error('down');
    await expect(head.position()).rejects.toThrow('down');
    fake.failReadAll = undefined;
    const ours = fake.add('student-1', 'StudentRegistered');
    expect(await head.position()).toBe(ours.position);
  });
});
