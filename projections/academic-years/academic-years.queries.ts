import type { Paging } from '../../src/http/paging';
import type { DocumentStore } from '../../src/read-store/document-store.port';
import { ACADEMIC_YEARS, AcademicYearDocument } from './academic-years.read-model';
import { findPage } from '../../src/read-store/find-page';

export async function academicYearList(documents: DocumentStore, paging: Paging): Promise<{ items: AcademicYearDocument[]; total: number }> {
  return findPage<AcademicYearDocument>(documents, ACADEMIC_YEARS, {}, [['startsOn', 1]], paging);
}

export function academicYear(documents: DocumentStore, academicYearId: string): Promise<AcademicYearDocument | null> {
  return documents.collection<AcademicYearDocument>(ACADEMIC_YEARS).get(academicYearId);
}
