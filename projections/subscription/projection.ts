import type { Document, DocumentCollection, Filter, FindOptions, IndexSpec } from '../../src/read-store/document-store.port';
import type { RecordedEvent } from '../../src/shared/event';

/** A read model: the collections it owns, the events it reads, and how one event changes its documents. */
export interface ProjectionDefinition {
  name: string;
  /** Bump when the projector's output changes: a stored read model of another version is rebuilt at start. */
  version: number;
  collections: Record<string, IndexSpec[]>;
  handles: ReadonlySet<string>;
  apply(event: RecordedEvent, context: ProjectionContext): Promise<void>;
}

/** Writes a projector makes for one event; each is skipped when the document already holds that event. */
export interface ProjectionCollection<T extends Document> {
  get(id: string): Promise<T | null>;
  find(filter?: Filter, options?: FindOptions): Promise<T[]>;
  /** Read-modify-write; return null to delete. */
  update(id: string, change: (current: T | null) => T | null): Promise<void>;
  put(id: string, doc: T): Promise<void>;
  delete(id: string): Promise<void>;
}

export interface ProjectionContext {
  collection<T extends Document>(name: string): ProjectionCollection<T>;
}

/** Binds a collection to one event: conditional writes at the event's position make replays harmless. */
export function projectionCollection<T extends Document>(
  collection: DocumentCollection<T>,
  position: bigint,
): ProjectionCollection<T> {
  const update = async (id: string, change: (current: T | null) => T | null): Promise<void> => {
    const stored = await collection.getStored(id);
    if (stored && stored.position >= position) return;
    const next = change(stored ? stored.doc : null);
    if (next === null) {
      if (stored) await collection.delete(id, { ifOlderThan: position });
    } else {
      await collection.put(id, next, { ifOlderThan: position });
    }
  };
  return {
    get: (id) => collection.get(id),
    find: (filter, options) => collection.find(filter, options),
    update,
    // Whole-document writes need no read: the conditional write itself skips a document that already holds this event.
    put: async (id, doc) => void (await collection.put(id, doc, { ifOlderThan: position })),
    delete: async (id) => void (await collection.delete(id, { ifOlderThan: position })),
  };
}
