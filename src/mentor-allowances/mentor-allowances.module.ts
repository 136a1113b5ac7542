import { Module } from '@nestjs/common';
import { AcademicYearsModule } from '../academic-years/academic-years.module';
import { MentorAllowances } from './mentor-allowance.handlers';

@Module({
  imports: [AcademicYearsModule],
  providers: [MentorAllowances],
  exports: [MentorAllowances],
})
export class MentorAllowancesModule {}
