import { hash } from 'node:crypto';
import { DocumentStore, IndexSpec } from '../../read-store/document-store.port';
import { AppliedFile } from './oneroster.tables';
import { emptyIndex, OrgKind, PackageIndex, Unresolved, UserKind } from './oneroster.package-index';

export const IMPORTED_RECORDS = 'oneroster_records';
export const importedRecordIndexes: IndexSpec[] = [{ fields: [['source', 1], ['file', 1], ['sourcedId', 1]] }];

/** What references to a record need, kept so a later (delta) package may refer to it. */
export type RecordFacts =
  | { kind: OrgKind; parent: string | null }
  | { type: string; parent: string | null; startDate: string }
  | { title: string; subjects: string[] }
  | { school: string }
  | { user: UserKind }
  | Record<string, never>;

/**
 * One record imported from a source: the key of interchange.md rule 1, a fingerprint of the
 * row's content (no personal data: a hash), the dateLastModified it carried, and whether the
 * source has deleted it. An import compares against these to append nothing for unchanged rows.
 */
export interface ImportedRecord extends Record<string, unknown> {
  source: string;
  file: AppliedFile;
  sourcedId: string;
  fingerprint: string;
  modified: string | null;
  deleted: boolean;
  facts: RecordFacts;
  importId: string;
}

export const recordKey = (source: string, file: string, sourcedId: string): string => hash('sha256', `${source}\u0000${file}\u0000${sourcedId}`, 'base64url');

export const fingerprintOf = (value: unknown): string => hash('sha256', JSON.stringify(value), 'base64url');

/** Records are read a page at a time: memory holds a page, not a source's whole history. */
const PAGE = 2000;
/** The files whose records later packages refer to and are few: loaded into the index whole (users and classes are looked up by key). */
const LOADED: AppliedFile[] = ['orgs', 'academicSessions', 'courses'];

/** The records imported so far, in the read store, looked up one key at a time and read a page at a time. */
export class ImportedRecords {
  constructor(private readonly documents: DocumentStore) {}

  async prepare(): Promise<void> {
    await this.documents.ensureIndexes(IMPORTED_RECORDS, importedRecordIndexes);
  }

  async get(source: string, file: AppliedFile, sourcedId: string): Promise<ImportedRecord | null> {
    return this.documents.collection<ImportedRecord>(IMPORTED_RECORDS).get(recordKey(source, file, sourcedId));
  }

  /**
   * A batch of records of one file, in the order asked (null where none). Read in one transaction:
   * on the embedded store the reads then share one BEGIN instead of opening one each (a third of the
   * cost of a re-import), and see one state of the collection.
   */
  async getMany(source: string, file: AppliedFile, sourcedIds: readonly string[]): Promise<(ImportedRecord | null)[]> {
    if (sourcedIds.length === 0) return [];
    return this.documents.transaction(async (tx) => {
      const collection = tx.collection<ImportedRecord>(IMPORTED_RECORDS);
      return Promise.all(sourcedIds.map((id) => collection.get(recordKey(source, file, id))));
    });
  }

  /** The facts references resolve through, of a source's organisations, sessions and courses not deleted: a few fields per record, never rows. */
  async loadIndex(source: string): Promise<PackageIndex> {
    const index = emptyIndex();
    for (const file of LOADED) {
      for await (const record of this.live(source, file)) {
        const facts = record.facts as Record<string, unknown>;
        switch (record.file) {
          case 'orgs': index.orgs.set(record.sourcedId, facts as { kind: OrgKind; parent: string | null }); break;
          case 'academicSessions': index.academicSessions.set(record.sourcedId, facts as { type: string; parent: string | null; startDate: string }); break;
          case 'courses': index.courses.set(record.sourcedId, facts as { title: string; subjects: string[] }); break;
          default: break;
        }
      }
    }
    return index;
  }

  /** Adds to `index` the users and classes of a source (not deleted) that a package names. */
  async resolve(source: string, index: PackageIndex, wanted: Unresolved): Promise<void> {
    const found = [...(await this.getMany(source, 'users', [...wanted.users])), ...(await this.getMany(source, 'classes', [...wanted.classes]))];
    for (const record of found) {
      if (!record || record.deleted) continue;
      const facts = record.facts as Record<string, unknown>;
      if (record.file === 'users') index.users.set(record.sourcedId, facts.user as UserKind);
      else index.classes.set(record.sourcedId, String(facts.school));
    }
  }

  /** How many records of a file the source has not deleted. */
  async countLive(source: string, file: AppliedFile): Promise<number> {
    return this.documents.collection<ImportedRecord>(IMPORTED_RECORDS).count({ source, file, deleted: false });
  }

  /** The records of a file the source has not deleted, in sourcedId order, a page at a time. */
  async *live(source: string, file: AppliedFile): AsyncGenerator<ImportedRecord> {
    const collection = this.documents.collection<ImportedRecord>(IMPORTED_RECORDS);
    let after: string | null = null;
    for (;;) {
      const page: ImportedRecord[] = await collection.find(
        { source, file, ...(after === null ? {} : { sourcedId: { $gt: after } }) },
        { sort: [['sourcedId', 1]], limit: PAGE },
      );
      for (const record of page) if (!record.deleted) yield record;
      if (page.length < PAGE) return;
      after = page[page.length - 1].sourcedId;
    }
  }

  async save(records: ImportedRecord[]): Promise<void> {
    if (records.length === 0) return;
    await this.documents.transaction(async (tx) => {
      const collection = tx.collection<ImportedRecord>(IMPORTED_RECORDS);
      for (const record of records) await collection.put(recordKey(record.source, record.file, record.sourcedId), record);
    });
  }
}
