import type { IndexSpec } from '../../src/read-store/document-store.port';
import type { Address, GeoLocation, OrganisationIdentifiers, OrganisationType } from '../../src/organisations/organisation.events';

export const ORGANISATIONS = 'organisations';

export interface OrganisationContactEntry {
  contactId: string;
  givenName: string;
  familyName: string;
  email: string;
  telephone: string | null;
  role: string | null;
}

/** `organisations`: one document per organisation, id = organisationId. */
export interface OrganisationDocument extends Record<string, unknown> {
  organisationId: string;
  type: OrganisationType;
  name: string;
  status: 'active' | 'closed';
  parentId: string | null;
  identifiers: OrganisationIdentifiers;
  address: Address | null;
  location: GeoLocation | null;
  email: string | null;
  telephone: string | null;
  website: string | null;
  fundingRegion: string | null;
  accredited: boolean | null;
  onboarded: { claims: boolean; placements: boolean };
  contacts: OrganisationContactEntry[];
  /** Claims: the academic years the school is eligible for, in the order granted. */
  eligibleAcademicYearIds: string[];
  /** Claims: who accepted the grant conditions for the school, and when; null until then. */
  grantConditionsAccepted: { acceptedBy: string; acceptedAt: string } | null;
  updatedAt: string;
}

export const organisationIndexes: IndexSpec[] = [{ fields: [['parentId', 1]] }, { fields: [['type', 1], ['name', 1]] }, { fields: [['organisationId', 1]] }];
