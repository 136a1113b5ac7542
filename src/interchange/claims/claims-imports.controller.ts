import { Body, Controller, Headers, HttpCode, OnModuleInit, Param, Post, Query } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { ApiBody, ApiConsumes, ApiHeader } from '@nestjs/swagger';
import { Readable } from 'node:stream';
import { CurrentPrincipal, RequireRole } from '../../auth/auth.decorators';
import { National } from '../../auth/read-scope';
import { Principal } from '../../auth/token';
import { ApiError, validationFailed } from '../../http/api-error';
import { enumQuery, QueryParams } from '../../http/query-docs';
import { ActingUserCheck } from '../../scopes/acting-user-check';
import { isValidId } from '../../shared/ids';
import { ImportJobs } from '../import-jobs';
import { acceptRawBody } from '../raw-body';
import { ImportReport } from '../oneroster/oneroster.report';
import { CLAIMS_CSV_KINDS, isClaimsCsvKind } from './claims-csv.formats';
import { ClaimsCsvImporter } from './claims-csv.importer';

/** A window's responses fit well within this; larger bodies are 413. */
const CSV_LIMIT = 20 * 1024 * 1024;

/** `POST /v1/imports/claims/{kind}`: a support file checked and applied in the request (API.md "Imports and exports"). */
@Controller('v1/imports/claims')
export class ClaimsImportsController implements OnModuleInit {
  constructor(
    private readonly importer: ClaimsCsvImporter,
    private readonly jobs: ImportJobs,
    private readonly actingUsers: ActingUserCheck,
    private readonly adapter: HttpAdapterHost,
  ) {}

  onModuleInit(): void {
    acceptRawBody(this.adapter, 'text/csv', CSV_LIMIT);
  }

  @ApiConsumes('text/csv')
  @ApiBody({ description: 'The CSV file, header row first (domain/claims.md "CSV interchange").', schema: { type: 'string' } })
  @ApiHeader({ name: 'X-Acting-User', required: true, description: 'The support user the rows are recorded for.' })
  @QueryParams(enumQuery('dryRun', ['true', 'false'], 'Check and count only; append nothing.'))
  @Post(':kind')
  @HttpCode(200)
  @RequireRole('commands')
  // Payments, sampling and clawbacks are support work across every school: tokens with * only.
  @National()
  async import(
    @Param('kind') kind: string,
    @Body() body: unknown,
    @Query() query: Record<string, unknown>,
    @Headers('x-acting-user') actingUserId: string | undefined,
    @Headers('content-type') contentType: string | undefined,
    @CurrentPrincipal() principal: Principal,
  ): Promise<ImportReport> {
    if (!isClaimsCsvKind(kind)) throw new ApiError(404, 'NotFound', `There is no claims import "${kind}"; there are ${CLAIMS_CSV_KINDS.join(', ')}.`);
    if (!contentType?.toLowerCase().startsWith('text/csv') || !Buffer.isBuffer(body) || body.length === 0) throw new ApiError(415, 'UnsupportedMediaType', 'Send the CSV file as the body, with Content-Type: text/csv.');
    const problems: { field: string; message: string }[] = [];
    if (query.dryRun !== undefined && query.dryRun !== 'true' && query.dryRun !== 'false') problems.push({ field: 'dryRun', message: 'must be true or false' });
    if (actingUserId !== undefined && !isValidId(actingUserId)) problems.push({ field: 'X-Acting-User', message: 'must be a user id' });
    if (problems.length) throw validationFailed(problems);
    if (actingUserId === undefined) throw new ApiError(403, 'ActingUserRequired', 'A claims import needs the X-Acting-User header naming the support user it is done for.');
    await this.actingUsers.check(principal, actingUserId);

    const actor = { type: 'token' as const, id: principal.name, actingUserId };
    const report = await this.importer.run(Readable.from([body]), { kind, file: `${kind}.csv`, dryRun: query.dryRun === 'true', actor });
    await this.jobs.keep(report, actor, principal);
    if (report.status === 'rejected') {
      throw new ApiError(422, 'ImportRejected', `The file has ${report.issues.filter((i) => i.severity === 'error').length} wrong row(s); nothing was applied (import ${report.importId}).`, report.issues);
    }
    return report;
  }
}
