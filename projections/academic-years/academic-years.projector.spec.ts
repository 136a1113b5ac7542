import { project } from '../../test/support/projector-spec';
import { AcademicYearEvent } from '../../src/academic-years/academic-year.events';
import { academicYearsProjection } from './academic-years.projector';
import { ACADEMIC_YEARS } from './academic-years.read-model';

const rates = { inner_london: 5360, outer_london: 4825, fringe: 4510, rest_of_england: 4380 };
const events: (AcademicYearEvent & { streamId: string })[] = [
  { streamId: 'academic-year-ay-2025', type: 'AcademicYearDefined', data: { academicYearId: 'ay-2025', name: '2025/26', startsOn: '2025-09-01', endsOn: '2026-08-31' } },
  { streamId: 'academic-year-ay-2025', type: 'TermDefined', data: { academicYearId: 'ay-2025', termId: 'spring', name: 'Spring', startsOn: '2026-01-05', endsOn: '2026-03-27' } },
  { streamId: 'academic-year-ay-2025', type: 'TermDefined', data: { academicYearId: 'ay-2025', termId: 'autumn', name: 'Autumn', startsOn: '2025-09-01', endsOn: '2025-12-19' } },
  { streamId: 'academic-year-ay-2025', type: 'FundingRatesSet', data: { academicYearId: 'ay-2025', rates } },
  { streamId: 'academic-year-ay-2025', type: 'FundingRatesSet', data: { academicYearId: 'ay-2025', rates: { ...rates, fringe: 4600 } } },
];

describe('academic-years projector', () => {
  it('keeps the year with its terms by start date and its latest funding rates', async () => {
    const given = await project(academicYearsProjection, events);
    expect(await given.get(ACADEMIC_YEARS, 'ay-2025')).toMatchObject({
      academicYearId: 'ay-2025',
      name: '2025/26',
      startsOn: '2025-09-01',
      endsOn: '2026-08-31',
      terms: [
        { termId: 'autumn', name: 'Autumn', startsOn: '2025-09-01', endsOn: '2025-12-19' },
        { termId: 'spring', name: 'Spring', startsOn: '2026-01-05', endsOn: '2026-03-27' },
      ],
      fundingRates: { ...rates, fringe: 4600 },
    });
    await given.close();
  });

  it('a year without rates shows null funding rates', async () => {
    const given = await project(academicYearsProjection, events.slice(0, 1));
    expect(await given.get(ACADEMIC_YEARS, 'ay-2025')).toMatchObject({ terms: [], fundingRates: null });
    await given.close();
  });

  it('the same events delivered twice change nothing', async () => {
    const given = await project(academicYearsProjection, events);
    const before = await given.all(ACADEMIC_YEARS);
    await given.replayed();
    expect(await given.all(ACADEMIC_YEARS)).toEqual(before);
    await given.close();
  });
});
