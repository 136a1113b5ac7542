import { join } from 'node:path';
import Database from 'better-sqlite3';
import { createEventLogSchema } from '../../src/event-store/embedded/event-log.schema';
import { sampleEvent, storedBytes } from '../support/sample-events';
import { withTempDir } from '../support/temp-dir';
import { cpuSince, round, secondsSince } from '../support/measure';
import type { BenchRow } from '../types';
import { scaled } from '../support/scale';

const BATCH = 500;
const SINGLE_EVENTS = scaled(40_000);
const BATCHED_EVENTS = scaled(200_000, BATCH);
/** Streams of this many events, as (b) writes them. */
export const EVENTS_PER_STREAM = 10;

type Row = [streamId: string, revision: number, eventId: string, type: string, data: string, metadata: string];

/** Rows as the embedded log stores them, made before the clock starts: this section measures SQLite alone. */
function rows(count: number): { rows: Row[]; bytes: number } {
  const out: Row[] = [];
  let bytes = 0;
  for (let i = 0; i < count; i++) {
    const event = sampleEvent(i);
    if (i < 100) bytes += storedBytes(event);
    out.push([`student-bench-${Math.floor(i / EVENTS_PER_STREAM)}`, i % EVENTS_PER_STREAM, event.eventId, event.type, JSON.stringify(event.data), JSON.stringify(event.metadata)]);
  }
  return { rows: out, bytes: bytes / Math.min(count, 100) };
}

function openLog(dir: string): Database.Database {
  const db = new Database(join(dir, 'events.sqlite'));
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  createEventLogSchema(db);
  return db;
}

const INSERT = 'INSERT INTO events (stream_id, revision, event_id, type, data, metadata) VALUES (?, ?, ?, ?, ?, ?)';

/** (a) The physical floor: raw better-sqlite3 INSERTs into the embedded log's schema, WAL, synchronous=NORMAL. */
export async function physicalBaseline(): Promise<BenchRow[]> {
  const single = await withTempDir('a1', async (dir) => {
    const { rows: data, bytes } = rows(SINGLE_EVENTS);
    const db = openLog(dir);
    const insert = db.prepare(INSERT);
    const cpu = process.cpuUsage();
    const start = process.hrtime.bigint();
    // Autocommit: each INSERT is its own transaction (one WAL commit per event).
    for (const row of data) insert.run(...row);
    const seconds = secondsSince(start);
    const cpuPerEvent = cpuSince(cpu, data.length);
    db.close();
    return { rate: data.length / seconds, seconds, bytes, cpuPerEvent };
  });

  const batched = await withTempDir('a500', async (dir) => {
    const { rows: data } = rows(BATCHED_EVENTS);
    const db = openLog(dir);
    const insert = db.prepare(INSERT);
    const writeBatch = db.transaction((batch: Row[]) => {
      for (const row of batch) insert.run(...row);
    });
    const cpu = process.cpuUsage();
    const start = process.hrtime.bigint();
    for (let i = 0; i < data.length; i += BATCH) writeBatch(data.slice(i, i + BATCH));
    const seconds = secondsSince(start);
    const cpuPerEvent = cpuSince(cpu, data.length);
    db.close();
    return { rate: data.length / seconds, seconds, cpuPerEvent };
  });

  return [
    {
      id: 'a-1',
      name: 'raw SQLite insert, 1 event per transaction',
      value: round(single.rate),
      unit: 'events/s',
      extra: `${SINGLE_EVENTS.toLocaleString('en')} events in ${single.seconds.toFixed(2)} s, CPU ${single.cpuPerEvent} µs/event; ~${Math.round(single.bytes)} B JSON/event, WAL, synchronous=NORMAL`,
    },
    {
      id: 'a-500',
      name: `raw SQLite insert, ${BATCH} events per transaction`,
      value: round(batched.rate),
      unit: 'events/s',
      extra: `${BATCHED_EVENTS.toLocaleString('en')} events in ${batched.seconds.toFixed(2)} s, CPU ${batched.cpuPerEvent} µs/event`,
    },
  ];
}
