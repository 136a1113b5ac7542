import { ImportIssue } from './oneroster.issues';

export type ImportStatus = 'validating' | 'applying' | 'done' | 'rejected' | 'failed';

export interface FileCounts {
  created: number;
  updated: number;
  deleted: number;
  unchanged: number;
  ignored: number;
  failed: number;
}

/** What `GET /v1/imports/{id}` answers and the command line prints (API.md "Imports and exports"). */
export interface ImportReport {
  importId: string;
  /** `oneroster`, or `claims/<kind>` for a claims file. */
  kind: 'oneroster' | `claims/${string}`;
  status: ImportStatus;
  dryRun: boolean;
  source: string | null;
  progress: { done: number; total: number };
  counts: Record<string, FileCounts>;
  issues: ImportIssue[];
  /** More issues were found than the report lists. */
  issuesTruncated: boolean;
  correlationId: string;
  /** The log position after the import's last event (for `minPosition`), or null when it appended nothing. */
  position: string | null;
}

export const emptyCounts = (): FileCounts => ({ created: 0, updated: 0, deleted: 0, unchanged: 0, ignored: 0, failed: 0 });

/** Moves the report's position on to an append's, if later: commands in flight finish in any order. */
export function advancePosition(report: ImportReport, position: bigint | null): void {
  if (position !== null && (report.position === null || position > BigInt(report.position))) report.position = position.toString();
}
