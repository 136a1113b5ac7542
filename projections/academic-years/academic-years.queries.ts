import type { Paging } from '../../src/http/paging';
import type { DocumentStore } from '../../src/read-store/document-store.port';
import { ACADEMIC_YEARS, AcademicYearDocument } from './academic-years.read-model';

export async function academicYearList(documents: DocumentStore, paging: Paging): Promise<{ items: AcademicYearDocument[]; total: number }> {
  const years = documents.collection<AcademicYearDocument>(ACADEMIC_YEARS);
  const [items, total] = await Promise.all([years.find({}, { sort: [['startsOn', 1]], limit: paging.limit, offset: paging.offset }), years.count({})]);
  return { items, total };
}

export function academicYear(documents: DocumentStore, academicYearId: string): Promise<AcademicYearDocument | null> {
  return documents.collection<AcademicYearDocument>(ACADEMIC_YEARS).get(academicYearId);
}
