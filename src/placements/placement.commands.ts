import { Command } from '@nestjs/cqrs';
import { CommandEnvelope, CommandResult } from '../event-store/command-envelope';
import { HOSTING_INTEREST_CHANGED, KeyStage, YearGroup } from './placement.events';

/** Placement fields as a caller sends them: absent means "not given" (create) or "unchanged" (update); null clears. */
export interface PlacementFields {
  subjectId?: string | null;
  sendSpecific?: boolean | null;
  keyStage?: KeyStage | null;
  yearGroup?: YearGroup | null;
  additionalSubjectIds?: string[] | null;
  termIds?: string[] | null;
  mentorIds?: string[] | null;
}

export type CreatePlacement = { type: 'CreatePlacement'; placementId: string; schoolId: string; academicYearId: string } & PlacementFields;
export type UpdatePlacement = { type: 'UpdatePlacement'; placementId: string } & PlacementFields;
export type PublishPlacement = { type: 'PublishPlacement'; placementId: string };
export type AssignPlacementProvider = { type: 'AssignPlacementProvider'; placementId: string; providerId: string };
export type UnassignPlacementProvider = { type: 'UnassignPlacementProvider'; placementId: string };
/** `cause` is set only by the clean-up process; over HTTP a deletion is requested, with an optional reason. */
export type DeletePlacement = { type: 'DeletePlacement'; placementId: string; reason?: string | null; cause?: typeof HOSTING_INTEREST_CHANGED };

export type PlacementCommand = CreatePlacement | UpdatePlacement | PublishPlacement | AssignPlacementProvider | UnassignPlacementProvider | DeletePlacement;

export class PlacementCommandMessage extends Command<CommandResult> {
  constructor(readonly command: PlacementCommand, readonly envelope: CommandEnvelope) {
    super();
  }
}
