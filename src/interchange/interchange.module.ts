import { Module } from '@nestjs/common';
import { MentorsModule } from '../mentors/mentors.module';
import { DOCUMENT_STORE, DocumentStore } from '../read-store/document-store.port';
import { StaffUsersModule } from '../staff-users/staff-users.module';
import { ClaimsCsvFacts } from './claims/claims-csv.facts';
import { ClaimsCsvImporter } from './claims/claims-csv.importer';
import { ClaimsImportsController } from './claims/claims-imports.controller';
import { CommandSender } from './command-sender';
import { ImportJobs } from './import-jobs';
import { ImportsController } from './imports.controller';
import { ImportedRecords } from './oneroster/oneroster.record-store';
import { OneRosterImporter } from './oneroster/oneroster.importer';

/** Data in bulk: OneRoster packages and the claims support files become ordinary commands. */
@Module({
  imports: [MentorsModule, StaffUsersModule],
  controllers: [ImportsController, ClaimsImportsController],
  providers: [
    CommandSender,
    ImportJobs,
    ClaimsCsvFacts,
    { provide: ImportedRecords, inject: [DOCUMENT_STORE], useFactory: (documents: DocumentStore) => new ImportedRecords(documents) },
    { provide: OneRosterImporter, inject: [CommandSender, ImportedRecords], useFactory: (sender: CommandSender, records: ImportedRecords) => new OneRosterImporter(sender, records) },
    { provide: ClaimsCsvImporter, inject: [CommandSender, ClaimsCsvFacts], useFactory: (sender: CommandSender, facts: ClaimsCsvFacts) => new ClaimsCsvImporter(sender, facts) },
  ],
  exports: [OneRosterImporter, ClaimsCsvImporter],
})
export class InterchangeModule {}
