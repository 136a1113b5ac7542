import { IssueLog } from '../oneroster/oneroster.issues';
import { ClaimsCsvKind } from './claims-csv.formats';
import { ClaimFact, importKey, planClaim } from './claims-csv.plan';
import { ClaimsCsvRow } from './claims-csv.rows';

const REF = '12345678';

describe('claims CSV plan: a claim\'s rows become its command, or are unchanged, or are refused', () => {
  const fact = (over: Partial<ClaimFact> = {}): ClaimFact => ({
    claimId: 'c-1', reference: REF, status: 'payment_in_progress',
    mentors: [{ mentorId: 'm-1', trn: '1111111', hours: 10 }, { mentorId: 'm-2', trn: '2222222', hours: 5 }], appliedKeys: new Set(), ...over,
  });
  const paid: ClaimsCsvRow = { kind: 'payer-response', line: 2, reference: REF, outcome: 'paid' };
  const plan = (kind: ClaimsCsvKind, rows: ClaimsCsvRow[], claim: ClaimFact) => {
    const issues = new IssueLog();
    return { plan: planClaim(kind, rows, claim, 'f.csv', issues), found: issues.items.map((i) => `${i.severity} ${i.line} ${i.code}`) };
  };

  it('a payer row in payment_in_progress is RecordClaimPaymentResponse, keyed by its content (not its line)', () => {
    const { plan: planned } = plan('payer-response', [paid], fact());
    expect(planned).toEqual({ outcome: 'apply', command: { name: 'RecordClaimPaymentResponse', body: { claimId: 'c-1', outcome: 'paid' }, idempotencyKey: importKey('payer-response', [paid]), lines: [2] } });
    expect(importKey('payer-response', [{ ...paid, line: 9 }])).toBe(importKey('payer-response', [paid]));
    expect(importKey('payer-response', [{ ...paid, outcome: 'unpaid', reason: 'x' }])).not.toBe(importKey('payer-response', [paid]));
  });

  it('rows whose key the claim\'s stream already has are unchanged, whatever the status now', () => {
    expect(plan('payer-response', [paid], fact({ status: 'paid', appliedKeys: new Set([importKey('payer-response', [paid])]) })).plan).toEqual({ outcome: 'unchanged', lines: [2] });
  });

  it('a claim in another status is InvalidClaimTransition on each of its rows', () => {
    expect(plan('payer-response', [paid], fact({ status: 'paid' }))).toEqual({ plan: { outcome: 'invalid' }, found: ['error 2 InvalidClaimTransition'] });
    expect(plan('clawback-response', [{ kind: 'clawback-response', line: 5, reference: REF }], fact({ status: 'clawback_requested' })).found).toEqual(['error 5 InvalidClaimTransition']);
  });

  describe('provider response (rule 7)', () => {
    const mentorRow = (line: number, trn: string, accepted: boolean, hours = 10): ClaimsCsvRow => ({
      kind: 'provider-response', line, reference: REF, trn, fullName: 'M', hours, accepted, ...(accepted ? {} : { reason: 'No record' }),
    });
    const sampling = fact({ status: 'sampling_in_progress' });

    it('every mentor by TRN becomes one RecordProviderSamplingResponse', () => {
      const { plan: planned, found } = plan('provider-response', [mentorRow(2, '1111111', true), mentorRow(3, '2222222', false, 5)], sampling);
      expect(found).toEqual([]);
      expect(planned).toMatchObject({
        outcome: 'apply',
        command: { name: 'RecordProviderSamplingResponse', body: { claimId: 'c-1', mentors: [{ mentorId: 'm-1', accepted: true }, { mentorId: 'm-2', accepted: false, reason: 'No record' }] }, lines: [2, 3] },
      });
    });

    it('a TRN not on the claim, and a mentor of the claim without a row, are errors', () => {
      expect(plan('provider-response', [mentorRow(2, '1111111', true), mentorRow(3, '9999999', true)], sampling)).toEqual({
        plan: { outcome: 'invalid' },
        found: ['error 3 UnknownMentor', 'error 2 MentorMissing'],
      });
    });

    it('hours that differ from the claim are a warning, not a refusal', () => {
      const { plan: planned, found } = plan('provider-response', [mentorRow(2, '1111111', true, 9), mentorRow(3, '2222222', true, 5)], sampling);
      expect(planned.outcome).toBe('apply');
      expect(found).toEqual(['warning 2 HoursDiffer']);
    });
  });
});
