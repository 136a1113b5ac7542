import { Controller, Get, Inject, Param, Query, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { RequireRole } from '../../src/auth/auth.decorators';
import { ScopedOrganisation, ScopedResource } from '../../src/auth/read-scope';
import { ApiError, validationFailed } from '../../src/http/api-error';
import { listAnswer, parsePaging } from '../../src/http/paging';
import { ValidId } from '../../src/http/path-ids';
import { parseDateParam, parseEnumParam } from '../../src/http/query-params';
import { ReadModel } from '../../src/http/read-consistency';
import { DOCUMENT_STORE, DocumentStore } from '../../src/read-store/document-store.port';
import { CLOCK, Clock, isoDate } from '../../src/shared/clock';
import { toGradeCode } from '../../src/students/grade-levels';
import { ClassroomRoster, classroomRoster, districtStudents, schoolClassrooms, schoolStudents } from './rosters.queries';
import { PagedList, QueryParams, dateQuery, enumQuery, textQuery } from '../../src/http/query-docs';

type QueryString = Record<string, unknown>;

/** A OneRoster grade code or an Ed-Fi grade descriptor, as the code. */
function parseGradeParam(value: unknown): string | undefined {
  if (value === undefined || value === '') return undefined;
  const code = typeof value === 'string' ? toGradeCode(value) : null;
  if (code === null) throw validationFailed([{ field: 'grade', message: 'must be a OneRoster grade code (e.g. 09) or an Ed-Fi grade descriptor' }]);
  return code;
}

@Controller('v1')
export class RostersController {
  constructor(@Inject(DOCUMENT_STORE) private readonly documents: DocumentStore, @Inject(CLOCK) private readonly clock: Clock) {}

  @PagedList()
  @QueryParams(textQuery('username', 'The student with this username (case-insensitive).'), enumQuery('status', ['active', 'deactivated'], 'Only students in this status.'))
  @Get('districts/:id/students')
  @RequireRole('reports')
  @ScopedOrganisation()
  @ReadModel('rosters')
  async district(@Param('id', ValidId) id: string, @Query() query: QueryString, @Res({ passthrough: true }) reply: FastifyReply) {
    const username = typeof query.username === 'string' ? query.username : undefined;
    const status = parseEnumParam('status', query.status, ['active', 'deactivated'] as const);
    const { items, total } = await districtStudents(this.documents, id, { username, status }, parsePaging(query));
    return listAnswer(reply, items, total);
  }

  @PagedList()
  @QueryParams(dateQuery('asOf', 'Students attending on this day (default today).'), textQuery('grade', 'A OneRoster grade code (e.g. 09) or an Ed-Fi grade descriptor.'))
  @Get('schools/:id/students')
  @RequireRole('reports')
  @ScopedOrganisation()
  @ReadModel('rosters')
  async school(@Param('id', ValidId) id: string, @Query() query: QueryString, @Res({ passthrough: true }) reply: FastifyReply) {
    const asOf = parseDateParam('asOf', query.asOf, isoDate(this.clock.now()))!;
    const grade = parseGradeParam(query.grade);
    const { items, total } = await schoolStudents(this.documents, id, { asOf, grade }, parsePaging(query));
    return listAnswer(reply, items, total);
  }

  @PagedList()
  @QueryParams(enumQuery('status', ['active', 'closed'], 'Only classrooms in this status.'))
  @Get('schools/:id/classrooms')
  @RequireRole('reports')
  @ScopedOrganisation()
  @ReadModel('rosters')
  async classrooms(@Param('id', ValidId) id: string, @Query() query: QueryString, @Res({ passthrough: true }) reply: FastifyReply) {
    const status = parseEnumParam('status', query.status, ['active', 'closed'] as const);
    const { items, total } = await schoolClassrooms(this.documents, id, { status }, parsePaging(query));
    return listAnswer(reply, items, total);
  }

  /** The classroom, its staff, and a page of its students (`X-Total-Count` counts the students) on `asOf`. */
  @PagedList()
  @QueryParams(dateQuery('asOf', 'Enrollments on this day (default today).'))
  @Get('classrooms/:id/roster')
  @RequireRole('reports')
  @ScopedResource('classroom')
  @ReadModel('rosters')
  async roster(@Param('id', ValidId) id: string, @Query() query: QueryString, @Res({ passthrough: true }) reply: FastifyReply): Promise<ClassroomRoster> {
    const asOf = parseDateParam('asOf', query.asOf, isoDate(this.clock.now()))!;
    const found = await classroomRoster(this.documents, id, asOf, parsePaging(query));
    if (!found) throw new ApiError(404, 'NotFound', `Classroom ${id} does not exist.`);
    reply.header('X-Total-Count', String(found.totalStudents));
    return found.roster;
  }
}
