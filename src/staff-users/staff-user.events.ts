import { DomainEvent } from '../shared/event';

export type StaffService = 'claims' | 'placements' | 'roster';
export type MembershipRole = 'teacher' | 'aide' | 'administrator' | 'principal' | 'counselor' | 'school_contact' | 'provider_staff' | 'support';

export type UserRegistered = DomainEvent<'UserRegistered', { userId: string; email: string; givenName: string; familyName: string; service: StaffService }>;
export type MembershipGranted = DomainEvent<'MembershipGranted', { userId: string; organisationId: string; role: MembershipRole }>;
export type MembershipRevoked = DomainEvent<'MembershipRevoked', { userId: string; organisationId: string; role: MembershipRole }>;
export type OrganisationSelected = DomainEvent<'OrganisationSelected', { userId: string; organisationId: string }>;
export type UserDeactivated = DomainEvent<'UserDeactivated', { userId: string }>;

export type StaffUserEvent = UserRegistered | MembershipGranted | MembershipRevoked | OrganisationSelected | UserDeactivated;

export const STAFF_USER_EVENT_TYPES: ReadonlySet<StaffUserEvent['type']> = new Set([
  'UserRegistered',
  'MembershipGranted',
  'MembershipRevoked',
  'OrganisationSelected',
  'UserDeactivated',
]);
