import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { EncryptingEventStore } from '../../src/privacy/encrypting-event-store';
import { KeyRing } from '../../src/privacy/key-ring';
import { studentPersonalData } from '../../src/privacy/personal-data-catalog';
import { SqliteKeyStore } from '../../src/privacy/sqlite-key-store';
import { EVENT_STORE, RAW_EVENT_STORE, type EventStore } from '../../src/event-store/event-store.port';
import type { NewEvent, RecordedEvent } from '../../src/shared/event';
import { newId } from '../../src/shared/ids';
import { studentStream } from '../../src/students/student.stream';
import { round } from '../support/measure';
import { sampleMetadata, studentRegisteredData } from '../support/sample-events';
import { withTempDir } from '../support/temp-dir';
import type { BenchRow } from '../types';
import { scaled, scaledSeconds } from '../support/scale';
import { commandsPerSecond, pairedSummary, pipelineWithAndWithout } from './command-pipeline';

const STUDENTS = scaled(20_000, 500);
/** Warm-up, then pairs of short rounds alternating without and with sealing: about 25 s in all. */
const PIPELINE_SECONDS = { warmup: scaledSeconds(2, 1), round: scaledSeconds(1, 0.5), rounds: scaled(12, 4) };

/** An adapter that keeps nothing: only the decorator's own work is timed. */
const nowhere = { append: async () => ({ nextRevision: 0n, position: 1n }) } as unknown as EventStore;

const microseconds = (start: bigint, units: number) => Number(process.hrtime.bigint() - start) / 1e3 / units;

/**
 * The command pipeline of (c) without and with sealing, alternately in one app. "Without" hands
 * appends straight to the adapter (RAW_EVENT_STORE), which only the bench does: those students'
 * personal fields are stored in clear and no key is made for them. Reads still open what is sealed.
 */
const pipelineWithAndWithoutSealing = () =>
  pipelineWithAndWithout(
    'p-c',
    (app, on) => {
      const store = app.get<EventStore>(EVENT_STORE);
      const raw = app.get<EventStore>(RAW_EVENT_STORE);
      if (on) Reflect.deleteProperty(store, 'append');
      else Reflect.set(store, 'append', raw.append.bind(raw));
    },
    PIPELINE_SECONDS,
  );

/** (p) What encryption costs per StudentRegistered: sealing on append (key made and stored), opening with the key cached and from the key store; and in the command pipeline. */
export async function privacyCipher(): Promise<BenchRow[]> {
  return [...(await cipherAlone()), ...(await cipherInPipeline())];
}

/** In the pipeline of (c): a pair seals one StudentRegistered (a new student: key made, wrapped, stored) and appends two events without personal fields. */
async function cipherInPipeline(): Promise<BenchRow[]> {
  const pipeline = await pipelineWithAndWithoutSealing();
  const { off, on } = pipeline;
  const paired = pairedSummary(pipeline);
  // One sealed event per RegisterStudent + AdmitStudentToSchool pair: two commands.
  const perSealedEvent = 2 * (Number(on.cpuPerCommand) - Number(off.cpuPerCommand));
  return [
    {
      id: 'p-c-unsealed',
      name: 'command pipeline (as c) without sealing personal fields (before)',
      value: round(commandsPerSecond(off)),
      unit: 'commands/s',
      extra: `${pipeline.rounds} rounds of ${pipeline.roundSeconds} s alternating with p-c; CPU ${off.cpuPerCommand} µs/command`,
    },
    {
      id: 'p-c',
      name: 'command pipeline (as c) sealing personal fields',
      value: round(commandsPerSecond(on)),
      unit: 'commands/s',
      extra:
        `${pipeline.rounds} rounds; CPU ${on.cpuPerCommand} µs/command: encryption costs ${perSealedEvent.toFixed(1)} µs of CPU per sealed StudentRegistered ` +
        `(key made, wrapped and stored, fields sealed; the CPU difference per command × 2)`,
    },
    {
      id: 'p-c-paired',
      name: 'command pipeline sealing vs not: rate on a busy core (CPU per command without ÷ with, median of adjacent rounds)',
      value: round(paired.median, 3),
      unit: '×',
      target: { atLeast: 0.85 },
      extra: paired.detail,
    },
  ];
}

async function cipherAlone(): Promise<BenchRow[]> {
  return withTempDir('p', async (dir) => {
    const keyStore = SqliteKeyStore.open(join(dir, 'keys.sqlite'));
    const master = randomBytes(32);
    const ring = await KeyRing.open(keyStore, master, { origin: 'bench' });
    const store = new EncryptingEventStore(nowhere, ring, studentPersonalData);
    const events = Array.from({ length: STUDENTS }, (_, i): NewEvent => {
      const studentId = newId();
      return { eventId: newId(), type: 'StudentRegistered', data: studentRegisteredData(i, studentId, 'd-1'), metadata: sampleMetadata('RegisterStudent') };
    });

    let start = process.hrtime.bigint();
    const sealed: RecordedEvent[] = [];
    for (const [i, event] of events.entries()) {
      const streamId = studentStream((event.data as { studentId: string }).studentId);
      sealed.push({ ...(await store.seal(streamId, event)), streamId, revision: 0n, position: BigInt(i + 1) });
    }
    const sealUs = microseconds(start, STUDENTS);

    start = process.hrtime.bigint();
    for (const event of sealed) void (store.openSync(event) ?? (await store.open(event))).data;
    const openWarmUs = microseconds(start, STUDENTS);

    // A fresh process: every key unwrapped from the key store once.
    const cold = new EncryptingEventStore(nowhere, await KeyRing.open(keyStore, master, { origin: 'bench' }), studentPersonalData);
    start = process.hrtime.bigint();
    for (const event of sealed) void (cold.openSync(event) ?? (await cold.open(event))).data;
    const openColdUs = microseconds(start, STUDENTS);
    await keyStore.close();

    const extra = (what: string) => `${STUDENTS.toLocaleString('en')} StudentRegistered events, one student each; ${what}`;
    return [
      { id: 'p-seal', name: 'seal a StudentRegistered on append (new student: key made, wrapped, stored)', value: round(sealUs), unit: 'µs/event', extra: extra('AES-256-GCM of the personal fields + a key-store insert') },
      { id: 'p-open-warm', name: 'open a StudentRegistered on read, key cached', value: round(openWarmUs), unit: 'µs/event', extra: extra('what a rebuild pays per student event while the key cache holds the keys') },
      { id: 'p-open-cold', name: 'open a StudentRegistered on read, key fetched from the key store', value: round(openColdUs), unit: 'µs/event', extra: extra('a fresh process: key read and unwrapped once per student') },
    ];
  });
}
