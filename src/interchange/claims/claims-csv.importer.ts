import { Readable } from 'node:stream';
import { issuedCorrelationId } from '../../shared/correlation';
import { Actor } from '../../shared/event';
import { newId } from '../../shared/ids';
import { CommandSender } from '../command-sender';
import { csvRows } from '../oneroster/oneroster.csv';
import { IssueLog } from '../oneroster/oneroster.issues';
import { advancePosition, emptyCounts, ImportReport } from '../oneroster/oneroster.report';
import { CLAIMS_CSV_HEADERS, ClaimsCsvKind } from './claims-csv.formats';
import { ClaimsCsvFacts } from './claims-csv.facts';
import { ClaimPlan, planClaim, PlannedCommand } from './claims-csv.plan';
import { ClaimsCsvRow, readClaimsRow, withoutDuplicates } from './claims-csv.rows';

const COMMANDS_IN_FLIGHT = 8;

export interface ClaimsImportOptions {
  kind: ClaimsCsvKind;
  /** The name issues give the file. */
  file: string;
  dryRun?: boolean;
  /** The importing token (or the command line), with the support user it acts for. */
  actor: Actor;
  importId?: string;
}

/**
 * A claims file in two passes: every row checked (values, duplicates, the claim it names, the
 * status the command needs), then, only when no row is wrong, each claim's rows sent as the claim
 * command they stand for through the ordinary pipeline, keyed by their content.
 */
export class ClaimsCsvImporter {
  constructor(
    private readonly sender: CommandSender,
    private readonly facts: ClaimsCsvFacts,
  ) {}

  async run(csv: Readable, options: ClaimsImportOptions): Promise<ImportReport> {
    const { kind, file } = options;
    const issues = new IssueLog();
    const counts = emptyCounts();
    const report: ImportReport = {
      importId: options.importId ?? newId(), kind: `claims/${kind}`, status: 'validating', dryRun: options.dryRun === true, source: null,
      progress: { done: 0, total: 0 }, counts: { [file]: counts }, issues: issues.items, issuesTruncated: false, correlationId: issuedCorrelationId(), position: null,
    };
    const finish = (status: ImportReport['status']): ImportReport => ({ ...report, status, issues: issues.items, issuesTruncated: issues.truncated });

    const rows: ClaimsCsvRow[] = [];
    for await (const { line, values } of csvRows(csv, file, CLAIMS_CSV_HEADERS[kind], issues, { exact: true })) {
      const row = readClaimsRow(kind, file, line, values, issues);
      if (row) rows.push(row);
      report.progress.total++;
    }
    const actingUserId = options.actor.actingUserId;
    if (actingUserId === undefined || !(await this.facts.isSupportUser(actingUserId))) {
      issues.error(file, 0, null, 'SupportUserRequired', `The rows are recorded for a support user; ${actingUserId ?? 'no user'} is not an active support user.`);
    }
    const plans = await this.plan(kind, withoutDuplicates(rows, file, issues), file, issues);
    if (issues.errors > 0) return finish('rejected');

    const commands = plans.flatMap((plan) => (plan.outcome === 'apply' ? [plan.command] : []));
    counts.unchanged = plans.reduce((n, plan) => n + (plan.outcome === 'unchanged' ? plan.lines.length : 0), 0);
    if (report.dryRun) {
      counts.updated = commands.reduce((n, command) => n + command.lines.length, 0);
      report.progress.done = report.progress.total;
      return finish('done');
    }
    report.status = 'applying';
    // Each command is a claim of its own: several in flight let the store commit their appends together.
    const inFlight = new Set<Promise<void>>();
    for (const command of commands) {
      const work = this.apply(command, report, options.actor, file, issues).finally(() => inFlight.delete(work));
      inFlight.add(work);
      if (inFlight.size >= COMMANDS_IN_FLIGHT) await Promise.race(inFlight);
    }
    await Promise.all(inFlight);
    report.progress.done = report.progress.total;
    return finish(counts.failed > 0 ? 'failed' : 'done');
  }

  /** Every claim the file names, each with its rows; unknown references are errors on their lines. */
  private async plan(kind: ClaimsCsvKind, rows: ClaimsCsvRow[], file: string, issues: IssueLog): Promise<ClaimPlan[]> {
    const byReference = new Map<string, ClaimsCsvRow[]>();
    for (const row of rows) byReference.set(row.reference, [...(byReference.get(row.reference) ?? []), row]);
    const plans: ClaimPlan[] = [];
    for (const [reference, claimRows] of byReference) {
      const claim = await this.facts.byReference(reference);
      if (!claim) {
        for (const row of claimRows) issues.error(file, row.line, 'claim_reference', 'UnknownClaimReference', `There is no claim with reference ${reference}.`);
        continue;
      }
      plans.push(planClaim(kind, claimRows, claim, file, issues));
    }
    return plans;
  }

  /** Rows checked a moment ago can still be refused (another user changed the claim since): the report names them. */
  private async apply(command: PlannedCommand, report: ImportReport, actor: Actor, file: string, issues: IssueLog): Promise<void> {
    const counts = report.counts[file];
    const sent = await this.sender.send(command.name, command.body, { correlationId: report.correlationId, actor, idempotencyKey: command.idempotencyKey });
    if (sent.ok) {
      counts.updated += command.lines.length;
      advancePosition(report, sent.position);
    } else {
      counts.failed += command.lines.length;
      for (const line of command.lines) issues.error(file, line, null, sent.code, `Not applied: ${sent.message}`);
    }
    report.progress.done += command.lines.length;
  }
}
