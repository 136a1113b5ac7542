import { recorded } from '../../test/support/event-builders';
import { SqliteDocumentStore } from '../../src/read-store/embedded/sqlite-document-store';
import type { Document } from '../../src/read-store/document-store.port';
import type { RecordedEvent } from '../../src/shared/event';
import { ProjectionCollection, ProjectionContext, projectionCollection } from '../subscription/projection';
import { admitted, attributed, classroomCreated, classroomSubjects, enrollment, withdrawn, work } from './work-attribution.event-builders';
import { workAttributionProjection } from './work-attribution.projector';
import { workAttributionCollections } from './work-attribution.read-model';

class Crash extends Error {}

/** A context whose writes go straight to the store (as on MongoDB, no transaction) and that crashes after `budget` writes. */
function contextFor(store: SqliteDocumentStore, event: RecordedEvent, budget = Infinity): ProjectionContext {
  let writes = 0;
  const spend = () => {
    if (++writes > budget) throw new Crash();
  };
  return {
    collection<T extends Document>(name: string): ProjectionCollection<T> {
      const inner = projectionCollection<T>(store.collection<T>(name), event.position);
      return {
        get: inner.get,
        find: inner.find,
        update: async (id, change) => (spend(), inner.update(id, change)),
        put: async (id, doc) => (spend(), inner.put(id, doc)),
        delete: async (id) => (spend(), inner.delete(id)),
      };
    },
  };
}

async function contents(store: SqliteDocumentStore) {
  const out: Record<string, unknown> = {};
  for (const name of Object.keys(workAttributionCollections)) out[name] = await store.collection(name).entries({ limit: 100_000 }).then((rows) => rows.map(({ id, doc }) => [id, doc]));
  return out;
}

const math = enrollment('e-1', 'p-1', 'c-math', 's-1');
const read = enrollment('e-2', 'p-1', 'c-read', 's-1');
const history = recorded([
  classroomCreated('c-math', 's-1', ['math']),
  classroomCreated('c-read', 's-1', ['reading']),
  admitted('p-1', 's-1', '2025-09-01'),
  work('p-1', 'w-1', '2025-09-05T09:00:00Z', { subject: 'math', minutes: 5 }),
  work('p-1', 'w-2', '2025-09-06T09:00:00Z', { classroomId: 'c-read', minutes: 7 }),
  work('p-1', 'w-3', '2025-09-07T09:00:00Z', { minutes: 9 }),
  math.started('2025-09-01'),
  read.started('2025-09-06'),
  classroomSubjects('c-read', 's-1', ['reading', 'math']),
  attributed('p-1', 'w-3', 'c-math'),
  math.ended('2025-09-06'),
  withdrawn('p-1', 's-1', '2025-09-01', '2025-09-06'),
  read.cancelled(),
]);

describe('work-attribution projector: a crash part-way through an event', () => {
  it('an event cut short after any number of writes, then its whole batch delivered again from the checkpoint, leaves the documents of an uninterrupted run', async () => {
    const clean = SqliteDocumentStore.open({ file: ':memory:' });
    for (const event of history) await workAttributionProjection.apply(event, contextFor(clean, event));
    const expected = await contents(clean);
    await clean.close();
    let crashes = 0;
    for (let i = 0; i < history.length; i++) {
      for (let budget = 0; ; budget++) {
        const store = SqliteDocumentStore.open({ file: ':memory:' });
        for (const event of history.slice(0, i)) await workAttributionProjection.apply(event, contextFor(store, event));
        let crashed = false;
        try {
          await workAttributionProjection.apply(history[i], contextFor(store, history[i], budget));
        } catch (error) {
          if (!(error instanceof Crash)) throw error;
          crashed = true;
        }
        // The checkpoint is written after a batch: everything since the start is delivered again, in order.
        for (const event of history) await workAttributionProjection.apply(event, contextFor(store, event));
        expect({ event: i, budget, documents: await contents(store) }).toEqual({ event: i, budget, documents: expected });
        await store.close();
        if (!crashed) break;
        crashes++;
      }
    }
    expect(crashes).toBeGreaterThan(history.length);
  });
});
