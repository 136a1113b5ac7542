import { Command } from '@nestjs/cqrs';
import { CommandEnvelope, CommandResult } from '../event-store/command-envelope';
import { FundingRates } from './academic-year.events';

export type DefineAcademicYear = { type: 'DefineAcademicYear'; academicYearId: string; name: string; startsOn: string; endsOn: string };
export type DefineTerm = { type: 'DefineTerm'; academicYearId: string; termId: string; name: string; startsOn: string; endsOn: string };
export type SetFundingRates = { type: 'SetFundingRates'; academicYearId: string; rates: FundingRates };

export type AcademicYearCommand = DefineAcademicYear | DefineTerm | SetFundingRates;

/** Internal: the registry's half of DefineAcademicYear, appended before the year's own stream. */
export type RegisterAcademicYearRange = { type: 'RegisterAcademicYearRange'; academicYearId: string; name: string; startsOn: string; endsOn: string };

export class AcademicYearCommandMessage extends Command<CommandResult> {
  constructor(readonly command: AcademicYearCommand, readonly envelope: CommandEnvelope) {
    super();
  }
}
