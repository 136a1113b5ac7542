import { Injectable } from '@nestjs/common';
import { CommandHandling } from '../event-store/command-handling';
import { claimWindowDecider, ClaimWindowState } from './claim-window.decider';
import { claimWindowRegistryDecider, WindowTruth } from './claim-window-registry.decider';
import { CLAIM_WINDOW_REGISTRY_STREAM, claimWindowStream } from './claim-window.stream';

export interface ClaimWindowFact {
  claimWindowId: string;
  academicYearId: string;
  startsOn: string;
  endsOn: string;
}

/** Claim windows as their own streams say they are now, found through the registry (not a read model). */
@Injectable()
export class ClaimWindowLookup {
  constructor(private readonly commands: CommandHandling) {}

  async get(claimWindowId: string): Promise<ClaimWindowState> {
    return (await this.commands.load(claimWindowDecider, claimWindowStream(claimWindowId))).state;
  }

  async truth(claimWindowId: string): Promise<WindowTruth> {
    const { state, revision } = await this.commands.load(claimWindowDecider, claimWindowStream(claimWindowId));
    const rev = revision === null ? -1 : Number(revision);
    return state.status === 'none' ? { revision: rev, status: 'none' } : { revision: rev, status: state.status, startsOn: state.startsOn, endsOn: state.endsOn };
  }

  async registeredIds(): Promise<string[]> {
    return Object.keys((await this.commands.load(claimWindowRegistryDecider, CLAIM_WINDOW_REGISTRY_STREAM)).state.entries);
  }

  /** The defined windows of one academic year. */
  async ofAcademicYear(academicYearId: string): Promise<ClaimWindowFact[]> {
    const windows: ClaimWindowFact[] = [];
    for (const id of await this.registeredIds()) {
      const window = await this.get(id);
      if (window.status === 'defined' && window.academicYearId === academicYearId) {
        const { claimWindowId, startsOn, endsOn } = window;
        windows.push({ claimWindowId, academicYearId, startsOn, endsOn });
      }
    }
    return windows;
  }
}
