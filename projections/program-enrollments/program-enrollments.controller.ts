import { Controller, Get, Inject, Param, Query, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { RequireRole } from '../../src/auth/auth.decorators';
import { CurrentReadScope, ReadScope, ScopeFiltered } from '../../src/auth/read-scope';
import { validationFailed } from '../../src/http/api-error';
import { listAnswer, parsePaging } from '../../src/http/paging';
import { ValidId } from '../../src/http/path-ids';
import { parseEnumParam } from '../../src/http/query-params';
import { ReadModel } from '../../src/http/read-consistency';
import { DOCUMENT_STORE, DocumentStore } from '../../src/read-store/document-store.port';
import type { ProgramEnrollmentStatus } from '../../src/enrollments/program-enrollment.events';
import { isValidId } from '../../src/shared/ids';
import { programEnrollments } from './program-enrollments.queries';
import { PagedList, QueryParams, enumQuery, idQuery } from '../../src/http/query-docs';

type QueryString = Record<string, unknown>;

const STATUSES: readonly ProgramEnrollmentStatus[] = ['enrolled', 'pending', 'suspended', 'canceled', 'ended'];

function parseIdParam(name: string, value: unknown): string | undefined {
  if (value === undefined || value === '') return undefined;
  if (!isValidId(value)) throw validationFailed([{ field: name, message: 'must be an id of 1–128 characters A–Z a–z 0–9 . _ - : @' }]);
  return value;
}

@Controller('v1/programs')
export class ProgramEnrollmentsController {
  constructor(@Inject(DOCUMENT_STORE) private readonly documents: DocumentStore) {}

  @PagedList()
  @QueryParams(idQuery('curriculumId', 'Only this curriculum.'), enumQuery('status', STATUSES, 'Only enrollments in this status.'), enumQuery('linked', ['true', 'false'], 'Only enrollments linked (or not yet linked) to a student.'))
  @Get(':programId/enrollments')
  @RequireRole('reports')
  @ScopeFiltered()
  @ReadModel('program-enrollments')
  async list(
    @Param('programId', ValidId) programId: string,
    @Query() query: QueryString,
    @Res({ passthrough: true }) reply: FastifyReply,
    @CurrentReadScope() scope: ReadScope,
  ) {
    const curriculumId = parseIdParam('curriculumId', query.curriculumId);
    const status = parseEnumParam('status', query.status, STATUSES);
    const linked = parseEnumParam('linked', query.linked, ['true', 'false'] as const);
    const { items, total } = await programEnrollments(
      this.documents,
      programId,
      { curriculumId, status, linked: linked === undefined ? undefined : linked === 'true' },
      parsePaging(query),
      scope.organisations,
    );
    return listAnswer(reply, items, total);
  }
}
