import { Module } from '@nestjs/common';
import { CommandCatalog } from '../http/command-catalog';
import { OrganisationsModule } from '../organisations/organisations.module';
import { StudentCommandHandler } from './student.handlers';
import { studentRoutes } from './student.routes';

@Module({
  imports: [OrganisationsModule],
  providers: [StudentCommandHandler],
})
export class StudentsModule {
  constructor(catalog: CommandCatalog) {
    catalog.register(studentRoutes);
  }
}
