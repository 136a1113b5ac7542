import { createHash } from 'node:crypto';
import { ALLOWED_FROM } from '../../claims/claim.policy';
import { ClaimStatus } from '../../claims/claim.events';
import { IssueLog } from '../oneroster/oneroster.issues';
import { CLAIMS_CSV_COMMANDS, ClaimsCsvKind } from './claims-csv.formats';
import { ClaimsCsvRow } from './claims-csv.rows';

/** What the import needs to know of a claim, from its own stream. */
export interface ClaimFact {
  claimId: string;
  reference: string;
  status: ClaimStatus;
  mentors: { mentorId: string; trn: string | null; hours: number }[];
  /** Idempotency keys of the commands already appended to the claim (whoever sent them). */
  appliedKeys: ReadonlySet<string>;
}

export interface PlannedCommand {
  name: (typeof CLAIMS_CSV_COMMANDS)[ClaimsCsvKind];
  body: Record<string, unknown>;
  /** Derived from the rows' content: the same rows make the same key, so a second import finds them applied. */
  idempotencyKey: string;
  lines: number[];
}

export type ClaimPlan = { outcome: 'apply'; command: PlannedCommand } | { outcome: 'unchanged'; lines: number[] } | { outcome: 'invalid' };

/** The idempotency key of a claim's rows: the kind and the rows' values, not their lines. */
export function importKey(kind: ClaimsCsvKind, rows: ClaimsCsvRow[]): string {
  const content = rows.map(({ line: _line, ...values }) => JSON.stringify(values)).sort();
  return `claims-csv:${kind}:${createHash('sha256').update(content.join('\n')).digest('hex').slice(0, 40)}`;
}

/**
 * The command one claim's rows stand for, or why they cannot be applied. Rows already applied (their
 * key is in the claim's stream) are unchanged; otherwise the claim must be in the status the command
 * starts from, and a provider response must name each of the claim's mentors once, by TRN.
 */
export function planClaim(kind: ClaimsCsvKind, rows: ClaimsCsvRow[], claim: ClaimFact, file: string, issues: IssueLog): ClaimPlan {
  const lines = rows.map((r) => r.line);
  const idempotencyKey = importKey(kind, rows);
  if (claim.appliedKeys.has(idempotencyKey)) return { outcome: 'unchanged', lines };
  const name = CLAIMS_CSV_COMMANDS[kind];
  const from = ALLOWED_FROM[name];
  if (!from.includes(claim.status)) {
    for (const line of lines) {
      issues.error(file, line, 'claim_reference', 'InvalidClaimTransition', `Claim ${claim.reference} is ${claim.status}; ${name} needs it ${from.join(' or ')}.`);
    }
    return { outcome: 'invalid' };
  }
  const body = commandBody(rows, claim, file, issues);
  return body ? { outcome: 'apply', command: { name, body, idempotencyKey, lines } } : { outcome: 'invalid' };
}

function commandBody(rows: ClaimsCsvRow[], claim: ClaimFact, file: string, issues: IssueLog): Record<string, unknown> | null {
  const claimId = claim.claimId;
  const row = rows[0];
  switch (row.kind) {
    case 'payer-response':
      return { claimId, outcome: row.outcome, ...(row.reason !== undefined ? { reason: row.reason } : {}) };
    case 'sampling':
      return { claimId, reason: row.reason };
    case 'clawback-response':
      return { claimId };
    case 'provider-response':
      return providerResponse(rows, claim, file, issues);
  }
}

/** Rule 7: the provider answers for every mentor of the claim, found by TRN. */
function providerResponse(rows: ClaimsCsvRow[], claim: ClaimFact, file: string, issues: IssueLog): Record<string, unknown> | null {
  const before = issues.errors;
  const mentors: { mentorId: string; accepted: boolean; reason?: string }[] = [];
  for (const row of rows) {
    if (row.kind !== 'provider-response') continue;
    const mentor = claim.mentors.find((m) => m.trn === row.trn);
    if (!mentor) {
      issues.error(file, row.line, 'mentor_trn', 'UnknownMentor', `No mentor of claim ${claim.reference} has TRN ${row.trn}.`);
      continue;
    }
    if (mentor.hours !== row.hours) {
      issues.warning(file, row.line, 'mentor_hours_of_training', 'HoursDiffer', `The claim has ${mentor.hours} hours for this mentor; the file's ${row.hours} are not recorded.`);
    }
    mentors.push({ mentorId: mentor.mentorId, accepted: row.accepted, ...(row.reason !== undefined ? { reason: row.reason } : {}) });
  }
  const answered = new Set(mentors.map((m) => m.mentorId));
  const missing = claim.mentors.filter((m) => !answered.has(m.mentorId));
  if (missing.length) {
    issues.error(file, rows[0].line, 'mentor_trn', 'MentorMissing', `Claim ${claim.reference} has ${missing.length} more mentor(s) without a row (TRN ${missing.map((m) => m.trn ?? '?').join(', ')}); the provider answers for every mentor.`);
  }
  return issues.errors === before ? { claimId: claim.claimId, mentors } : null;
}
