import { specFor } from '../../test/support/decider-spec';
import { subjectTreeDecider } from './subject-tree.decider';
import { SubjectEvent, SubjectPhase } from './subject.events';

const defined = (subjectId: string, code: string, parentSubjectId: string | null = null, phase: SubjectPhase = 'secondary'): SubjectEvent => ({
  type: 'SubjectDefined',
  data: { subjectId, name: `Subject ${subjectId}`, code, phase, parentSubjectId },
});
const tree = [defined('mfl', 'MFL'), defined('french', 'F1', 'mfl'), defined('spanish', 'F2', 'mfl'), defined('maths', 'G1'), defined('primary', '00', null, 'primary')];
const spec = specFor(subjectTreeDecider, undefined);

describe('Subject tree decider', () => {
  it('defines a subject under a parent of the same phase', () => {
    spec.given(tree).when({ type: 'DefineSubject', subjectId: 'german', name: ' German ', code: 'F3', phase: 'secondary', parentSubjectId: 'mfl' }).then([
      { type: 'SubjectDefined', data: { subjectId: 'german', name: 'German', code: 'F3', phase: 'secondary', parentSubjectId: 'mfl' } },
    ]);
  });

  it('defining the same subject again decides nothing; with other details is AlreadyExists', () => {
    spec.given(tree).when({ type: 'DefineSubject', subjectId: 'french', name: 'Subject french', code: 'F1', phase: 'secondary', parentSubjectId: 'mfl' }).then([]);
    spec.given(tree).when({ type: 'DefineSubject', subjectId: 'french', name: 'French', code: 'F1', phase: 'secondary', parentSubjectId: 'mfl' }).thenFails('AlreadyExists');
  });

  it('codes are unique, compared trimmed and case-insensitively', () => {
    spec.given(tree).when({ type: 'DefineSubject', subjectId: 'latin', name: 'Latin', code: ' f1', phase: 'secondary' }).thenFails('SubjectCodeTaken');
  });

  describe('the parent exists and has the same phase', () => {
    it('refuses a parent that does not exist', () => {
      spec.given(tree).when({ type: 'DefineSubject', subjectId: 'x', name: 'X', code: 'X', phase: 'secondary', parentSubjectId: 'nope' }).thenFails('ParentSubjectNotFound');
      spec.given(tree).when({ type: 'MoveSubject', subjectId: 'french', parentSubjectId: 'nope' }).thenFails('ParentSubjectNotFound');
    });
    it('refuses a parent of the other phase, on define and on move', () => {
      spec.given(tree).when({ type: 'DefineSubject', subjectId: 'x', name: 'X', code: 'X', phase: 'primary', parentSubjectId: 'mfl' }).thenFails('SubjectPhaseMismatch');
      spec.given(tree).when({ type: 'MoveSubject', subjectId: 'french', parentSubjectId: 'primary' }).thenFails('SubjectPhaseMismatch');
    });
  });

  describe('no cycles: a subject cannot become its own ancestor (SubjectHierarchyCycle, 409)', () => {
    it('refuses a move under itself', () => {
      const error = spec.given(tree).when({ type: 'MoveSubject', subjectId: 'mfl', parentSubjectId: 'mfl' }).thenFails('SubjectHierarchyCycle');
      expect(error.kind).toBe('conflict');
    });
    it('refuses a move under one of its descendants', () => {
      spec.given(tree).when({ type: 'MoveSubject', subjectId: 'mfl', parentSubjectId: 'french' }).thenFails('SubjectHierarchyCycle');
    });
    it('refuses the second of two moves that together would form a cycle (A under B, then B under A)', () => {
      const aUnderB: SubjectEvent = { type: 'SubjectMoved', data: { subjectId: 'maths', parentSubjectId: 'spanish', previousParentSubjectId: null } };
      spec.given([...tree, aUnderB]).when({ type: 'MoveSubject', subjectId: 'spanish', parentSubjectId: 'maths' }).thenFails('SubjectHierarchyCycle');
    });
  });

  it('moves a subject and records where it came from; moving to the same parent decides nothing; no parent makes it a root', () => {
    spec.given(tree).when({ type: 'MoveSubject', subjectId: 'french', parentSubjectId: 'maths' }).then([
      { type: 'SubjectMoved', data: { subjectId: 'french', parentSubjectId: 'maths', previousParentSubjectId: 'mfl' } },
    ]);
    spec.given(tree).when({ type: 'MoveSubject', subjectId: 'french', parentSubjectId: 'mfl' }).then([]);
    expect(spec.given(tree).when({ type: 'MoveSubject', subjectId: 'french' }).state().subjects.french.parentSubjectId).toBeNull();
  });

  it('renames a subject; the same name decides nothing; an unknown subject is NotFound', () => {
    spec.given(tree).when({ type: 'RenameSubject', subjectId: 'mfl', name: 'Modern foreign languages' }).then([
      { type: 'SubjectRenamed', data: { subjectId: 'mfl', name: 'Modern foreign languages' } },
    ]);
    spec.given(tree).when({ type: 'RenameSubject', subjectId: 'mfl', name: 'Subject mfl' }).then([]);
    spec.given(tree).when({ type: 'RenameSubject', subjectId: 'nope', name: 'N' }).thenFails('NotFound');
  });
});
