import { Inject, Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { DOCUMENT_STORE, DocumentStore, Filter } from '../read-store/document-store.port';
import { findPage, Page } from '../read-store/find-page';
import { newId } from '../shared/ids';

/** One read of a student's personal data (API.md `GET /v1/audit/disclosures`). */
export interface Disclosure extends Record<string, unknown> {
  at: string;
  token: string;
  actingUserId: string | null;
  studentId: string;
  endpoint: string;
}

/** Not a projection: never rebuilt or swapped; kept beside the read models, like `_snapshots`. */
export const DISCLOSURES = '_disclosures';
const FLUSH_MS = 200;
const FLUSH_AT = 500;

/**
 * The record of disclosures. A read adds an entry in memory; entries are written in batches (one
 * transaction every FLUSH_MS, or sooner when FLUSH_AT are waiting), so recording costs a read
 * almost nothing. Queries and shutdown write what is waiting first.
 */
@Injectable()
export class DisclosureLog implements OnModuleInit, OnApplicationShutdown {
  private pending: Disclosure[] = [];
  private timer: NodeJS.Timeout | null = null;
  private writing: Promise<void> = Promise.resolve();
  private readonly logger = new Logger('disclosures');

  constructor(@Inject(DOCUMENT_STORE) private readonly documents: DocumentStore) {}

  async onModuleInit(): Promise<void> {
    await this.documents.ensureIndexes(DISCLOSURES, [{ fields: [['studentId', 1], ['at', 1]] }, { fields: [['at', 1]] }]);
  }

  record(entry: Disclosure): void {
    this.pending.push(entry);
    if (this.pending.length >= FLUSH_AT) void this.flush();
    else this.timer ??= setTimeout(() => void this.flush(), FLUSH_MS);
  }

  /** Writes every entry recorded so far. */
  flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const batch = this.pending;
    this.pending = [];
    this.writing = this.writing.then(async () => {
      if (batch.length === 0) return;
      try {
        // Ids are UUIDv7: in the order the reads happened.
        await this.documents.transaction(async (tx) => {
          const collection = tx.collection<Disclosure>(DISCLOSURES);
          for (const entry of batch) await collection.put(newId(), entry);
        });
      } catch (error) {
        this.pending.unshift(...batch);
        this.logger.error(`Writing ${batch.length} disclosures failed; they are kept for the next write: ${error instanceof Error ? error.message : String(error)}`);
      }
    });
    return this.writing;
  }

  async find(query: { studentId?: string; from?: string; to?: string }, paging: { limit: number; offset: number }): Promise<Page<Disclosure>> {
    await this.flush();
    const filter: Filter = {};
    if (query.studentId) filter.studentId = query.studentId;
    if (query.from || query.to) filter.at = { ...(query.from ? { $gte: query.from } : {}), ...(query.to ? { $lt: query.to } : {}) };
    return findPage<Disclosure>(this.documents, DISCLOSURES, filter, [['at', 1]], paging);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.flush();
  }
}
