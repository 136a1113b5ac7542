import { Controller, Get, Inject, Param, Query, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { RequireRole } from '../../src/auth/auth.decorators';
import { ScopedResource } from '../../src/auth/read-scope';
import { DisclosesStudent } from '../../src/http/discloses-student';
import { ApiError, validationFailed } from '../../src/http/api-error';
import { listAnswer, parsePaging } from '../../src/http/paging';
import { ValidId } from '../../src/http/path-ids';
import { PagedList, QueryParams, dateQuery } from '../../src/http/query-docs';
import { parseDateParam } from '../../src/http/query-params';
import { ReadModel } from '../../src/http/read-consistency';
import { DOCUMENT_STORE, DocumentStore } from '../../src/read-store/document-store.port';
import { classroomWork, schoolWork, studentWork, WorkPeriod } from './work-attribution.queries';

type QueryString = Record<string, unknown>;

/** The longest period one work query may cover (security.md D3: no query reads every day). */
export const MAX_WORK_PERIOD_DAYS = 400;
const DAY_MS = 24 * 3600 * 1000;

const WORK_PERIOD_PARAMS = [
  dateQuery('from', 'Work completed on or after this day (UTC); needed.'),
  dateQuery('to', `Work completed before this day (UTC; exclusive); needed, at most ${MAX_WORK_PERIOD_DAYS} days after from.`),
];

/** `from` and `to` are days of completedAt (UTC): from inclusive, to exclusive, both needed, at most 400 days apart. */
function parsePeriod(query: QueryString): Required<WorkPeriod> {
  const from = parseDateParam('from', query.from);
  const to = parseDateParam('to', query.to);
  const problems = [
    ...(from ? [] : [{ field: 'from', message: 'is needed: a date YYYY-MM-DD' }]),
    ...(to ? [] : [{ field: 'to', message: 'is needed: a date YYYY-MM-DD' }]),
  ];
  if (problems.length) throw validationFailed(problems);
  const days = (Date.parse(to!) - Date.parse(from!)) / DAY_MS;
  if (days <= 0) throw validationFailed([{ field: 'to', message: 'must be a day after from (to is exclusive)' }]);
  if (days > MAX_WORK_PERIOD_DAYS) throw validationFailed([{ field: 'to', message: `must be at most ${MAX_WORK_PERIOD_DAYS} days after from` }]);
  return { from: from!, to: to! };
}

@Controller('v1')
export class WorkAttributionController {
  constructor(@Inject(DOCUMENT_STORE) private readonly documents: DocumentStore) {}

  @QueryParams(...WORK_PERIOD_PARAMS)
  @Get('classrooms/:id/work')
  @RequireRole('reports')
  @ScopedResource('classroom')
  @ReadModel('work-attribution')
  async classroom(@Param('id', ValidId) id: string, @Query() query: QueryString) {
    const work = await classroomWork(this.documents, id, parsePeriod(query));
    if (!work) throw new ApiError(404, 'NotFound', `Classroom ${id} does not exist.`);
    return work;
  }

  @QueryParams(...WORK_PERIOD_PARAMS)
  @Get('schools/:id/work')
  @RequireRole('reports')
  @ScopedResource('organisation', 'id', { unknownIs404: true })
  @ReadModel('work-attribution')
  school(@Param('id', ValidId) id: string, @Query() query: QueryString) {
    return schoolWork(this.documents, id, parsePeriod(query));
  }

  @PagedList()
  @QueryParams(...WORK_PERIOD_PARAMS)
  @Get('students/:id/work')
  @RequireRole('reports')
  @ScopedResource('student', 'id', { unknownIs404: true })
  @ReadModel('work-attribution')
  @DisclosesStudent()
  async student(@Param('id', ValidId) id: string, @Query() query: QueryString, @Res({ passthrough: true }) reply: FastifyReply) {
    const { items, total } = await studentWork(this.documents, id, parsePeriod(query), parsePaging(query));
    return listAnswer(reply, items, total);
  }
}
