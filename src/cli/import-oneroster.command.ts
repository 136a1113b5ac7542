import { INestApplicationContext } from '@nestjs/common';
import { Command, CommanderError } from 'commander';
import { existsSync } from 'node:fs';
import { OneRosterImporter } from '../interchange/oneroster/oneroster.importer';
import { SOURCE_CODE } from '../interchange/oneroster/oneroster.ids';
import { ImportReport } from '../interchange/oneroster/oneroster.report';
import { openPackage } from '../interchange/oneroster/oneroster.source';
import { isoDate } from '../shared/clock';
import { progress } from './progress';

type WithLedger = (work: (ledger: INestApplicationContext) => Promise<number>) => Promise<void>;

/** How many issues the command line prints; the report keeps more. */
const ISSUES_SHOWN = 50;

/** `ledger import:oneroster <zip or folder> [--dry-run] [--source <code>]`: exit 0 when applied, 1 when rejected or rows failed. */
export function importCommands(program: Command, withLedger: WithLedger): void {
  program
    .command('import:oneroster <package>')
    .description('import a OneRoster 1.1 or 1.2 CSV package (a zip, or a folder of CSV files): every row is checked first, then applied as ordinary commands')
    .option('--dry-run', 'check the package and count what would change, appending nothing')
    .option('--source <code>', 'the system the package comes from (default: the manifest source.systemCode, else "default")')
    .action((path: string, options: { dryRun?: boolean; source?: string }) => {
      if (!existsSync(path)) throw new CommanderError(2, 'usage', `No package at ${path}`);
      if (options.source !== undefined && !SOURCE_CODE.test(options.source)) throw new CommanderError(2, 'usage', `--source must be 1–40 of A–Z a–z 0–9 _ -`);
      return withLedger(async (ledger) => {
        const bar = progress('import', 'rows');
        const source = await openPackage(path);
        let report: ImportReport;
        try {
          report = await ledger.get(OneRosterImporter).run(source, {
            dryRun: options.dryRun,
            source: options.source,
            actor: { type: 'system', id: 'ledger import:oneroster' },
            today: isoDate(new Date()),
            onProgress: (r) => r.progress.total > 0 && bar.update(BigInt(r.progress.done), BigInt(r.progress.total)),
          });
        } finally {
          bar.stop();
          await source.close();
        }
        printReport(report);
        const failed = Object.values(report.counts).reduce((n, c) => n + c.failed, 0);
        return report.status === 'done' && failed === 0 ? 0 : 1;
      });
    });
}

/** The report as the import commands print it: counts per file, then the issues. */
export function printReport(report: ImportReport): void {
  const out = process.stdout;
  out.write(`import ${report.importId}: ${report.status}${report.dryRun ? ' (dry run: nothing appended)' : ''}, source ${report.source ?? '-'}, correlation id ${report.correlationId}\n`);
  for (const [file, c] of Object.entries(report.counts)) {
    out.write(`  ${file.padEnd(22)} created ${c.created}  updated ${c.updated}  deleted ${c.deleted}  unchanged ${c.unchanged}  ignored ${c.ignored}  failed ${c.failed}\n`);
  }
  for (const issue of report.issues.slice(0, ISSUES_SHOWN)) {
    out.write(`  ${issue.severity} ${issue.file}:${issue.line}${issue.field ? ` ${issue.field}` : ''} ${issue.code}: ${issue.message}\n`);
  }
  if (report.issues.length > ISSUES_SHOWN || report.issuesTruncated) out.write(`  … and more issues than shown\n`);
  if (report.position) out.write(`position ${report.position}\n`);
}
