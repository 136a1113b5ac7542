import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ProjectionDefinition } from '../../projections/subscription/projection';
import { ProjectionRunner } from '../../projections/subscription/projection-runner';
import { SqliteDocumentStore } from '../../src/read-store/embedded/sqlite-document-store';
import { DocumentStore } from '../../src/read-store/document-store.port';
import { EventStore } from '../../src/event-store/event-store.port';
import { DomainEvent, RecordedEvent } from '../../src/shared/event';
import { recorded } from './event-builders';

const NO_EVENT_STORE = {} as EventStore;

/**
 * given(events) → a projector run over an embedded document store, for
 * `expectDocument(collection, id, doc)` checks. `replayed()` delivers every event a second time.
 */
export async function project(definition: ProjectionDefinition, events: (DomainEvent & { streamId?: string; occurredAt?: string })[]) {
  const dir = mkdtempSync(join(tmpdir(), 'ledger-projector-'));
  const documents: DocumentStore = SqliteDocumentStore.open({ file: join(dir, 'read-models.sqlite') });
  const runner = new ProjectionRunner(definition, NO_EVENT_STORE, documents);
  await runner.prepare();
  const stream: RecordedEvent[] = recorded(events);
  if (stream.length) await runner.applyBatch(stream);
  return {
    documents,
    get: <T extends Record<string, unknown>>(collection: string, id: string) => documents.collection<T>(collection).get(id),
    all: <T extends Record<string, unknown>>(collection: string) => documents.collection<T>(collection).find({}, { sort: [] }),
    /** Applies these events again as the same positions, as a crash before the checkpoint would; the runner must skip them. */
    async replayed(): Promise<void> {
      const fresh = new ProjectionRunner(definition, NO_EVENT_STORE, documents, { checkpointId: `${definition.name}-replay` });
      await fresh.prepare();
      if (stream.length) await fresh.applyBatch(stream);
    },
    async close() {
      await documents.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
