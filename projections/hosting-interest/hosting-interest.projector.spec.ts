import { project } from '../../test/support/projector-spec';
import { HostingInterestEvent } from '../../src/hosting-interests/hosting-interest.events';
import { PlacementEvent } from '../../src/placements/placement.events';
import { hostingInterestProjection } from './hosting-interest.projector';
import { HISTORY_LIMIT, HOSTING_INTERESTS, HostingInterestDocument } from './hosting-interest.read-model';

const key = { schoolId: 's-1', academicYearId: 'ay-1' };
const events: ((HostingInterestEvent | PlacementEvent) & { streamId: string; occurredAt?: string })[] = [
  { streamId: 'hosting-interest-s-1.ay-1', occurredAt: '2025-09-01T10:00:00.000Z', type: 'HostingInterestRecorded', data: { ...key, appetite: 'interested', reasons: [], details: { notes: 'maybe' }, previousAppetite: null } },
  { streamId: 'hosting-interest-s-1.ay-1', occurredAt: '2025-09-02T10:00:00.000Z', type: 'HostingInterestRecorded', data: { ...key, appetite: 'actively_looking', reasons: [], details: { placements: 2 }, previousAppetite: 'interested' } },
  { streamId: 'placement-pl-1', type: 'PlacementProviderAssigned', data: { ...key, placementId: 'pl-1', providerId: 'p-1' } },
  { streamId: 'placement-pl-2', type: 'PlacementProviderAssigned', data: { ...key, placementId: 'pl-2', providerId: 'p-1' } },
  { streamId: 'placement-pl-1', type: 'PlacementProviderUnassigned', data: { ...key, placementId: 'pl-1', providerId: 'p-1' } },
];

describe('hosting interest projector', () => {
  it('keeps the current appetite, every earlier one, and which assigned placements lock it', async () => {
    const given = await project(hostingInterestProjection, events);
    expect(await given.get(HOSTING_INTERESTS, 's-1|ay-1')).toMatchObject({
      appetite: 'actively_looking',
      details: { placements: 2 },
      recordedAt: '2025-09-02T10:00:00.000Z',
      history: [
        { appetite: 'interested', details: { notes: 'maybe' }, recordedAt: '2025-09-01T10:00:00.000Z', recordedBy: { type: 'token', id: 'test', actingUserId: null } },
        { appetite: 'actively_looking', recordedAt: '2025-09-02T10:00:00.000Z' },
      ],
      assignedPlacementIds: ['pl-2'],
      locked: true,
    });
    await given.close();
  });

  it(`keeps only the latest ${HISTORY_LIMIT} records in history, oldest first, however often the appetite changes`, async () => {
    const appetites = ['interested', 'actively_looking', 'not_open'] as const;
    const many = Array.from({ length: HISTORY_LIMIT + 25 }, (_, i): HostingInterestEvent & { streamId: string } => ({
      streamId: 'hosting-interest-s-1.ay-1',
      type: 'HostingInterestRecorded',
      data: { ...key, appetite: appetites[i % 3], reasons: i % 3 === 2 ? ['Full'] : [], details: { n: i }, previousAppetite: i === 0 ? null : appetites[(i - 1) % 3] },
    }));
    const given = await project(hostingInterestProjection, many);
    const doc = await given.get<HostingInterestDocument>(HOSTING_INTERESTS, 's-1|ay-1');
    expect(doc?.history).toHaveLength(HISTORY_LIMIT);
    expect(doc?.history.map((h) => (h.details as { n: number }).n)).toEqual(Array.from({ length: HISTORY_LIMIT }, (_, i) => i + 25));
    expect(doc?.details).toEqual({ n: HISTORY_LIMIT + 24 });
    await given.close();
  });

  it('a provider assigned before any interest is recorded still shows as a lock', async () => {
    const given = await project(hostingInterestProjection, [events[2]]);
    expect(await given.get(HOSTING_INTERESTS, 's-1|ay-1')).toMatchObject({ appetite: null, history: [], locked: true });
    await given.close();
  });

  it('the same events delivered twice change nothing', async () => {
    const given = await project(hostingInterestProjection, events);
    const before = await given.all(HOSTING_INTERESTS);
    await given.replayed();
    expect(await given.all(HOSTING_INTERESTS)).toEqual(before);
    await given.close();
  });
});
