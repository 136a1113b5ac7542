import { IssueLog } from '../oneroster/oneroster.issues';
import { ClaimsCsvKind } from './claims-csv.formats';

/** One row of a claims file, its values checked and typed. */
export type ClaimsCsvRow =
  | { kind: 'payer-response'; line: number; reference: string; outcome: 'paid' | 'unpaid'; reason?: string }
  | { kind: 'sampling'; line: number; reference: string; reason: string }
  | { kind: 'provider-response'; line: number; reference: string; trn: string; fullName: string; hours: number; accepted: boolean; reason?: string }
  | { kind: 'clawback-response'; line: number; reference: string };

const REFERENCE = /^\d{8}$/;
const TRN = /^\d{7}$/;
const MAX_REASON = 2000;
const ACCEPTED: Record<string, boolean> = { yes: true, true: true, no: false, false: false };

/**
 * Checks one row's values (the header has been checked): every problem of the row is an issue on
 * its line, and the row is returned only when it has none.
 */
export function readClaimsRow(kind: ClaimsCsvKind, file: string, line: number, values: Record<string, string>, issues: IssueLog): ClaimsCsvRow | null {
  const before = issues.errors;
  const value = (field: string) => (values[field] ?? '').trim();
  const error = (field: string, code: string, message: string) => issues.error(file, line, field, code, message);
  const reason = (field: string, required: boolean): string | undefined => {
    const text = value(field);
    if (text.length > MAX_REASON) error(field, 'ValueTooLong', `${field} is at most ${MAX_REASON} characters.`);
    if (required && text === '') error(field, 'ReasonRequired', `${field} is required here.`);
    return text === '' ? undefined : text;
  };
  const reference = value('claim_reference');
  if (!REFERENCE.test(reference)) error('claim_reference', 'InvalidClaimReference', `claim_reference must be the claim's 8 digits, not "${reference}".`);

  let row: ClaimsCsvRow;
  switch (kind) {
    case 'payer-response': {
      const status = value('claim_status').toLowerCase();
      if (status !== 'paid' && status !== 'unpaid') error('claim_status', 'InvalidValue', `claim_status must be paid or unpaid, not "${value('claim_status')}".`);
      const outcome = status === 'unpaid' ? 'unpaid' : 'paid';
      const unpaidReason = reason('claim_unpaid_reason', outcome === 'unpaid');
      if (outcome === 'paid' && unpaidReason !== undefined) issues.warning(file, line, 'claim_unpaid_reason', 'ValueIgnored', 'A paid claim has no unpaid reason; it is not recorded.');
      row = { kind, line, reference, outcome, ...(outcome === 'unpaid' && unpaidReason !== undefined ? { reason: unpaidReason } : {}) };
      break;
    }
    case 'sampling':
      row = { kind, line, reference, reason: reason('sample_reason', true) ?? '' };
      break;
    case 'provider-response': {
      const trn = value('mentor_trn');
      if (!TRN.test(trn)) error('mentor_trn', 'InvalidTrn', `mentor_trn must be 7 digits, not "${trn}".`);
      const hoursText = value('mentor_hours_of_training');
      const hours = /^\d{1,4}$/.test(hoursText) ? Number(hoursText) : NaN;
      if (!(hours > 0)) error('mentor_hours_of_training', 'InvalidValue', `mentor_hours_of_training must be a whole number of hours above 0, not "${hoursText}".`);
      const acceptedText = value('claim_accepted').toLowerCase();
      const accepted = ACCEPTED[acceptedText];
      if (accepted === undefined) error('claim_accepted', 'InvalidValue', `claim_accepted must be yes, no, true or false, not "${value('claim_accepted')}".`);
      const rejection = reason('rejection_reason', accepted === false);
      row = { kind, line, reference, trn, fullName: value('mentor_full_name'), hours, accepted: accepted === true, ...(accepted === false && rejection !== undefined ? { reason: rejection } : {}) };
      break;
    }
    case 'clawback-response': {
      const status = value('claim_status').toLowerCase();
      if (status !== 'clawback_complete') error('claim_status', 'InvalidValue', `claim_status must be clawback_complete, not "${value('claim_status')}".`);
      row = { kind, line, reference };
      break;
    }
  }
  return issues.errors === before ? row : null;
}

/** What makes two rows of a file the same row: a claim once, or (provider responses) a claim's mentor once. */
export const rowKey = (row: ClaimsCsvRow): string => (row.kind === 'provider-response' ? `${row.reference}|${row.trn}` : row.reference);

/** Rows that repeat an earlier row's claim (or claim and mentor) are errors on their own line; the others are returned. */
export function withoutDuplicates(rows: ClaimsCsvRow[], file: string, issues: IssueLog): ClaimsCsvRow[] {
  const first = new Map<string, number>();
  return rows.filter((row) => {
    const key = rowKey(row);
    const seen = first.get(key);
    if (seen === undefined) {
      first.set(key, row.line);
      return true;
    }
    issues.error(file, row.line, row.kind === 'provider-response' ? 'mentor_trn' : 'claim_reference', 'DuplicateRow', `Line ${seen} is already about this ${row.kind === 'provider-response' ? "claim's mentor" : 'claim'}.`);
    return false;
  });
}
