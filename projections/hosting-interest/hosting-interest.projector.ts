import type { HostingInterestEvent } from '../../src/hosting-interests/hosting-interest.events';
import type { PlacementEvent } from '../../src/placements/placement.events';
import type { RecordedOf } from '../../src/shared/event';
import type { ProjectionDefinition } from '../subscription/projection';
import { HISTORY_LIMIT, HOSTING_INTERESTS, hostingInterestCollections, HostingInterestDocument, hostingInterestId } from './hosting-interest.read-model';

const HANDLES: ReadonlySet<string> = new Set(['HostingInterestRecorded', 'PlacementProviderAssigned', 'PlacementProviderUnassigned']);

const empty = (schoolId: string, academicYearId: string, updatedAt: string): HostingInterestDocument => ({
  schoolId, academicYearId, appetite: null, reasons: [], details: null, recordedAt: null, history: [], assignedPlacementIds: [], locked: false, updatedAt,
});

/** The current appetite with its history, and whether a placement's provider locks it (from the placements' own events). */
export const hostingInterestProjection: ProjectionDefinition = {
  name: 'hosting-interest',
  version: 2,
  collections: hostingInterestCollections,
  handles: HANDLES,
  async apply(recorded, context) {
    const event = recorded as RecordedOf<HostingInterestEvent | PlacementEvent>;
    const interests = context.collection<HostingInterestDocument>(HOSTING_INTERESTS);
    const at = event.metadata.occurredAt;
    switch (event.type) {
      case 'HostingInterestRecorded': {
        const { schoolId, academicYearId, appetite, reasons, details } = event.data;
        const { type, id, actingUserId } = event.metadata.actor;
        const entry = { appetite, reasons, details, recordedAt: at, recordedBy: { type, id, actingUserId: actingUserId ?? null } };
        await interests.update(hostingInterestId(schoolId, academicYearId), (doc) => {
          const current = doc ?? empty(schoolId, academicYearId, at);
          return { ...current, appetite, reasons, details, recordedAt: at, history: [...current.history, entry].slice(-HISTORY_LIMIT), updatedAt: at };
        });
        return;
      }
      case 'PlacementProviderAssigned':
      case 'PlacementProviderUnassigned': {
        const { schoolId, academicYearId, placementId } = event.data;
        await interests.update(hostingInterestId(schoolId, academicYearId), (doc) => {
          const current = doc ?? empty(schoolId, academicYearId, at);
          const others = current.assignedPlacementIds.filter((id) => id !== placementId);
          const assignedPlacementIds = event.type === 'PlacementProviderAssigned' ? [...others, placementId] : others;
          return { ...current, assignedPlacementIds, locked: assignedPlacementIds.length > 0, updatedAt: at };
        });
        return;
      }
      default:
        return;
    }
  },
};
