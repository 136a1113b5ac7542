import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PROJECTIONS } from '../../projections';
import { CHECKPOINTS } from '../../projections/subscription/checkpoints';
import { ProjectionDefinition } from '../../projections/subscription/projection';
import { ProjectionRunner } from '../../projections/subscription/projection-runner';
import { EVENT_STORE, EventStore } from '../../src/event-store/event-store.port';
import { Document, DocumentCollection, DocumentStore, DocumentTransaction } from '../../src/read-store/document-store.port';
import { SqliteDocumentStore } from '../../src/read-store/embedded/sqlite-document-store';
import { RecordedEvent } from '../../src/shared/event';
import { expectOk, TestApp } from '../support/test-app';

/**
 * A projection batch and its checkpoint do not share a transaction on MongoDB (README, "MongoDB:
 * indexes, batches and checkpoints"): writes apply as they are made. This store does the same over
 * the embedded one, and can stop ("crash") at any write, the checkpoint's included. Every read model,
 * fed the events of real commands, must end identical to a clean run after the batch is replayed.
 */
class WritesAsTheyCome {
  writes = 0;
  constructor(
    private readonly store: DocumentStore,
    private readonly crashAtWrite?: number,
  ) {}

  asStore(): DocumentStore {
    const tx: DocumentTransaction = {
      collection: <T extends Document>(name: string) => this.counting(this.store.collection<T>(name)),
      renameCollection: (source, target) => this.store.renameCollection(source, target),
    };
    return Object.assign(Object.create(this.store) as DocumentStore, {
      kind: 'mongodb' as const,
      transaction: <R>(work: (t: DocumentTransaction) => Promise<R>) => work(tx),
      collection: <T extends Document>(name: string) => this.counting(this.store.collection<T>(name)),
      ensureIndexes: this.store.ensureIndexes.bind(this.store),
    });
  }

  private counting<T extends Document>(collection: DocumentCollection<T>): DocumentCollection<T> {
    const write = <A extends unknown[]>(op: (...args: A) => Promise<boolean>) => async (...args: A) => {
      if (++this.writes === this.crashAtWrite) throw new Error(`crash at write ${this.writes}`);
      return op(...args);
    };
    return Object.assign(Object.create(collection) as DocumentCollection<T>, {
      put: write(collection.put.bind(collection)),
      delete: write(collection.delete.bind(collection)),
    });
  }
}

async function readModel(store: DocumentStore, definition: ProjectionDefinition) {
  const out: Record<string, unknown> = {};
  for (const name of Object.keys(definition.collections)) {
    out[name] = (await store.collection(name).entries()).map((e) => [e.id, e.doc, e.position]);
  }
  return out;
}

describe('Replays after a crash between the writes of a batch leave every read model as a clean run would', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ledger-replay-'));
  let events: RecordedEvent[] = [];
  let opened = 0;
  const openStore = () => SqliteDocumentStore.open({ file: join(dir, `read-models-${++opened}.sqlite`) });

  beforeAll(async () => {
    const app = await TestApp.start();
    const command = async (name: string, body: unknown) => expectOk(await app.command(name, body));
    await command('RegisterOrganisation', { organisationId: 'd-1', type: 'district', name: 'District' });
    await command('RegisterOrganisation', { organisationId: 's-1', type: 'school', name: 'North', parentId: 'd-1' });
    await command('RegisterOrganisation', { organisationId: 's-2', type: 'school', name: 'South', parentId: 'd-1' });
    await command('DefineAcademicYear', { academicYearId: 'y-2026', name: '2026/27', startsOn: '2026-09-01', endsOn: '2027-08-31' });
    await command('RegisterStudent', { studentId: 'st-1', districtId: 'd-1', username: 'jo', givenName: 'Jo', familyName: 'Smith' });
    await command('RegisterStudent', { studentId: 'st-2', districtId: 'd-1', username: 'amy', givenName: 'Amy', familyName: 'Lee' });
    await command('ChangeStudentUsername', { studentId: 'st-1', username: 'jo.smith' });
    await command('AdmitStudentToSchool', { studentId: 'st-1', schoolId: 's-1', entryDate: '2025-09-01', entryGradeLevel: '09' });
    await command('WithdrawStudentFromSchool', { studentId: 'st-1', schoolId: 's-1', exitDate: '2025-12-20' });
    await command('AdmitStudentToSchool', { studentId: 'st-1', schoolId: 's-2', entryDate: '2026-01-05', entryGradeLevel: '09' });
    const store = app.app.get<EventStore>(EVENT_STORE);
    for await (const event of store.readAll()) events.push(event);
    await app.stop();
  }, 60_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('has events that the read models handle', () => {
    const handled = PROJECTIONS.filter((p) => events.some((e) => p.handles.has(e.type)));
    expect(handled.map((p) => p.name)).toEqual(expect.arrayContaining(['organisations', 'rosters', 'student-records', 'academic-years']));
  });

  it.each(PROJECTIONS.map((p) => [p.name, p] as const))('%s', async (_name, definition) => {
    const clean = openStore();
    const cleanRunner = new ProjectionRunner(definition, {} as EventStore, clean);
    await cleanRunner.prepare();
    await cleanRunner.applyBatch(events);
    const expected = await readModel(clean, definition);

    // How many writes a whole batch makes (the checkpoint's is the last).
    const counter = new WritesAsTheyCome(openStore());
    const counted = new ProjectionRunner(definition, {} as EventStore, counter.asStore());
    await counted.prepare();
    await counted.applyBatch(events);
    const total = counter.writes;
    expect(await readModel(counter.asStore(), definition)).toEqual(expected);

    for (const crashAt of new Set([1, Math.ceil(total / 2), total])) {
      const documents = openStore();
      const crashing = new ProjectionRunner(definition, {} as EventStore, new WritesAsTheyCome(documents, crashAt).asStore());
      await crashing.prepare();
      await expect(crashing.applyBatch(events)).rejects.toThrow(`crash at write ${crashAt}`);
      expect(await documents.collection(CHECKPOINTS).get(definition.name)).toBeNull();

      // A restart reads the checkpoint (none) and applies the whole batch again.
      const restarted = new ProjectionRunner(definition, {} as EventStore, new WritesAsTheyCome(documents).asStore());
      expect(await restarted.prepare()).toBeNull();
      await restarted.applyBatch(events);
      expect(await readModel(documents, definition)).toEqual(expected);
      await documents.close();
    }
    await clean.close();
  });
});
