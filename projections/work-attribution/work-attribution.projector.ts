import { composeProjection } from '../subscription/compose';
import { workAttributionCollections } from './work-attribution.read-model';
import { rosterPart } from './work-attribution.roster-part';
import { workPart } from './work-attribution.work-part';

export const WORK_ATTRIBUTION = 'work-attribution';

/** Which classroom each piece of student work counts for, re-attributed whenever the roster changes. */
export const workAttributionProjection = composeProjection(WORK_ATTRIBUTION, 1, workAttributionCollections, [workPart, rosterPart]);
