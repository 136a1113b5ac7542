import { project } from '../../test/support/projector-spec';
import { SubjectEvent } from '../../src/subjects/subject.events';
import { subjectTreeProjection } from './subject-tree.projector';
import { subjectTree } from './subject-tree.queries';
import { SUBJECTS } from './subject-tree.read-model';

const stream = 'subject-tree-all';
const defined = (subjectId: string, name: string, parentSubjectId: string | null = null): SubjectEvent & { streamId: string } => ({
  streamId: stream, type: 'SubjectDefined', data: { subjectId, name, code: subjectId.toUpperCase(), phase: 'secondary', parentSubjectId },
});
const events: (SubjectEvent & { streamId: string })[] = [
  defined('mfl', 'Languages'),
  defined('french', 'French', 'mfl'),
  defined('spanish', 'Spanish', 'mfl'),
  defined('maths', 'Mathematics'),
  { streamId: stream, type: 'SubjectRenamed', data: { subjectId: 'mfl', name: 'Modern foreign languages' } },
  { streamId: stream, type: 'SubjectMoved', data: { subjectId: 'spanish', parentSubjectId: 'maths', previousParentSubjectId: 'mfl' } },
];

describe('subject tree projector', () => {
  it('keeps one document per subject and the query assembles the tree', async () => {
    const given = await project(subjectTreeProjection, events);
    expect(await given.get(SUBJECTS, 'mfl')).toMatchObject({ name: 'Modern foreign languages', parentSubjectId: null, code: 'MFL' });
    const tree = await subjectTree(given.documents);
    expect(tree.map((n) => [n.subjectId, n.children.map((c) => c.subjectId)])).toEqual([
      ['maths', ['spanish']],
      ['mfl', ['french']],
    ]);
    await given.close();
  });

  it('the same events delivered twice change nothing', async () => {
    const given = await project(subjectTreeProjection, events);
    const before = await given.all(SUBJECTS);
    await given.replayed();
    expect(await given.all(SUBJECTS)).toEqual(before);
    await given.close();
  });
});
