import { DomainEvent } from '../shared/event';

export type OrganisationType = 'district' | 'school' | 'provider' | 'trust';
export type FundingRegion = 'inner_london' | 'outer_london' | 'fringe' | 'rest_of_england';

export interface OrganisationIdentifiers {
  urn?: string;
  ukprn?: string;
  leaCode?: string;
  stateOrganizationId?: string;
  ncesId?: string;
  providerCode?: string;
}

export interface Address {
  line1?: string;
  line2?: string;
  line3?: string;
  town?: string;
  city?: string;
  county?: string;
  postcode?: string;
  country?: string;
}

export interface GeoLocation {
  latitude: number;
  longitude: number;
}

/** The fields an organisation's details are made of (all but its id and type). */
export interface OrganisationDetails {
  name: string;
  parentId?: string;
  identifiers?: OrganisationIdentifiers;
  address?: Address;
  location?: GeoLocation;
  email?: string;
  telephone?: string;
  website?: string;
  fundingRegion?: FundingRegion;
  accredited?: boolean;
}

export type OrganisationRegistered = DomainEvent<
  'OrganisationRegistered',
  { organisationId: string; type: OrganisationType } & OrganisationDetails
>;
/** Carries only the fields that changed, with their new values. */
export type OrganisationUpdated = DomainEvent<'OrganisationUpdated', { organisationId: string } & Partial<OrganisationDetails>>;
export type OrganisationClosed = DomainEvent<'OrganisationClosed', { organisationId: string }>;

export type OnboardingService = 'claims' | 'placements';
export type OrganisationOnboarded = DomainEvent<'OrganisationOnboarded', { organisationId: string; service: OnboardingService }>;
export type OrganisationOffboarded = DomainEvent<'OrganisationOffboarded', { organisationId: string; service: OnboardingService }>;

export interface OrganisationContact {
  contactId: string;
  givenName: string;
  familyName: string;
  email: string;
  telephone?: string;
  role?: string;
}
export type OrganisationContactAdded = DomainEvent<'OrganisationContactAdded', { organisationId: string } & OrganisationContact>;
export type OrganisationContactRemoved = DomainEvent<'OrganisationContactRemoved', { organisationId: string; contactId: string }>;

/** Claims reference data kept on the school (domain/claims.md). */
export type SchoolEligibilityGranted = DomainEvent<'SchoolEligibilityGranted', { organisationId: string; academicYearId: string }>;
export type GrantConditionsAccepted = DomainEvent<'GrantConditionsAccepted', { organisationId: string; acceptedBy: string; acceptedAt: string }>;

export type OrganisationEvent =
  | OrganisationRegistered
  | OrganisationUpdated
  | OrganisationClosed
  | OrganisationOnboarded
  | OrganisationOffboarded
  | OrganisationContactAdded
  | OrganisationContactRemoved
  | SchoolEligibilityGranted
  | GrantConditionsAccepted;

export const ORGANISATION_EVENT_TYPES: ReadonlySet<OrganisationEvent['type']> = new Set([
  'OrganisationRegistered',
  'OrganisationUpdated',
  'OrganisationClosed',
  'OrganisationOnboarded',
  'OrganisationOffboarded',
  'OrganisationContactAdded',
  'OrganisationContactRemoved',
  'SchoolEligibilityGranted',
  'GrantConditionsAccepted',
]);
