import { upcast } from '../event-store/upcasting';
import { EventMetadata, RecordedEvent } from '../shared/event';
import { placementDeletedFromV1 } from './placement.upcasters';

const key = { placementId: 'pl-1', schoolId: 's-1', academicYearId: 'ay-1' };
const metadata = (actor: EventMetadata['actor'], schemaVersion = 1): EventMetadata => ({
  occurredAt: '2025-01-01T00:00:00.000Z',
  actor,
  correlationId: 'c',
  causationId: 'c',
  command: 'DeletePlacement',
  schemaVersion,
});
const system = { type: 'system' as const, id: 'placement-cleanup' };
const token = { type: 'token' as const, id: 'sis-sync' };

describe('PlacementDeleted schema 1 → 2', () => {
  it("makes the clean-up process's deletions their cause, and every other deletion requested with its reason kept", () => {
    expect(placementDeletedFromV1({ ...key, reason: 'hosting_interest_changed' }, metadata(system))).toEqual({ ...key, cause: 'hosting_interest_changed' });
    expect(placementDeletedFromV1({ ...key, reason: 'hosting_interest_changed' }, metadata(token))).toEqual({ ...key, cause: 'requested', reason: 'hosting_interest_changed' });
    expect(placementDeletedFromV1({ ...key, reason: 'Duplicate' }, metadata(token))).toEqual({ ...key, cause: 'requested', reason: 'Duplicate' });
    expect(placementDeletedFromV1({ ...key, reason: null }, metadata(token))).toEqual({ ...key, cause: 'requested' });
  });

  it('is applied on read to events stored at schema 1 only, and says the version it produced', () => {
    const stored = (data: unknown, schemaVersion: number): RecordedEvent => ({ eventId: 'e', streamId: 'placement-pl-1', type: 'PlacementDeleted', data, metadata: metadata(system, schemaVersion), revision: 1n, position: 9n });
    expect(upcast(stored({ ...key, reason: 'hosting_interest_changed' }, 1))).toMatchObject({ data: { ...key, cause: 'hosting_interest_changed' }, metadata: { schemaVersion: 2 } });
    const current = stored({ ...key, cause: 'requested', reason: 'hosting_interest_changed' }, 2);
    expect(upcast(current).data).toEqual(current.data);
  });
});
