import { Injectable } from '@nestjs/common';
import { CommandHandling } from '../event-store/command-handling';
import { hostingInterestDecider, HostingInterestState } from './hosting-interest.decider';
import { hostingInterestStream } from './hosting-interest.stream';

/** A school's hosting interest for a year as its stream says now: what placements check rule 1 against. */
@Injectable()
export class HostingInterestLookup {
  constructor(private readonly commands: CommandHandling) {}

  async get(schoolId: string, academicYearId: string): Promise<HostingInterestState> {
    return (await this.commands.load(hostingInterestDecider, hostingInterestStream(schoolId, academicYearId))).state;
  }
}
