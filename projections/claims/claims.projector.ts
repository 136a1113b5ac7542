import { composeProjection } from '../subscription/compose';
import { claimDocumentsPart } from './claim-documents';
import { claimsCollections } from './claims.read-model';
import { mentorAllowanceDocumentsPart } from './mentor-allowance-documents';

/** Claims as they are now (list, by id, window totals) and mentor allowances. */
export const claimsProjection = composeProjection('claims', 1, claimsCollections, [claimDocumentsPart, mentorAllowanceDocumentsPart]);
