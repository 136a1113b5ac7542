import { INestApplicationContext } from '@nestjs/common';
import { Command, CommanderError } from 'commander';
import { createReadStream, existsSync } from 'node:fs';
import { basename } from 'node:path';
import { CLAIMS_CSV_KINDS, isClaimsCsvKind } from '../interchange/claims/claims-csv.formats';
import { ClaimsCsvImporter } from '../interchange/claims/claims-csv.importer';
import { isValidId } from '../shared/ids';
import { printReport } from './import-oneroster.command';

type WithLedger = (work: (ledger: INestApplicationContext) => Promise<number>) => Promise<void>;

/** `ledger import:claims <kind> <file.csv> [--dry-run] --acting-user <userId>`: exit 0 when applied, 1 when rejected or a row failed. */
export function importClaimsCommand(program: Command, withLedger: WithLedger): void {
  program
    .command('import:claims <kind> <file>')
    .description(`import a claims support file (${CLAIMS_CSV_KINDS.join(', ')}): every row is checked first, then each becomes its claim command`)
    .option('--dry-run', 'check the file and count what would change, appending nothing')
    .requiredOption('--acting-user <userId>', 'the support user the rows are recorded for (the claim rules need one)')
    .action((kind: string, path: string, options: { dryRun?: boolean; actingUser: string }) => {
      if (!isClaimsCsvKind(kind)) throw new CommanderError(2, 'usage', `No claims import "${kind}"; there are: ${CLAIMS_CSV_KINDS.join(', ')}`);
      if (!existsSync(path)) throw new CommanderError(2, 'usage', `No file at ${path}`);
      if (!isValidId(options.actingUser)) throw new CommanderError(2, 'usage', '--acting-user must be a user id');
      return withLedger(async (ledger) => {
        const report = await ledger.get(ClaimsCsvImporter).run(createReadStream(path), {
          kind,
          file: basename(path),
          dryRun: options.dryRun,
          actor: { type: 'system', id: 'ledger import:claims', actingUserId: options.actingUser },
        });
        printReport(report);
        const failed = Object.values(report.counts).reduce((n, c) => n + c.failed, 0);
        return report.status === 'done' && failed === 0 ? 0 : 1;
      });
    });
}
