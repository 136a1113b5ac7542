import { isDeepStrictEqual } from 'node:util';
import type { Document, DocumentStore } from '../../src/read-store/document-store.port';

export interface DocumentDifference {
  collection: string;
  id: string;
  /** Dot path of the differing field; absent when the whole document is missing on one side. */
  field?: string;
  live: unknown;
  rebuilt: unknown;
}

const PAGE = 1000;

async function allById(store: DocumentStore, name: string): Promise<Map<string, Document>> {
  const docs = new Map<string, Document>();
  const collection = store.collection(name);
  let afterId: string | undefined;
  for (;;) {
    const page = await collection.entries({ afterId, limit: PAGE });
    for (const entry of page) docs.set(entry.id, entry.doc);
    if (page.length < PAGE) return docs;
    afterId = page[page.length - 1].id;
  }
}

function fieldDifferences(a: unknown, b: unknown, path: string, out: { field: string; live: unknown; rebuilt: unknown }[]): void {
  if (isDeepStrictEqual(a, b)) return;
  const objects = a && b && typeof a === 'object' && typeof b === 'object' && !Array.isArray(a) && !Array.isArray(b);
  if (!objects) {
    out.push({ field: path, live: a, rebuilt: b });
    return;
  }
  const keys = new Set([...Object.keys(a as object), ...Object.keys(b as object)]);
  for (const key of keys) {
    fieldDifferences((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key], path ? `${path}.${key}` : key, out);
  }
}

/** Compares two collections document by document and field by field. */
export async function diffCollections(store: DocumentStore, live: string, rebuilt: string): Promise<DocumentDifference[]> {
  const [left, right] = await Promise.all([allById(store, live), allById(store, rebuilt)]);
  const differences: DocumentDifference[] = [];
  for (const id of new Set([...left.keys(), ...right.keys()])) {
    const a = left.get(id);
    const b = right.get(id);
    if (!a || !b) {
      differences.push({ collection: live, id, live: a ?? null, rebuilt: b ?? null });
      continue;
    }
    const fields: { field: string; live: unknown; rebuilt: unknown }[] = [];
    fieldDifferences(a, b, '', fields);
    for (const f of fields) differences.push({ collection: live, id, ...f });
  }
  return differences;
}
