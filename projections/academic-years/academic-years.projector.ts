import type { AcademicYearEvent } from '../../src/academic-years/academic-year.events';
import { ACADEMIC_YEAR_EVENT_TYPES } from '../../src/academic-years/academic-year.events';
import type { RecordedOf } from '../../src/shared/event';
import type { ProjectionDefinition } from '../subscription/projection';
import { ACADEMIC_YEARS, academicYearIndexes, AcademicYearDocument, TermEntry } from './academic-years.read-model';

const byStart = (a: TermEntry, b: TermEntry) => (a.startsOn < b.startsOn ? -1 : a.startsOn > b.startsOn ? 1 : 0);

export const academicYearsProjection: ProjectionDefinition = {
  name: 'academic-years',
  version: 1,
  collections: { [ACADEMIC_YEARS]: academicYearIndexes },
  handles: ACADEMIC_YEAR_EVENT_TYPES,
  async apply(recorded, context) {
    const event = recorded as RecordedOf<AcademicYearEvent>;
    const years = context.collection<AcademicYearDocument>(ACADEMIC_YEARS);
    const updatedAt = event.metadata.occurredAt;
    switch (event.type) {
      case 'AcademicYearDefined': {
        const { academicYearId, name, startsOn, endsOn } = event.data;
        await years.put(academicYearId, { academicYearId, name, startsOn, endsOn, terms: [], fundingRates: null, updatedAt });
        return;
      }
      case 'TermDefined': {
        const { academicYearId, termId, name, startsOn, endsOn } = event.data;
        await years.update(academicYearId, (doc) => {
          if (!doc) return null;
          const terms = [...doc.terms.filter((t) => t.termId !== termId), { termId, name, startsOn, endsOn }].sort(byStart);
          return { ...doc, terms, updatedAt };
        });
        return;
      }
      case 'FundingRatesSet':
        await years.update(event.data.academicYearId, (doc) => doc && { ...doc, fundingRates: event.data.rates, updatedAt });
        return;
    }
  },
};
