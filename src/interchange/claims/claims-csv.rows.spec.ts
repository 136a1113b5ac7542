import { IssueLog } from '../oneroster/oneroster.issues';
import { ClaimsCsvKind } from './claims-csv.formats';
import { ClaimsCsvRow, readClaimsRow, withoutDuplicates } from './claims-csv.rows';

const read = (kind: ClaimsCsvKind, values: Record<string, string>, line = 2) => {
  const issues = new IssueLog();
  const row = readClaimsRow(kind, 'f.csv', line, values, issues);
  return { row, found: issues.items.map((i) => `${i.severity} ${i.line} ${i.field} ${i.code}`) };
};
const REF = '12345678';

describe('claims CSV rows: each value checked, every problem an issue on the row\'s line', () => {
  describe('payer response', () => {
    it('paid and unpaid (with its reason) become the outcome; status words are not case-sensitive', () => {
      expect(read('payer-response', { claim_reference: REF, claim_status: 'paid', claim_unpaid_reason: '' })).toEqual({ row: { kind: 'payer-response', line: 2, reference: REF, outcome: 'paid' }, found: [] });
      expect(read('payer-response', { claim_reference: REF, claim_status: 'Unpaid', claim_unpaid_reason: ' No bank details ' }).row).toEqual({
        kind: 'payer-response', line: 2, reference: REF, outcome: 'unpaid', reason: 'No bank details',
      });
    });

    it('unpaid without a reason, another status and a reference that is not 8 digits are errors', () => {
      expect(read('payer-response', { claim_reference: REF, claim_status: 'unpaid', claim_unpaid_reason: '  ' })).toEqual({ row: null, found: ['error 2 claim_unpaid_reason ReasonRequired'] });
      expect(read('payer-response', { claim_reference: '1234567', claim_status: 'settled', claim_unpaid_reason: '' }).found).toEqual([
        'error 2 claim_reference InvalidClaimReference',
        'error 2 claim_status InvalidValue',
      ]);
    });

    it('a paid row with a reason is a warning: the reason is not recorded', () => {
      expect(read('payer-response', { claim_reference: REF, claim_status: 'paid', claim_unpaid_reason: 'late' })).toEqual({
        row: { kind: 'payer-response', line: 2, reference: REF, outcome: 'paid' },
        found: ['warning 2 claim_unpaid_reason ValueIgnored'],
      });
    });
  });

  it('sampling needs a reason of at most 2000 characters', () => {
    expect(read('sampling', { claim_reference: REF, sample_reason: 'Random' }).row).toEqual({ kind: 'sampling', line: 2, reference: REF, reason: 'Random' });
    expect(read('sampling', { claim_reference: REF, sample_reason: '' }).found).toEqual(['error 2 sample_reason ReasonRequired']);
    expect(read('sampling', { claim_reference: REF, sample_reason: 'x'.repeat(2001) }).found).toEqual(['error 2 sample_reason ValueTooLong']);
  });

  describe('provider response', () => {
    const row = (values: Record<string, string>) =>
      read('provider-response', { claim_reference: REF, mentor_trn: '1234567', mentor_full_name: 'Ann Lee', mentor_hours_of_training: '6', claim_accepted: 'yes', rejection_reason: '', ...values });

    it.each([['yes', true], ['YES', true], ['true', true], ['no', false], ['False', false]])('claim_accepted %s is %s', (text, accepted) => {
      expect(row({ claim_accepted: text, rejection_reason: 'Not seen' }).row).toMatchObject({ accepted, trn: '1234567', hours: 6, fullName: 'Ann Lee' });
    });

    it('a mentor not accepted needs a reason; an accepted one keeps none', () => {
      expect(row({ claim_accepted: 'no' }).found).toEqual(['error 2 rejection_reason ReasonRequired']);
      expect(row({ claim_accepted: 'yes', rejection_reason: 'ignored' }).row).not.toHaveProperty('reason');
    });

    it('TRN of 7 digits, whole hours above 0 and a yes/no answer, or errors', () => {
      expect(row({ mentor_trn: '12345', mentor_hours_of_training: '2.5', claim_accepted: 'maybe' }).found).toEqual([
        'error 2 mentor_trn InvalidTrn',
        'error 2 mentor_hours_of_training InvalidValue',
        'error 2 claim_accepted InvalidValue',
      ]);
      expect(row({ mentor_hours_of_training: '0' }).found).toEqual(['error 2 mentor_hours_of_training InvalidValue']);
    });
  });

  it('clawback response: only clawback_complete', () => {
    expect(read('clawback-response', { claim_reference: REF, claim_status: 'clawback_complete' }).row).toEqual({ kind: 'clawback-response', line: 2, reference: REF });
    expect(read('clawback-response', { claim_reference: REF, claim_status: 'paid' }).found).toEqual(['error 2 claim_status InvalidValue']);
  });

  it('a row repeating a claim (or, for provider responses, a claim and a mentor) is an error naming the first line', () => {
    const issues = new IssueLog();
    const rows: ClaimsCsvRow[] = [
      { kind: 'sampling', line: 2, reference: REF, reason: 'a' },
      { kind: 'sampling', line: 3, reference: '87654321', reason: 'b' },
      { kind: 'sampling', line: 4, reference: REF, reason: 'c' },
    ];
    expect(withoutDuplicates(rows, 'f.csv', issues).map((r) => r.line)).toEqual([2, 3]);
    expect(issues.items).toEqual([{ file: 'f.csv', line: 4, field: 'claim_reference', code: 'DuplicateRow', message: 'Line 2 is already about this claim.', severity: 'error' }]);
    const mentor = (line: number, trn: string): ClaimsCsvRow => ({ kind: 'provider-response', line, reference: REF, trn, fullName: '', hours: 1, accepted: true });
    expect(withoutDuplicates([mentor(2, '1111111'), mentor(3, '2222222'), mentor(4, '1111111')], 'f.csv', new IssueLog()).map((r) => r.line)).toEqual([2, 3]);
  });
});
