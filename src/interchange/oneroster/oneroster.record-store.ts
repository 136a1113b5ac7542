import { createHash } from 'node:crypto';
import { DocumentStore, IndexSpec } from '../../read-store/document-store.port';
import { AppliedFile } from './oneroster.tables';
import { emptyIndex, OrgKind, PackageIndex, UserKind } from './oneroster.validation';

export const IMPORTED_RECORDS = 'oneroster_records';
export const importedRecordIndexes: IndexSpec[] = [{ fields: [['source', 1], ['file', 1]] }];

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
 * commands it became (no personal data: a hash), the dateLastModified it carried, and whether the
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

export const recordKey = (source: string, file: string, sourcedId: string): string =>
  createHash('sha256').update(`${source}\u0000${file}\u0000${sourcedId}`).digest('base64url');

export const fingerprintOf = (value: unknown): string => createHash('sha256').update(JSON.stringify(value)).digest('base64url');

export class ImportedRecords {
  constructor(private readonly documents: DocumentStore) {}

  async prepare(): Promise<void> {
    await this.documents.ensureIndexes(IMPORTED_RECORDS, importedRecordIndexes);
  }

  /** Every record of a source, by key, with the index references into it resolve through. */
  async load(source: string): Promise<{ records: Map<string, ImportedRecord>; index: PackageIndex }> {
    const records = new Map<string, ImportedRecord>();
    const index = emptyIndex();
    const all = await this.documents.collection<ImportedRecord>(IMPORTED_RECORDS).find({ source }, { limit: 10_000_000 });
    for (const record of all) {
      records.set(recordKey(source, record.file, record.sourcedId), record);
      if (record.deleted) continue;
      const facts = record.facts as Record<string, unknown>;
      switch (record.file) {
        case 'orgs': index.orgs.set(record.sourcedId, facts as { kind: OrgKind; parent: string | null }); break;
        case 'academicSessions': index.academicSessions.set(record.sourcedId, facts as { type: string; parent: string | null; startDate: string }); break;
        case 'courses': index.courses.set(record.sourcedId, facts as { title: string; subjects: string[] }); break;
        case 'classes': index.classes.set(record.sourcedId, String(facts.school)); break;
        case 'users': index.users.set(record.sourcedId, facts.user as UserKind); break;
        default: break;
      }
    }
    return { records, index };
  }

  async save(records: ImportedRecord[]): Promise<void> {
    if (records.length === 0) return;
    await this.documents.transaction(async (tx) => {
      const collection = tx.collection<ImportedRecord>(IMPORTED_RECORDS);
      for (const record of records) await collection.put(recordKey(record.source, record.file, record.sourcedId), record);
    });
  }
}
