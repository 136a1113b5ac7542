import { Controller, Get, Query, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { RequireRole } from '../auth/auth.decorators';
import { validationFailed } from '../http/api-error';
import { listAnswer, parsePaging } from '../http/paging';
import { isValidId } from '../shared/ids';
import { DisclosureLog } from './disclosure-log';
import { National } from '../auth/read-scope';

const instant = (name: string, value: unknown): string | undefined => {
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || Number.isNaN(Date.parse(value))) throw validationFailed([{ field: name, message: 'must be an ISO-8601 date or instant' }]);
  return new Date(value).toISOString();
};

/** FERPA's record of disclosures: who read a student's personal data, when, through which endpoint. */
@Controller('v1/audit/disclosures')
export class DisclosuresController {
  constructor(private readonly log: DisclosureLog) {}

  /** `from` inclusive, `to` exclusive; oldest first. */
  @Get()
  @RequireRole('audit')
  // Reads of every district's students: tokens with * only.
  @National()
  async list(@Query() query: Record<string, unknown>, @Res({ passthrough: true }) reply: FastifyReply) {
    const studentId = query.studentId;
    if (studentId !== undefined && (typeof studentId !== 'string' || !isValidId(studentId))) {
      throw validationFailed([{ field: 'studentId', message: 'must be a student id' }]);
    }
    const { items, total } = await this.log.find({ studentId, from: instant('from', query.from), to: instant('to', query.to) }, parsePaging(query));
    return listAnswer(reply, items, total);
  }
}
