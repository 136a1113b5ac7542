import { project } from '../../test/support/projector-spec';
import type { ClaimEvent } from '../../src/claims/claim.events';
import type { MentorAllowanceEvent } from '../../src/mentor-allowances/mentor-allowance.events';
import type { DocumentStore } from '../../src/read-store/document-store.port';
import { claimsProjection } from './claims.projector';
import { CLAIMS, MENTOR_ALLOWANCES } from './claims.read-model';
import { listClaims, mentorAllowances, windowTotals } from './claims.queries';

const content = { schoolId: 's-1', providerId: 'p-1', academicYearId: 'y-2025', mentorTrainings: [{ mentorId: 'm-1', hours: 10, trainingType: 'initial' as const }] };
const claim = (claimId: string, at: string, extra: ClaimEvent[] = []): (ClaimEvent & { streamId: string; occurredAt: string })[] =>
  [{ type: 'ClaimDrafted', data: { claimId, reference: `0000000${claimId.slice(-1)}`, revision: 1, ...content } } as ClaimEvent, ...extra].map((event) => ({
    ...event,
    streamId: `claim-${claimId}`,
    occurredAt: at,
  }));
const submitted = (claimId: string, amountPence: number): ClaimEvent => ({
  type: 'ClaimSubmitted',
  data: { claimId, claimWindowId: 'w-1', submittedAt: '2025-10-01T10:00:00.000Z', submittedBy: 'u-school', fundingRegion: 'rest_of_england', ratePence: 4380, amountPence },
});
const allowance = (hoursUsed: number): MentorAllowanceEvent & { streamId: string } => ({
  streamId: 'mentor-allowance-m-1.p-1.y-2025',
  type: 'MentorAllowanceReserved',
  data: {
    mentorId: 'm-1', providerId: 'p-1', academicYearId: 'y-2025', claimId: 'c-1', claimRevision: 0, claimEventId: 'e', hours: hoursUsed, trainingType: 'initial',
    reservedAt: '2025-10-01T09:00:00.000Z', allowanceHours: 16, hoursUsed, hoursRemaining: 16 - hoursUsed,
  },
});

const events = [
  ...claim('c-1', '2025-10-01T09:00:00.000Z', [
    { type: 'ClaimRevised', data: { claimId: 'c-1', revision: 2, ...content, mentorTrainings: [{ mentorId: 'm-1', hours: 12, trainingType: 'initial' }] } },
    submitted('c-1', 12 * 4380),
    { type: 'ClaimPaymentRequested', data: { claimId: 'c-1', claimWindowId: 'w-1' } },
    { type: 'ClaimPaid', data: { claimId: 'c-1' } },
  ]),
  ...claim('c-2', '2025-10-02T09:00:00.000Z', [submitted('c-2', 10 * 4380)]),
  ...claim('c-3', '2025-10-03T09:00:00.000Z', [submitted('c-3', 10 * 4380), { type: 'ClaimDeleted', data: { claimId: 'c-3', previousStatus: 'submitted' } }]),
  ...claim('c-4', '2025-10-04T09:00:00.000Z'),
  allowance(10),
  allowance(12),
];

const paging = { limit: 100, offset: 0 };

describe('claims projector', () => {
  it('keeps each claim as it is now, with its submission stamp', async () => {
    const given = await project(claimsProjection, events);
    expect(await given.get(CLAIMS, 'c-1')).toEqual({
      claimId: 'c-1', reference: '00000001', status: 'paid', schoolId: 's-1', providerId: 'p-1', academicYearId: 'y-2025', claimWindowId: 'w-1',
      mentorTrainings: [{ mentorId: 'm-1', hours: 12, trainingType: 'initial' }], revision: 2, ratePence: 4380, amountPence: 12 * 4380, clawback: null,
      submittedAt: '2025-10-01T10:00:00.000Z', submittedBy: 'u-school', createdAt: '2025-10-01T09:00:00.000Z', updatedAt: '2025-10-01T09:00:00.000Z',
    });
    await given.close();
  });

  it('lists newest first, filtered, and totals a window per status', async () => {
    const given = await project(claimsProjection, events);
    const documents: DocumentStore = given.documents;
    expect((await listClaims(documents, {}, paging)).items.map((c) => c.claimId)).toEqual(['c-4', 'c-3', 'c-2', 'c-1']);
    expect(await listClaims(documents, { claimWindowId: 'w-1', status: 'submitted' }, paging)).toMatchObject({ items: [{ claimId: 'c-2' }], total: 1 });
    expect(await windowTotals(documents, 'w-1')).toEqual({
      claimWindowId: 'w-1',
      count: 3,
      amountPence: 32 * 4380,
      statuses: [
        { status: 'submitted', count: 1, amountPence: 10 * 4380, clawbackAmountPence: 0 },
        { status: 'paid', count: 1, amountPence: 12 * 4380, clawbackAmountPence: 0 },
        { status: 'deleted', count: 1, amountPence: 10 * 4380, clawbackAmountPence: 0 },
      ],
    });
    await given.close();
  });

  it('shows each allowance with the figures of its latest event', async () => {
    const given = await project(claimsProjection, events);
    expect(await given.get(MENTOR_ALLOWANCES, 'm-1|p-1|y-2025')).toMatchObject({ allowanceHours: 16, hoursUsed: 12, hoursRemaining: 4 });
    expect(await mentorAllowances(given.documents, 'm-1', 'y-2025')).toHaveLength(1);
    expect(await mentorAllowances(given.documents, 'm-1', 'y-2024')).toHaveLength(0);
    await given.close();
  });

  it('the same events delivered twice change nothing', async () => {
    const given = await project(claimsProjection, events);
    const before = [await given.all(CLAIMS), await given.all(MENTOR_ALLOWANCES)];
    await given.replayed();
    expect([await given.all(CLAIMS), await given.all(MENTOR_ALLOWANCES)]).toEqual(before);
    await given.close();
  });
});
