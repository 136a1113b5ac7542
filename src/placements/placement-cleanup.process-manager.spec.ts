import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AppConfig } from '../config/config';
import { AggregateLoader } from '../event-store/aggregate-loader';
import { CommandHandling } from '../event-store/command-handling';
import { SqliteEventStore } from '../event-store/embedded/sqlite-event-store';
import { Reservations } from '../event-store/reservations';
import { HostingInterestEvent } from '../hosting-interests/hosting-interest.events';
import { hostingInterestStream } from '../hosting-interests/hosting-interest.stream';
import { SqliteDocumentStore } from '../read-store/embedded/sqlite-document-store';
import { systemClock } from '../shared/clock';
import { DomainEvent, RecordedEvent } from '../shared/event';
import { newId } from '../shared/ids';
import { TEST_METADATA } from '../../test/support/event-builders';
import { FaultyDocumentStore, refusedWrite } from '../../test/support/faults/document-store-faults';
import { PlacementCleanup } from './placement-cleanup.process-manager';
import { PlacementEvent } from './placement.events';
import { placementStream } from './placement.stream';

describe('Placement clean-up (moving away from actively_looking deletes unassigned placements)', () => {
  let dir: string;
  let events: SqliteEventStore;
  let documents: SqliteDocumentStore;
  let commands: CommandHandling;
  const config = { projections: 'inline' } as AppConfig;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'ledger-cleanup-'));
    events = SqliteEventStore.open({ file: join(dir, 'events.sqlite') });
    documents = SqliteDocumentStore.open({ file: join(dir, 'read-models.sqlite') });
    commands = new CommandHandling(events, new AggregateLoader(events), new Reservations(events, systemClock, Buffer.alloc(32, 7)), systemClock);
  });
  afterEach(async () => {
    await events.close();
    await documents.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const append = async (streamId: string, event: DomainEvent, correlationId = 'c-setup') =>
    events.append(streamId, [{ eventId: newId(), type: event.type, data: event.data, metadata: { ...TEST_METADATA, correlationId } }], 'any');
  const interest = (schoolId: string, appetite: 'actively_looking' | 'not_open', previousAppetite: 'actively_looking' | null = null): HostingInterestEvent => ({
    type: 'HostingInterestRecorded',
    data: { schoolId, academicYearId: 'ay-1', appetite, reasons: appetite === 'not_open' ? ['Full'] : [], details: null, previousAppetite },
  });
  const placement = async (placementId: string, schoolId: string, academicYearId: string, providerId?: string) => {
    const key = { placementId, schoolId, academicYearId };
    const details = { subjectId: 'mfl', sendSpecific: false, keyStage: null, yearGroup: null, additionalSubjectIds: [], termIds: [], mentorIds: [] };
    const lifecycle: PlacementEvent[] = [{ type: 'PlacementCreated', data: { ...key, ...details } }, { type: 'PlacementPublished', data: key }];
    if (providerId) lifecycle.push({ type: 'PlacementProviderAssigned', data: { ...key, providerId } });
    for (const event of lifecycle) await append(placementStream(placementId), event);
  };
  const history = async (placementId: string) => {
    const stream: RecordedEvent[] = [];
    for await (const event of events.readStream(placementStream(placementId))) stream.push(event);
    return stream;
  };
  const settled = async (cleanup: PlacementCleanup) => {
    const deadline = Date.now() + 5000;
    while ((await cleanup.checkpoint()) < (await events.headPosition())) {
      if (Date.now() > deadline) throw new Error('The clean-up did not reach the head of the log');
      await new Promise((r) => setTimeout(r, 10));
    }
  };

  it('deletes the school’s unassigned placements for that year, with the change’s correlation and the change as causation; not assigned ones, other years or other schools', async () => {
    await append(hostingInterestStream('s-1', 'ay-1'), interest('s-1', 'actively_looking'));
    await placement('pl-open', 's-1', 'ay-1');
    await placement('pl-assigned', 's-1', 'ay-1', 'p-1');
    await placement('pl-other-year', 's-1', 'ay-2');
    await placement('pl-other-school', 's-2', 'ay-1');
    await append(hostingInterestStream('s-1', 'ay-1'), interest('s-1', 'not_open', 'actively_looking'), 'c-change');

    const cleanup = new PlacementCleanup(events, documents, commands, config);
    await cleanup.start();
    await settled(cleanup);

    const change = (await readAll(events)).find((e) => e.type === 'HostingInterestRecorded' && (e.data as { appetite: string }).appetite === 'not_open')!;
    const deleted = (await history('pl-open')).at(-1)!;
    expect(deleted.type).toBe('PlacementDeleted');
    expect(deleted.data).toEqual({ placementId: 'pl-open', schoolId: 's-1', academicYearId: 'ay-1', cause: 'hosting_interest_changed' });
    expect(deleted.metadata).toMatchObject({ correlationId: 'c-change', causationId: change.eventId, actor: { type: 'system', id: 'placement-cleanup' } });
    for (const untouched of ['pl-assigned', 'pl-other-year', 'pl-other-school']) {
      expect((await history(untouched)).map((e) => e.type)).not.toContain('PlacementDeleted');
    }

    // A placement created after the change (it raced the change past rule 1) is deleted as well.
    await placement('pl-late', 's-1', 'ay-1');
    await settled(cleanup);
    expect((await history('pl-late')).at(-1)!.type).toBe('PlacementDeleted');
    await cleanup.stop();
  });

  it('handling the same events again, as after a crash before the checkpoint, deletes nothing twice', async () => {
    await append(hostingInterestStream('s-1', 'ay-1'), interest('s-1', 'actively_looking'));
    await placement('pl-open', 's-1', 'ay-1');
    await append(hostingInterestStream('s-1', 'ay-1'), interest('s-1', 'not_open', 'actively_looking'));
    const first = new PlacementCleanup(events, documents, commands, config);
    await first.start();
    await settled(first);
    await first.stop();
    const before = await events.headPosition();

    await documents.collection('_process_checkpoints').delete('placement-cleanup');
    const second = new PlacementCleanup(events, documents, commands, config);
    await second.start();
    await settled(second);
    for (const event of await readAll(events)) await second.handle(event);
    await second.stop();

    expect(await events.headPosition()).toBe(before);
    expect((await history('pl-open')).filter((e) => e.type === 'PlacementDeleted')).toHaveLength(1);
  });

  it('follows the log under the projections’ supervisor: retrying while the read store is unavailable, then resumes by itself', async () => {
    const faulty = new FaultyDocumentStore(documents);
    const cleanup = new PlacementCleanup(events, faulty, commands, config);
    await cleanup.start();
    await append(hostingInterestStream('s-1', 'ay-1'), interest('s-1', 'actively_looking'));
    await placement('pl-open', 's-1', 'ay-1');
    faulty.unavailableFor(1000);
    await append(hostingInterestStream('s-1', 'ay-1'), interest('s-1', 'not_open', 'actively_looking'));
    const deadline = Date.now() + 5000;
    while (cleanup.subscriber.status !== 'retrying') {
      if (Date.now() > deadline) throw new Error('The clean-up never reported retrying');
      await new Promise((r) => setTimeout(r, 10));
    }
    expect(cleanup.subscriber.lastError).toMatch(/unavailable/);
    while ((await history('pl-open')).at(-1)!.type !== 'PlacementDeleted') {
      if (Date.now() > deadline) throw new Error('The clean-up did not resume and delete the placement');
      await new Promise((r) => setTimeout(r, 10));
    }
    expect(cleanup.subscriber.failure).toBeNull();
    await cleanup.stop();
  });

  it('an event it cannot handle, again and again, leaves it failed at that event', async () => {
    const faulty = new FaultyDocumentStore(documents);
    await append(hostingInterestStream('s-1', 'ay-1'), interest('s-1', 'actively_looking'));
    const poison = await append(placementStream('pl-x'), { type: 'PlacementCreated', data: { placementId: 'pl-x', schoolId: 's-1', academicYearId: 'ay-1' } });
    faulty.failWrites({ position: poison.position }, refusedWrite('refused'));
    const cleanup = new PlacementCleanup(events, faulty, commands, config);
    await cleanup.start();
    const deadline = Date.now() + 5000;
    while (cleanup.subscriber.status !== 'failed') {
      if (Date.now() > deadline) throw new Error('The clean-up never failed');
      await new Promise((r) => setTimeout(r, 10));
    }
    expect(cleanup.subscriber.failure).toEqual({ position: poison.position, eventType: 'PlacementCreated', error: 'refused' });
    await cleanup.stop();
  });

  it('does not run when projections are off', async () => {
    const cleanup = new PlacementCleanup(events, documents, commands, { projections: 'off' } as AppConfig);
    await cleanup.onApplicationBootstrap();
    await append(hostingInterestStream('s-1', 'ay-1'), interest('s-1', 'actively_looking'));
    // The positive signal instead of a pause: a clean-up that does run, over checkpoints of its own, reads past that event.
    const ownDocuments = SqliteDocumentStore.open({ file: join(dir, 'running-read-models.sqlite') });
    const running = new PlacementCleanup(events, ownDocuments, commands, config);
    await running.start();
    await settled(running);
    await running.stop();
    await ownDocuments.close();
    expect([cleanup.subscriber.running, cleanup.subscriber.status, await cleanup.checkpoint()]).toEqual([false, 'stopped', 0n]);
    await cleanup.beforeApplicationShutdown();
  });
});

async function readAll(store: SqliteEventStore): Promise<RecordedEvent[]> {
  const all: RecordedEvent[] = [];
  for await (const event of store.readAll()) all.push(event);
  return all;
}
