import { DomainEvent } from '../shared/event';

export type KeyStage = 'early_years' | 'key_stage_1' | 'key_stage_2' | 'key_stage_3' | 'key_stage_4' | 'key_stage_5' | 'mixed';
export const KEY_STAGES: readonly KeyStage[] = ['early_years', 'key_stage_1', 'key_stage_2', 'key_stage_3', 'key_stage_4', 'key_stage_5', 'mixed'];

export type YearGroup = 'nursery' | 'reception' | 'year_1' | 'year_2' | 'year_3' | 'year_4' | 'year_5' | 'year_6' | 'mixed';
export const YEAR_GROUPS: readonly YearGroup[] = ['nursery', 'reception', 'year_1', 'year_2', 'year_3', 'year_4', 'year_5', 'year_6', 'mixed'];

/** What a placement offers; every field is present (null or [] when not given). */
export interface PlacementDetails {
  subjectId: string | null;
  sendSpecific: boolean;
  keyStage: KeyStage | null;
  yearGroup: YearGroup | null;
  additionalSubjectIds: string[];
  termIds: string[];
  /** Empty: mentors not yet known. */
  mentorIds: string[];
}

/** Every placement event names its school and year, so read models and the clean-up process need no lookups. */
export interface PlacementKey {
  placementId: string;
  schoolId: string;
  academicYearId: string;
}

export type PlacementCreated = DomainEvent<'PlacementCreated', PlacementKey & PlacementDetails>;
/** Carries only the fields that changed, with their new values. */
export type PlacementUpdated = DomainEvent<'PlacementUpdated', PlacementKey & Partial<PlacementDetails>>;
export type PlacementPublished = DomainEvent<'PlacementPublished', PlacementKey>;
export type PlacementProviderAssigned = DomainEvent<'PlacementProviderAssigned', PlacementKey & { providerId: string }>;
export type PlacementProviderUnassigned = DomainEvent<'PlacementProviderUnassigned', PlacementKey & { providerId: string }>;
/** `hosting_interest_changed` when the school stopped actively looking for that year. */
/**
 * Why a placement was deleted: asked for (with the caller's free-text reason, when given), or by the
 * clean-up process when the school's hosting interest changed. Schema 2; schema 1 (`reason: string |
 * null`, the process writing 'hosting_interest_changed' as the reason) is upcast in `placement.upcasters.ts`.
 */
export type PlacementDeletion = { cause: 'requested'; reason?: string } | { cause: typeof HOSTING_INTEREST_CHANGED };
export type PlacementDeleted = DomainEvent<'PlacementDeleted', PlacementKey & PlacementDeletion>;

export type PlacementEvent =
  | PlacementCreated
  | PlacementUpdated
  | PlacementPublished
  | PlacementProviderAssigned
  | PlacementProviderUnassigned
  | PlacementDeleted;

export const PLACEMENT_EVENT_TYPES: ReadonlySet<PlacementEvent['type']> = new Set([
  'PlacementCreated',
  'PlacementUpdated',
  'PlacementPublished',
  'PlacementProviderAssigned',
  'PlacementProviderUnassigned',
  'PlacementDeleted',
]);

export const HOSTING_INTEREST_CHANGED = 'hosting_interest_changed' as const;
