import { join } from 'node:path';
import { SqliteEventStore } from '../../src/event-store/embedded/sqlite-event-store';
import type { NewEvent } from '../../src/shared/event';
import { cpuSince, round, secondsSince } from '../support/measure';
import { sampleEvent, storedBytes } from '../support/sample-events';
import { profiled } from '../support/profile';
import { withTempDir } from '../support/temp-dir';
import { Durability, durabilityOf } from '../support/durability';
import type { BenchRow } from '../types';
import { EVENTS_PER_STREAM } from './physical-baseline';
import { scaled } from '../support/scale';

const SEQUENTIAL_EVENTS = scaled(20_000, 100);
const CONCURRENT_EVENTS = scaled(64_000, 3_200);
const WRITERS = 32;

/**
 * One writer: appends its events one at a time, awaiting each, to its own streams of
 * EVENTS_PER_STREAM events, each append expecting the revision it wrote last.
 */
async function writer(store: SqliteEventStore, name: string, events: NewEvent[]): Promise<void> {
  for (let i = 0; i < events.length; i++) {
    const revision = i % EVENTS_PER_STREAM;
    await store.append(`student-${name}-${Math.floor(i / EVENTS_PER_STREAM)}`, [events[i]], revision === 0 ? 'no_stream' : BigInt(revision - 1));
  }
}

export async function run(label: string, writers: number, total: number, hashChain = true, synchronous: 'normal' | 'full' = 'normal'): Promise<{ rate: number; seconds: number; bytes: number; cpuPerEvent: string }> {
  return withTempDir(label, async (dir) => {
    const perWriter = Math.floor(total / writers);
    // Events are made before the clock starts; the port's own work (ids check, JSON, queue, SQL) is timed.
    const work = Array.from({ length: writers }, (_, w) => Array.from({ length: perWriter }, (_, i) => sampleEvent(w * perWriter + i)));
    const bytes = work[0].slice(0, 100).reduce((sum, e) => sum + storedBytes(e), 0) / Math.min(100, perWriter);
    const store = SqliteEventStore.open({ file: join(dir, 'events.sqlite'), synchronous, hashChain });
    try {
      const cpu = process.cpuUsage();
      const start = process.hrtime.bigint();
      await profiled(label, () => Promise.all(work.map((events, w) => writer(store, `w${w}`, events))));
      const seconds = secondsSince(start);
      const cpuPerEvent = cpuSince(cpu, perWriter * writers);
      const head = await store.headPosition();
      if (head !== BigInt(perWriter * writers)) throw new Error(`Expected ${perWriter * writers} events in the log, found ${head}`);
      return { rate: (perWriter * writers) / seconds, seconds, bytes, cpuPerEvent };
    } finally {
      await store.close();
    }
  });
}

/** (b) Appends through the EventStore port (SqliteEventStore, group commit), one event per append. */
export async function eventStoreAppends(durability: Durability = 'process'): Promise<BenchRow[]> {
  const { suffix, synchronous, named } = durabilityOf(durability);
  const sequential = await run(`b-seq${suffix}`, 1, SEQUENTIAL_EVENTS, true, synchronous);
  const concurrent = await run(`b-32${suffix}`, WRITERS, CONCURRENT_EVENTS, true, synchronous);
  return [
    {
      id: `b-seq${suffix}`,
      name: named('EventStore.append, sequential (1 awaited append at a time)'),
      profiles: [`b-seq${suffix}`],
      value: round(sequential.rate),
      unit: 'events/s',
      extra: `${SEQUENTIAL_EVENTS.toLocaleString('en')} appends of 1 event in ${sequential.seconds.toFixed(2)} s, CPU ${sequential.cpuPerEvent} µs/event; ~${Math.round(sequential.bytes)} B/event`,
    },
    {
      id: `b-32${suffix}`,
      name: named(`EventStore.append, ${WRITERS} concurrent writers (own streams)`),
      value: round(concurrent.rate),
      unit: 'events/s',
      ...(durability === 'process' ? { target: { atLeastFractionOf: { row: 'a-500', fraction: 0.4 } } } : {}),
      profiles: [`b-32${suffix}`],
      extra: `${CONCURRENT_EVENTS.toLocaleString('en')} appends of 1 event in ${concurrent.seconds.toFixed(2)} s, CPU ${concurrent.cpuPerEvent} µs/event (group commit: ~${WRITERS} appends per transaction)`,
    },
  ];
}
