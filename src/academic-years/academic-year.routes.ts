import { CommandRoute, commandRouteFor } from '../http/command-catalog';
import { NATIONAL } from '../scopes/command-scope';
import { AcademicYearCommand, AcademicYearCommandMessage } from './academic-year.commands';
import { DefineAcademicYearDto, DefineTermDto, SetFundingRatesDto } from './academic-year.dto';

const route = commandRouteFor<AcademicYearCommand>(AcademicYearCommandMessage);

export const academicYearRoutes: CommandRoute[] = [
  route('DefineAcademicYear', DefineAcademicYearDto, NATIONAL, 'academicYearId'),
  route('DefineTerm', DefineTermDto, NATIONAL, 'termId'),
  route('SetFundingRates', SetFundingRatesDto, NATIONAL),
];
