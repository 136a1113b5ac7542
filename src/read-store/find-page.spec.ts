import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteDocumentStore } from './embedded/sqlite-document-store';
import { findPage } from './find-page';

describe('findPage', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ledger-page-'));
  const documents = SqliteDocumentStore.open({ file: join(dir, 'read-models.sqlite') });
  beforeAll(async () => {
    for (let n = 1; n <= 25; n++) await documents.collection('rows').put(`r-${String(n).padStart(2, '0')}`, { n, even: n % 2 === 0 });
  });
  afterAll(async () => {
    await documents.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const page = (offset: number, limit: number, filter = {}) => findPage<{ n: number }>(documents, 'rows', filter, [['n', 1]], { limit, offset });

  it.each([
    ['a first page that is not the last', 0, 10, {}, 10, 25],
    ['a middle page', 10, 10, {}, 10, 25],
    ['the last, partial page', 20, 10, {}, 5, 25],
    ['a page that ends exactly at the last row', 15, 10, {}, 10, 25],
    ['a page past the end', 40, 10, {}, 0, 25],
    ['no match at all', 0, 10, { n: 99 }, 0, 0],
    ['a filtered last page', 10, 10, { even: true }, 2, 12],
  ])('%s gives the right items and total', async (_name, offset, limit, filter, items, total) => {
    const answer = await page(offset, limit, filter);
    expect(answer.items).toHaveLength(items);
    expect(answer.total).toBe(total);
    if (items > 0) expect(answer.items[0].n).toBe(Object.keys(filter).length ? 2 * offset + 2 : offset + 1);
  });
});
