import { Controller, Get, Inject, Param, Query, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { RequireRole } from '../../src/auth/auth.decorators';
import { listAnswer, parsePaging } from '../../src/http/paging';
import { ValidId } from '../../src/http/path-ids';
import { parseDateParam, parseEnumParam } from '../../src/http/query-params';
import { ReadModel } from '../../src/http/read-consistency';
import { DOCUMENT_STORE, DocumentStore } from '../../src/read-store/document-store.port';
import { CLOCK, Clock, isoDate } from '../../src/shared/clock';
import { GRADE_CODES } from '../../src/students/grade-levels';
import { districtStudents, schoolStudents } from './rosters.queries';

type QueryString = Record<string, unknown>;

@Controller('v1')
export class RostersController {
  constructor(@Inject(DOCUMENT_STORE) private readonly documents: DocumentStore, @Inject(CLOCK) private readonly clock: Clock) {}

  @Get('districts/:id/students')
  @RequireRole('reports')
  @ReadModel('rosters')
  async district(@Param('id', ValidId) id: string, @Query() query: QueryString, @Res({ passthrough: true }) reply: FastifyReply) {
    const username = typeof query.username === 'string' ? query.username : undefined;
    const status = parseEnumParam('status', query.status, ['active', 'deactivated'] as const);
    const { items, total } = await districtStudents(this.documents, id, { username, status }, parsePaging(query));
    return listAnswer(reply, items, total);
  }

  @Get('schools/:id/students')
  @RequireRole('reports')
  @ReadModel('rosters')
  async school(@Param('id', ValidId) id: string, @Query() query: QueryString, @Res({ passthrough: true }) reply: FastifyReply) {
    const asOf = parseDateParam('asOf', query.asOf, isoDate(this.clock.now()))!;
    const grade = parseEnumParam('grade', query.grade, GRADE_CODES);
    const { items, total } = await schoolStudents(this.documents, id, { asOf, grade }, parsePaging(query));
    return listAnswer(reply, items, total);
  }
}
