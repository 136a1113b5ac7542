import type { DocumentStore } from '../../src/read-store/document-store.port';
import { STAFF_USERS, StaffUserDocument } from './staff-users.read-model';

// Pick, not Omit: the document type has an index signature, which Omit would keep alone.
export type StaffUserView = Pick<StaffUserDocument, 'userId' | 'email' | 'givenName' | 'familyName' | 'service' | 'status' | 'memberships' | 'selectedOrganisationId' | 'updatedAt'>;

/** One staff user with all memberships, or null. */
export async function staffUser(documents: DocumentStore, userId: string): Promise<StaffUserView | null> {
  const doc = await documents.collection<StaffUserDocument>(STAFF_USERS).get(userId);
  if (!doc) return null;
  const { membershipOrganisationIds: _ids, ...view } = doc;
  return view;
}
