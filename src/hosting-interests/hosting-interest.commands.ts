import { Command } from '@nestjs/cqrs';
import { CommandEnvelope, CommandResult } from '../event-store/command-envelope';

/** The seed's placeholder appetites are accepted as well and mapped by the decider. */
export type RequestedAppetite = 'actively_looking' | 'interested' | 'not_open' | 'not_interested' | 'unsure';

export type RecordHostingInterest = {
  type: 'RecordHostingInterest';
  schoolId: string;
  academicYearId: string;
  appetite: RequestedAppetite;
  reasons?: string[];
  details?: Record<string, unknown> | null;
};

/** Internal (no HTTP route): sent by the placement handler before a provider is assigned. */
export type LockHostingInterest = {
  type: 'LockHostingInterest';
  schoolId: string;
  academicYearId: string;
  lockId: string;
  placementId: string;
  providerId: string;
  /** The revision the placement's assignment event is expected to land at. */
  placementRevision: number;
};

/** Internal: frees one lock (`lockId`: the assignment failed) or every lock taken before the placement's unassignment. */
export type UnlockHostingInterest = {
  type: 'UnlockHostingInterest';
  schoolId: string;
  academicYearId: string;
  placementId: string;
  lockId?: string;
  unassignedAtRevision?: number;
};

export type HostingInterestCommand = RecordHostingInterest | LockHostingInterest | UnlockHostingInterest;

export class HostingInterestCommandMessage extends Command<CommandResult> {
  constructor(readonly command: HostingInterestCommand, readonly envelope: CommandEnvelope) {
    super();
  }
}
