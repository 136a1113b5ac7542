import type { IndexSpec } from '../../src/read-store/document-store.port';

/** `partnerships`: one document per school and provider pair (id = `schoolId|providerId`). */
export const PARTNERSHIPS = 'partnerships';
/** `partnership_organisations`: organisation names this read model shows (id = organisationId). */
export const PARTNERSHIP_ORGANISATIONS = 'partnership_organisations';

export interface PartnershipDocument extends Record<string, unknown> {
  schoolId: string;
  schoolName: string | null;
  providerId: string;
  providerName: string | null;
  status: 'active' | 'ended';
  /** When the pair last became partners, and when that partnership ended (null while active). */
  formedAt: string;
  endedAt: string | null;
}

export interface PartnershipOrganisationDocument extends Record<string, unknown> {
  organisationId: string;
  name: string;
}

export const partnershipId = (schoolId: string, providerId: string) => `${schoolId}|${providerId}`;

export const partnershipCollections: Record<string, IndexSpec[]> = {
  [PARTNERSHIPS]: [{ fields: [['schoolId', 1], ['status', 1]] }, { fields: [['providerId', 1], ['status', 1]] }],
  [PARTNERSHIP_ORGANISATIONS]: [],
};
