import { Module } from '@nestjs/common';
import { DOCUMENT_STORE, DocumentStore } from '../read-store/document-store.port';
import { CommandSender } from './command-sender';
import { ImportJobs } from './import-jobs';
import { ImportsController } from './imports.controller';
import { ImportedRecords } from './oneroster/oneroster.record-store';
import { OneRosterImporter } from './oneroster/oneroster.importer';

/** Data in bulk: OneRoster packages become ordinary commands. */
@Module({
  controllers: [ImportsController],
  providers: [
    CommandSender,
    ImportJobs,
    { provide: ImportedRecords, inject: [DOCUMENT_STORE], useFactory: (documents: DocumentStore) => new ImportedRecords(documents) },
    { provide: OneRosterImporter, inject: [CommandSender, ImportedRecords], useFactory: (sender: CommandSender, records: ImportedRecords) => new OneRosterImporter(sender, records) },
  ],
  exports: [OneRosterImporter],
})
export class InterchangeModule {}
