import { join } from 'node:path';
import { ChainVerifier } from '../../src/audit/chain-verifier';
import { SqliteEventStore } from '../../src/event-store/embedded/sqlite-event-store';
import { RAW_EVENT_STORE } from '../../src/event-store/event-store.port';
import { cpuSince, median, round, secondsSince } from '../support/measure';
import { sampleEvent } from '../support/sample-events';
import { withTempDir } from '../support/temp-dir';
import type { BenchRow } from '../types';
import { commandsPerSecond, pairedSummary, pipelineWithAndWithout } from './command-pipeline';
import { run as appends } from './event-store-appends';
import { scaled, scaledSeconds } from '../support/scale';

/** Warm-up, then pairs of short rounds alternating without and with the chain: about 25 s in all. */
const PIPELINE_SECONDS = { warmup: scaledSeconds(2, 1), round: scaledSeconds(1, 0.5), rounds: scaled(12, 4) };
const VERIFY_EVENTS_PER_STREAM = 10;
const VERIFY_EVENTS = scaled(100_000, 1_000) * VERIFY_EVENTS_PER_STREAM;
const IN_FLIGHT_APPENDS = 500;

/**
 * The command pipeline of (c) without and with the chain, alternately in one app. "Without" switches
 * the store's hashing off at run time, which only the bench does (events so written fail events:verify).
 */
const pipelineWithAndWithoutChain = () =>
  pipelineWithAndWithout('h-c', (app, on) => Reflect.set(app.get<SqliteEventStore>(RAW_EVENT_STORE), 'hashChain', on), PIPELINE_SECONDS);

/** 16 pairs: with 10, the median of ratios that ranged from 0.80 to 1.10 moved by ±0.02 between runs. */
const APPEND_PAIRS = scaled(16, 2);
const EVENTS_PER_APPEND_RUN = scaled(24_000, 3_200);

/**
 * (h-b32) 32 writers appending without and with the chain, in alternating runs each on a fresh log
 * (the order swapped every pair); each side's rate is over all its runs, and the comparison the
 * paired CPU-per-event ratios, as for the pipeline.
 */
async function appendsWithAndWithoutChain() {
  const runs: { plain: Awaited<ReturnType<typeof appends>>[]; chained: Awaited<ReturnType<typeof appends>>[] } = { plain: [], chained: [] };
  for (let pair = 0; pair < APPEND_PAIRS; pair++) {
    for (const chained of pair % 2 === 0 ? [false, true] : [true, false]) {
      runs[chained ? 'chained' : 'plain'].push(await appends(chained ? 'h-b32' : 'h-b32-unchained', 32, EVENTS_PER_APPEND_RUN, chained));
    }
  }
  const side = (xs: Awaited<ReturnType<typeof appends>>[]) => {
    const seconds = xs.reduce((n, x) => n + x.seconds, 0);
    const events = xs.reduce((n, x) => n + x.rate * x.seconds, 0);
    return { rate: events / seconds, cpuPerEvent: (xs.reduce((n, x) => n + Number(x.cpuPerEvent), 0) / xs.length).toFixed(1) };
  };
  return {
    plain: side(runs.plain),
    chained: side(runs.chained),
    pairedRatios: runs.plain.map((plain, i) => Number(plain.cpuPerEvent) / Number(runs.chained[i].cpuPerEvent)),
    pairs: APPEND_PAIRS,
    eventsPerRun: EVENTS_PER_APPEND_RUN,
  };
}

/** A log of VERIFY_EVENTS events in streams of VERIFY_EVENTS_PER_STREAM, written through the port, then `events:verify`'s check over it. */
async function verifyMillion(): Promise<{ rate: number; seconds: number; cpuPerEvent: string; streams: number; heapGrowthMb: number; peakRssMb: number; writeRate: number }> {
  return withTempDir('h-verify', async (dir) => {
    const store = SqliteEventStore.open({ file: join(dir, 'events.sqlite'), synchronous: 'normal' });
    try {
      const streams = VERIFY_EVENTS / VERIFY_EVENTS_PER_STREAM;
      const writeStart = process.hrtime.bigint();
      let next = 0;
      const writer = async () => {
        for (let s = next++; s < streams; s = next++) {
          const batch = Array.from({ length: VERIFY_EVENTS_PER_STREAM }, (_, i) => sampleEvent(s * VERIFY_EVENTS_PER_STREAM + i));
          await store.append(`student-v-${s}`, batch, 'no_stream');
        }
      };
      await Promise.all(Array.from({ length: IN_FLIGHT_APPENDS }, writer));
      const writeRate = VERIFY_EVENTS / secondsSince(writeStart);
      global.gc?.();
      const heapBefore = process.memoryUsage().heapUsed;
      let heapPeak = heapBefore;
      let rssPeak = process.memoryUsage().rss;
      const cpu = process.cpuUsage();
      const start = process.hrtime.bigint();
      const report = await new ChainVerifier(store).verifyLog(() => {
        const memory = process.memoryUsage();
        heapPeak = Math.max(heapPeak, memory.heapUsed);
        rssPeak = Math.max(rssPeak, memory.rss);
      });
      const seconds = secondsSince(start);
      if (report.events !== VERIFY_EVENTS || report.brokenStreams !== 0) throw new Error(`verify read ${report.events} events, ${report.brokenStreams} broken streams`);
      return {
        rate: VERIFY_EVENTS / seconds,
        seconds,
        cpuPerEvent: cpuSince(cpu, VERIFY_EVENTS),
        streams: report.streams,
        heapGrowthMb: (heapPeak - heapBefore) / 2 ** 20,
        peakRssMb: rssPeak / 2 ** 20,
        writeRate,
      };
    } finally {
      await store.close();
    }
  });
}

/** (h) What the hash chain costs at append, and how fast events:verify checks a large log. */
export async function hashChainSection(): Promise<BenchRow[]> {
  const port = await appendsWithAndWithoutChain();
  const { plain: plainAppends, chained: chainedAppends } = port;
  const pipeline = await pipelineWithAndWithoutChain();
  const { off: plain, on: chained } = pipeline;
  const paired = pairedSummary(pipeline);
  const verify = await verifyMillion();
  return [
    {
      id: 'h-b32-unchained',
      name: 'EventStore.append, 32 writers, without the hash chain (before)',
      value: round(plainAppends.rate),
      unit: 'events/s',
      extra: `${port.pairs} runs of ${port.eventsPerRun.toLocaleString('en')} events, alternating with h-b32, each on a fresh log; CPU ${plainAppends.cpuPerEvent} µs/event`,
    },
    {
      id: 'h-b32',
      name: 'EventStore.append, 32 writers, with the hash chain',
      value: round(chainedAppends.rate),
      unit: 'events/s',
      extra: `CPU ${chainedAppends.cpuPerEvent} µs/event (canonical JSON + one sha256 per event, in the group commit)`,
    },
    {
      id: 'h-b32-paired',
      name: 'EventStore.append with the chain vs without: rate on a busy core (CPU per event without ÷ with, median of adjacent runs)',
      value: round(median(port.pairedRatios), 3),
      unit: '×',
      target: { atLeast: 0.9 },
      extra: `per pair: ${port.pairedRatios.map((r) => r.toFixed(2)).join(' ')}`,
    },
    {
      id: 'h-c-unchained',
      name: 'command pipeline (as c) without the hash chain (before)',
      value: round(commandsPerSecond(plain)),
      unit: 'commands/s',
      extra: `${pipeline.rounds} rounds of ${pipeline.roundSeconds} s alternating with h-c; CPU ${plain.cpuPerCommand} µs/command`,
    },
    {
      id: 'h-c',
      name: 'command pipeline (as c) with the hash chain',
      value: round(commandsPerSecond(chained)),
      unit: 'commands/s',
      extra: `${pipeline.rounds} rounds; CPU ${chained.cpuPerCommand} µs/command`,
    },
    {
      id: 'h-c-paired',
      name: 'command pipeline with the chain vs without: rate on a busy core (CPU per command without ÷ with, median of adjacent rounds)',
      value: round(paired.median, 3),
      unit: '×',
      target: { atLeast: 0.9 },
      extra: paired.detail,
    },
    {
      id: 'h-verify',
      name: `events:verify over ${VERIFY_EVENTS.toLocaleString('en')} events (${verify.streams.toLocaleString('en')} streams)`,
      value: round(verify.rate),
      unit: 'events/s',
      target: { atLeast: 100_000 },
      extra:
        `${verify.seconds.toFixed(1)} s, CPU ${verify.cpuPerEvent} µs/event; heap grew ${verify.heapGrowthMb.toFixed(0)} MB at most while verifying ` +
        `(one tail per stream: revision, position, hash), peak RSS ${verify.peakRssMb.toFixed(0)} MB; the log was written at ${round(verify.writeRate).toLocaleString('en')} events/s`,
    },
  ];
}
