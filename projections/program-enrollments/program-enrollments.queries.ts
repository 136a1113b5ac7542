import type { DocumentStore, Filter } from '../../src/read-store/document-store.port';
import type { Paging } from '../../src/http/paging';
import { PROGRAM_ENROLLMENTS, ProgramEnrollmentDocument } from './program-enrollments.read-model';
import { findPage } from '../../src/read-store/find-page';

export interface ProgramEnrollmentQuery {
  curriculumId?: string;
  status?: string;
  linked?: boolean;
}

/** A program's enrollments, oldest first. */
export async function programEnrollments(
  documents: DocumentStore,
  programId: string,
  query: ProgramEnrollmentQuery,
  paging: Paging,
  organisations: string[] | null = null,
): Promise<{ items: ProgramEnrollmentDocument[]; total: number }> {
  const filter: Filter = { programId };
  // Scoped tokens see the enrollments of their organisations (one without an organisation is national).
  if (organisations !== null) filter.organisationId = { $in: organisations };
  if (query.curriculumId !== undefined) filter.curriculumId = query.curriculumId;
  if (query.status !== undefined) filter.status = query.status;
  if (query.linked !== undefined) filter.linked = query.linked;
  return findPage<ProgramEnrollmentDocument>(documents, PROGRAM_ENROLLMENTS, filter, [['createdAt', 1]], paging);
}
