import { project } from '../../test/support/projector-spec';
import type { ClaimEvent } from '../../src/claims/claim.events';
import type { OrganisationEvent } from '../../src/organisations/organisation.events';
import { claimPaymentsProjection } from './claim-payments.projector';
import { CLAIM_PAYMENT_ORGANISATIONS, CLAIM_PAYMENTS } from './claim-payments.read-model';
import { clawbacks, paymentRows, windowPayments } from './claim-payments.queries';

type Given = (ClaimEvent | OrganisationEvent) & { streamId: string };
const organisation = (organisationId: string, type: 'district' | 'trust' | 'school' | 'provider', name: string, more: object = {}): Given => ({
  streamId: `organisation-${organisationId}`, type: 'OrganisationRegistered', data: { organisationId, type, name, ...more },
});
const claimEvents = (claimId: string, reference: string, schoolId: string, amountPence: number, later: ClaimEvent[] = []): Given[] =>
  [
    { type: 'ClaimDrafted', data: { claimId, reference, revision: 1, schoolId, providerId: 'p-1', academicYearId: 'y-1', mentorTrainings: [{ mentorId: 'm-1', hours: 5, trainingType: 'initial' }] } } as ClaimEvent,
    { type: 'ClaimSubmitted', data: { claimId, claimWindowId: 'w-1', submittedAt: '2026-10-01T10:00:00.000Z', submittedBy: 'u-1', fundingRegion: 'fringe', ratePence: 4510, amountPence } } as ClaimEvent,
    ...later,
  ].map((event) => ({ ...event, streamId: `claim-${claimId}` }));

const events: Given[] = [
  organisation('d-1', 'district', 'Lambeth'),
  organisation('t-1', 'trust', 'Oak Trust'),
  organisation('s-1', 'school', 'Alder School', { parentId: 'd-1', identifiers: { urn: '100001' } }),
  organisation('s-2', 'school', 'Birch Academy', { parentId: 't-1' }),
  organisation('p-1', 'provider', 'Provider One'),
  ...claimEvents('c-2', '20000000', 's-2', 1000, [
    { type: 'ClaimPaymentRequested', data: { claimId: 'c-2', claimWindowId: 'w-1' } },
    { type: 'ClaimPaymentInformationRequested', data: { claimId: 'c-2', reason: 'No bank details' } },
  ]),
  ...claimEvents('c-1', '10000000', 's-1', 22550, [
    { type: 'ClaimPaymentRequested', data: { claimId: 'c-1', claimWindowId: 'w-1' } },
    { type: 'ClaimPaid', data: { claimId: 'c-1' } },
    { type: 'ClaimClawbackRequested', data: { claimId: 'c-1', mentors: [], amountPence: 4510, requestedBy: 'u-2' } },
    { type: 'ClaimClawbackApproved', data: { claimId: 'c-1', approvedBy: 'u-3' } },
  ]),
  ...claimEvents('c-3', '30000000', 's-1', 500, [{ type: 'ClaimDeleted', data: { claimId: 'c-3', previousStatus: 'submitted' } }]),
  { streamId: 'organisation-s-1', type: 'OrganisationUpdated', data: { organisationId: 's-1', name: 'Alder Primary' } },
];

const rows = async (documents: Parameters<typeof paymentRows>[0], filter: Parameters<typeof paymentRows>[1], organisations: string[] | null = null) => {
  const found = [];
  for await (const row of paymentRows(documents, filter, organisations)) found.push(row);
  return found;
};

describe('claim-payments projector and its files', () => {
  it('a window\'s payments: by reference, deleted claims left out, names as they are now, the local authority or group from the school\'s parent', async () => {
    const given = await project(claimPaymentsProjection, events);
    expect(await rows(given.documents, windowPayments('w-1'))).toEqual([
      {
        claim_reference: '10000000', school_urn: '100001', school_name: 'Alder Primary', school_local_authority: 'Lambeth', provider_name: 'Provider One', claim_amount: '225.50',
        school_type_of_establishment: '', school_group: '', claim_submission_date: '2026-10-01T10:00:00.000Z', claim_status: 'clawback_requested', claim_unpaid_reason: '', clawback_amount: '45.10',
      },
      {
        claim_reference: '20000000', school_urn: '', school_name: 'Birch Academy', school_local_authority: '', provider_name: 'Provider One', claim_amount: '10.00',
        school_type_of_establishment: '', school_group: 'Oak Trust', claim_submission_date: '2026-10-01T10:00:00.000Z', claim_status: 'payment_information_requested', claim_unpaid_reason: 'No bank details', clawback_amount: '',
      },
    ]);
    expect((await rows(given.documents, clawbacks())).map((r) => r.claim_reference)).toEqual(['10000000']);
    expect((await rows(given.documents, windowPayments('w-1'), ['t-9', 's-2'])).map((r) => r.claim_reference)).toEqual(['20000000']);
    await given.close();
  });

  it('reads a window larger than a page, in reference order', async () => {
    const many: Given[] = [organisation('s-1', 'school', 'Alder'), organisation('p-1', 'provider', 'P')];
    for (let i = 0; i < 1203; i++) many.push(...claimEvents(`c-${i}`, String(10_000_000 + ((i * 7919) % 90_000_000)), 's-1', 100));
    const given = await project(claimPaymentsProjection, many);
    const references = (await rows(given.documents, windowPayments('w-1'))).map((r) => r.claim_reference);
    expect(references).toHaveLength(1203);
    expect(references).toEqual([...references].sort());
    await given.close();
  });

  it('the same events delivered twice change nothing', async () => {
    const given = await project(claimPaymentsProjection, events);
    const before = [await given.all(CLAIM_PAYMENTS), await given.all(CLAIM_PAYMENT_ORGANISATIONS)];
    await given.replayed();
    expect([await given.all(CLAIM_PAYMENTS), await given.all(CLAIM_PAYMENT_ORGANISATIONS)]).toEqual(before);
    await given.close();
  });
});
