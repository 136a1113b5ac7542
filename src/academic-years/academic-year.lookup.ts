import { Injectable } from '@nestjs/common';
import { CommandHandling } from '../event-store/command-handling';
import { academicYearRegistryDecider } from './academic-year-registry.decider';
import { academicYearDecider, AcademicYearState } from './academic-year.decider';
import { ACADEMIC_YEAR_REGISTRY_STREAM, academicYearStream } from './academic-year.stream';

export type { AcademicYearState } from './academic-year.decider';

/** Academic years as their streams say they are now: what other aggregates check against. */
@Injectable()
export class AcademicYearLookup {
  constructor(private readonly commands: CommandHandling) {}

  async get(academicYearId: string): Promise<AcademicYearState> {
    return (await this.commands.load(academicYearDecider, academicYearStream(academicYearId))).state;
  }

  /** Every registered year by start date, from the registry stream (not a read model). */
  async all(): Promise<{ academicYearId: string; name: string; startsOn: string; endsOn: string }[]> {
    const { state } = await this.commands.load(academicYearRegistryDecider, ACADEMIC_YEAR_REGISTRY_STREAM);
    return [...state.years].sort((a, b) => (a.startsOn < b.startsOn ? -1 : a.startsOn > b.startsOn ? 1 : 0)).map((y) => ({ ...y }));
  }
}
