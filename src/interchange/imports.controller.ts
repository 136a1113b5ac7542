import { Body, Controller, Get, HttpCode, OnModuleInit, Param, Post, Query } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { CurrentPrincipal, RequireRole } from '../auth/auth.decorators';
import { Principal } from '../auth/token';
import { ApiError, validationFailed } from '../http/api-error';
import { ValidId } from '../http/path-ids';
import { enumQuery, QueryParams, textQuery } from '../http/query-docs';
import { ImportJobs } from './import-jobs';
import { acceptRawBody } from './raw-body';
import { SOURCE_CODE } from './oneroster/oneroster.ids';
import { ImportReport } from './oneroster/oneroster.report';
import { Scope, Unscoped } from '../auth/read-scope';

/** Packages may be far larger than command bodies (API.md: up to 200 MB). */
const PACKAGE_LIMIT = 200 * 1024 * 1024;

/** `POST /v1/imports/oneroster` (a zip in the body) and `GET /v1/imports/{id}`. */
@Controller('v1/imports')
export class ImportsController implements OnModuleInit {
  constructor(
    private readonly jobs: ImportJobs,
    private readonly adapter: HttpAdapterHost,
  ) {}

  onModuleInit(): void {
    acceptRawBody(this.adapter, 'application/zip', PACKAGE_LIMIT);
  }

  @QueryParams(enumQuery('dryRun', ['true', 'false'], 'Check and count only; append nothing.'), textQuery('source', 'The system the package comes from (default: its manifest source.systemCode).'))
  @Post('oneroster')
  @HttpCode(202)
  @RequireRole('commands')
  // Every row is checked against the token's organisations, in validation and command by command.
  @Scope({ kind: 'command' })
  async oneroster(@Body() body: unknown, @Query() query: Record<string, unknown>, @CurrentPrincipal() principal: Principal): Promise<Pick<ImportReport, 'importId' | 'status'>> {
    if (!Buffer.isBuffer(body) || body.length === 0) throw new ApiError(415, 'UnsupportedMediaType', 'Send the OneRoster package as the body, with Content-Type: application/zip.');
    const problems: { field: string; message: string }[] = [];
    if (query.dryRun !== undefined && query.dryRun !== 'true' && query.dryRun !== 'false') problems.push({ field: 'dryRun', message: 'must be true or false' });
    if (query.source !== undefined && (typeof query.source !== 'string' || !SOURCE_CODE.test(query.source))) problems.push({ field: 'source', message: 'must be 1–40 of A–Z a–z 0–9 _ -' });
    if (problems.length) throw validationFailed(problems);
    const report = await this.jobs.start(body, { dryRun: query.dryRun === 'true', source: (query.source as string | undefined) ?? null, actor: { type: 'token', id: principal.name }, principal });
    return { importId: report.importId, status: report.status };
  }

  @Get(':id')
  @RequireRole('commands', 'reports')
  @Unscoped('answered to a token with * and to the token that started the import; 404 for others, as for an import that does not exist')
  async get(@Param('id', ValidId) id: string, @CurrentPrincipal() principal: Principal): Promise<ImportReport> {
    const report = await this.jobs.find(id, principal);
    if (!report) throw new ApiError(404, 'NotFound', `There is no import ${id}.`);
    return report;
  }
}
