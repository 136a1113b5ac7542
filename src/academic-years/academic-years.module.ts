import { Module } from '@nestjs/common';
import { CommandCatalog } from '../http/command-catalog';
import { AcademicYearCommandHandler } from './academic-year.handlers';
import { AcademicYearLookup } from './academic-year.lookup';
import { academicYearRoutes } from './academic-year.routes';
import { Ownerships } from '../scopes/ownership';
import { ACADEMIC_YEAR_EVENT_TYPES } from './academic-year.events';

@Module({
  providers: [AcademicYearCommandHandler, AcademicYearLookup],
  exports: [AcademicYearLookup],
})
export class AcademicYearsModule {
  constructor(ownerships: Ownerships, catalog: CommandCatalog) {
    catalog.register(academicYearRoutes);
    // Published directories: every audit token may read their streams.
    ownerships.registerDirectory('academic-year-', ACADEMIC_YEAR_EVENT_TYPES);
  }
}
