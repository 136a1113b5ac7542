import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { EncryptingEventStore } from '../../src/privacy/encrypting-event-store';
import { KeyRing } from '../../src/privacy/key-ring';
import { studentPersonalData } from '../../src/privacy/personal-data-catalog';
import { SqliteKeyStore } from '../../src/privacy/sqlite-key-store';
import type { EventStore } from '../../src/event-store/event-store.port';
import type { NewEvent, RecordedEvent } from '../../src/shared/event';
import { newId } from '../../src/shared/ids';
import { studentStream } from '../../src/students/student.stream';
import { round } from '../support/measure';
import { sampleMetadata, studentRegisteredData } from '../support/sample-events';
import { withTempDir } from '../support/temp-dir';
import type { BenchRow } from '../types';
import { scaled } from '../support/scale';

const STUDENTS = scaled(20_000, 500);

/** An adapter that keeps nothing: only the decorator's own work is timed. */
const nowhere = { append: async () => ({ nextRevision: 0n, position: 1n }) } as unknown as EventStore;

const microseconds = (start: bigint, units: number) => Number(process.hrtime.bigint() - start) / 1e3 / units;

/** (p) What encryption costs per StudentRegistered: sealing on append (key made and stored), opening with the key cached and from the key store. */
export async function privacyCipher(): Promise<BenchRow[]> {
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
