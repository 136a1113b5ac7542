import { specFor } from '../../test/support/decider-spec';
import { CreateClassroom } from './classroom.commands';
import { AcademicYearFact, classroomDecider, ClassroomLookups } from './classroom.decider';
import { ClassroomEvent } from './classroom.events';

const school = { id: 's-1', type: 'school', closed: false };
const year: AcademicYearFact = { academicYearId: 'ay-2025', defined: true, termIds: ['autumn', 'spring'] };
const spec = specFor(classroomDecider, { school, academicYear: year } as ClassroomLookups);

const create: CreateClassroom = { type: 'CreateClassroom', classroomId: 'c-1', schoolId: 's-1', title: 'Maths 9A', classType: 'scheduled' };
const created: ClassroomEvent = {
  type: 'ClassroomCreated',
  data: { classroomId: 'c-1', schoolId: 's-1', title: 'Maths 9A', classType: 'scheduled', subjects: [], grades: [], termIds: [] },
};
const closed: ClassroomEvent = { type: 'ClassroomClosed', data: { classroomId: 'c-1', schoolId: 's-1' } };

describe('Classroom decider', () => {
  it('creates a classroom with empty lists for what was not given', () => spec.given().when(create).then([created]));

  it('creating again with the same details decides nothing; with others is AlreadyExists', () => {
    spec.given([created]).when(create).then([]);
    spec.given([created]).when({ ...create, title: 'Maths 9B' }).thenFails('AlreadyExists');
  });

  describe('rule: the school exists, is a school, and is not closed', () => {
    it('refuses a school that does not exist', () => {
      spec.given().when(create, { lookups: { school: { id: 's-1', type: null, closed: false } } }).thenFails('SchoolNotFound');
    });
    it('refuses a district as the school', () => {
      spec.given().when(create, { lookups: { school: { id: 's-1', type: 'district', closed: false } } }).thenFails('NotASchool');
    });
    it('refuses a closed school', () => {
      spec.given().when(create, { lookups: { school: { ...school, closed: true } } }).thenFails('OrganisationClosed');
    });
  });

  describe('rule: terms belong to the academic year', () => {
    it('accepts terms of the given year', () => {
      spec.given().when({ ...create, academicYearId: 'ay-2025', termIds: ['autumn'] }).then([
        { ...created, data: { ...created.data, academicYearId: 'ay-2025', termIds: ['autumn'] } } as ClassroomEvent,
      ]);
    });
    it('requires academicYearId when termIds are given', () => {
      spec.given().when({ ...create, termIds: ['autumn'] }).thenFails('AcademicYearRequired');
    });
    it('refuses a term of another year', () => {
      const failure = spec.given().when({ ...create, academicYearId: 'ay-2025', termIds: ['autumn', 'summer-2024'] }).thenFails('TermNotInAcademicYear');
      expect(failure.details).toEqual([{ academicYearId: 'ay-2025', termIds: ['summer-2024'] }]);
    });
    it('refuses an academic year that is not defined', () => {
      spec.given().when({ ...create, academicYearId: 'ay-1999' }, { lookups: { academicYear: { academicYearId: 'ay-1999', defined: false, termIds: [] } } }).thenFails('AcademicYearNotFound');
    });
    it('an update of the terms alone is checked against the classroom’s year', () => {
      const inYear: ClassroomEvent = { ...created, data: { ...created.data, academicYearId: 'ay-2025', termIds: ['autumn'] } } as ClassroomEvent;
      spec.given([inYear]).when({ type: 'UpdateClassroom', classroomId: 'c-1', termIds: ['autumn', 'summer'] }).thenFails('TermNotInAcademicYear');
      spec.given([inYear]).when({ type: 'UpdateClassroom', classroomId: 'c-1', termIds: ['autumn', 'spring'] }).then([
        { type: 'ClassroomUpdated', data: { classroomId: 'c-1', schoolId: 's-1', termIds: ['autumn', 'spring'] } },
      ]);
    });
    it('a move to another year keeps the terms only if they belong to it', () => {
      const inYear: ClassroomEvent = { ...created, data: { ...created.data, academicYearId: 'ay-2025', termIds: ['autumn'] } } as ClassroomEvent;
      spec.given([inYear]).when({ type: 'UpdateClassroom', classroomId: 'c-1', academicYearId: 'ay-2026' }, { lookups: { academicYear: { academicYearId: 'ay-2026', defined: true, termIds: ['t1'] } } }).thenFails('TermNotInAcademicYear');
    });
  });

  it('grades are stored as OneRoster codes; Ed-Fi descriptors are mapped and unknown grades refused', () => {
    spec.given().when({ ...create, grades: ['uri://ed-fi.org/GradeLevelDescriptor#Ninth grade', '09', '10'] }).then([
      { ...created, data: { ...created.data, grades: ['09', '10'] } } as ClassroomEvent,
    ]);
    spec.given().when({ ...create, grades: ['Year 9'] }).thenFails('UnknownGradeLevel');
  });

  describe('UpdateClassroom', () => {
    it('records only the changed fields, with the school for projections', () => {
      spec.given([created]).when({ type: 'UpdateClassroom', classroomId: 'c-1', title: 'Maths 9A', subjects: ['Mathematics'] }).then([
        { type: 'ClassroomUpdated', data: { classroomId: 'c-1', schoolId: 's-1', subjects: ['Mathematics'] } },
      ]);
    });
    it('no event when nothing changed', () => spec.given([created]).when({ type: 'UpdateClassroom', classroomId: 'c-1', title: 'Maths 9A' }).then([]));
    it('refuses a closed classroom', () => {
      spec.given([created, closed]).when({ type: 'UpdateClassroom', classroomId: 'c-1', title: 'New' }).thenFails('ClassroomClosed');
    });
    it('refuses a classroom that does not exist', () => void spec.given().when({ type: 'UpdateClassroom', classroomId: 'c-1', title: 'New' }).thenFails('NotFound'));
  });

  it('closes once; closing again decides nothing', () => {
    spec.given([created]).when({ type: 'CloseClassroom', classroomId: 'c-1' }).then([closed]);
    spec.given([created, closed]).when({ type: 'CloseClassroom', classroomId: 'c-1' }).then([]);
  });
});
