import { project } from '../../test/support/projector-spec';
import type { ClaimEvent } from '../../src/claims/claim.events';
import { claimHistoryProjection } from './claim-history.projector';
import { claimHistory } from './claim-history.queries';
import { CLAIM_REVISIONS, CLAIM_TIMELINE } from './claim-history.read-model';

const content = { schoolId: 's-1', providerId: 'p-1', academicYearId: 'y-2025' };
const events: (ClaimEvent & { streamId: string; occurredAt: string })[] = (
  [
    { type: 'ClaimDrafted', data: { claimId: 'c-1', reference: '12345678', revision: 1, ...content, mentorTrainings: [{ mentorId: 'm-1', hours: 10, trainingType: 'initial' }] } },
    {
      type: 'ClaimRevised',
      data: { claimId: 'c-1', revision: 2, ...content, mentorTrainings: [{ mentorId: 'm-1', hours: 12, trainingType: 'initial' }, { mentorId: 'm-2', hours: 4, trainingType: 'initial' }] },
    },
    { type: 'ClaimRevised', data: { claimId: 'c-1', revision: 3, ...content, providerId: 'p-2', mentorTrainings: [{ mentorId: 'm-2', hours: 4, trainingType: 'initial' }] } },
    {
      type: 'ClaimSubmitted',
      data: { claimId: 'c-1', claimWindowId: 'w-1', submittedAt: '2025-10-01T09:03:00.000Z', submittedBy: 'u-school', fundingRegion: 'fringe', ratePence: 4510, amountPence: 4 * 4510 },
    },
    { type: 'ClaimPaymentRequested', data: { claimId: 'c-1', claimWindowId: 'w-1' } },
    { type: 'ClaimPaymentInformationRequested', data: { claimId: 'c-1', reason: 'Bank details missing' } },
  ] as ClaimEvent[]
).map((event, i) => ({ ...event, streamId: 'claim-c-1', occurredAt: `2025-10-01T09:0${i}:00.000Z` }));

describe('claim-history projector', () => {
  it('keeps every content revision with its per-field changes and every status change with its reason', async () => {
    const given = await project(claimHistoryProjection, events);
    const history = await claimHistory(given.documents, 'c-1');
    expect(history?.reference).toBe('12345678');
    expect(history?.revisions.map((r) => [r.revision, r.event, r.changes])).toEqual([
      [1, 'ClaimDrafted', []],
      [2, 'ClaimRevised', [
        { path: 'mentorTrainings[m-1].hours', from: 10, to: 12 },
        { path: 'mentorTrainings[m-2]', from: null, to: { hours: 4, trainingType: 'initial' } },
      ]],
      [3, 'ClaimRevised', [
        { path: 'providerId', from: 'p-1', to: 'p-2' },
        { path: 'mentorTrainings[m-1]', from: { hours: 12, trainingType: 'initial' }, to: null },
      ]],
    ]);
    expect(history?.revisions[2]).toMatchObject({ at: '2025-10-01T09:02:00.000Z', actor: { type: 'token', id: 'test', actingUserId: null }, content: { providerId: 'p-2' } });
    expect(history?.timeline.map((t) => [t.status, t.event, t.reason, t.at])).toEqual([
      ['draft', 'ClaimDrafted', null, '2025-10-01T09:00:00.000Z'],
      ['submitted', 'ClaimSubmitted', null, '2025-10-01T09:03:00.000Z'],
      ['payment_in_progress', 'ClaimPaymentRequested', null, '2025-10-01T09:04:00.000Z'],
      ['payment_information_requested', 'ClaimPaymentInformationRequested', 'Bank details missing', '2025-10-01T09:05:00.000Z'],
    ]);
    expect(await claimHistory(given.documents, 'nope')).toBeNull();
    await given.close();
  });

  it('the same events delivered twice change nothing', async () => {
    const given = await project(claimHistoryProjection, events);
    const before = [await given.all(CLAIM_REVISIONS), await given.all(CLAIM_TIMELINE)];
    await given.replayed();
    expect([await given.all(CLAIM_REVISIONS), await given.all(CLAIM_TIMELINE)]).toEqual(before);
    await given.close();
  });
});
