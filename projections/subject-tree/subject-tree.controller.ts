import { Controller, Get, Inject, Query, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { RequireRole } from '../../src/auth/auth.decorators';
import { Unscoped } from '../../src/auth/read-scope';
import { listAnswer, parsePaging } from '../../src/http/paging';
import { parseEnumParam } from '../../src/http/query-params';
import { ReadModel } from '../../src/http/read-consistency';
import { DOCUMENT_STORE, DocumentStore } from '../../src/read-store/document-store.port';
import { SUBJECT_PHASES } from '../../src/subjects/subject.events';
import { subjectTree } from './subject-tree.queries';
import { PagedList, QueryParams, enumQuery } from '../../src/http/query-docs';

@Controller('v1/subjects')
export class SubjectTreeController {
  constructor(@Inject(DOCUMENT_STORE) private readonly documents: DocumentStore) {}

  /** The tree: `items` are the roots (paged), each with its `children`. */
  @PagedList()
  @QueryParams(enumQuery('phase', SUBJECT_PHASES, 'Only subjects of this phase.'))
  @Get()
  @RequireRole('reports')
  @Unscoped('a published directory')
  @ReadModel('subject-tree')
  async tree(@Query() query: Record<string, unknown>, @Res({ passthrough: true }) reply: FastifyReply) {
    const phase = parseEnumParam('phase', query.phase, SUBJECT_PHASES);
    const { limit, offset } = parsePaging(query);
    const roots = await subjectTree(this.documents, phase);
    return listAnswer(reply, roots.slice(offset, offset + limit), roots.length);
  }
}
