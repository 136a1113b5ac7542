import type { Document, DocumentStore, Filter, Sort } from './document-store.port';

export interface Page<T> {
  items: T[];
  total: number;
}

/**
 * One page of matches and the total, for every list query. On the embedded store, whose calls run
 * one after the other anyway, one more row than the page is fetched: when it does not come back the
 * page is the last and the total is known without a second walk over every match. On MongoDB the
 * count runs alongside the find.
 */
export async function findPage<T extends Document>(
  documents: DocumentStore,
  collectionName: string,
  filter: Filter,
  sort: Sort,
  paging: { limit: number; offset: number },
): Promise<Page<T>> {
  const collection = documents.collection<T>(collectionName);
  const { limit, offset } = paging;
  if (documents.kind === 'mongodb') {
    const [items, total] = await Promise.all([collection.find(filter, { sort, limit, offset }), collection.count(filter)]);
    return { items, total };
  }
  const rows = await collection.find(filter, { sort, limit: limit + 1, offset });
  const isLast = rows.length <= limit && (rows.length > 0 || offset === 0);
  const total = isLast ? offset + rows.length : await collection.count(filter);
  return { items: rows.slice(0, limit), total };
}
