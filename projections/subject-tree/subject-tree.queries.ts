import type { DocumentStore } from '../../src/read-store/document-store.port';
import type { SubjectPhase } from '../../src/subjects/subject.events';
import { SUBJECTS, SubjectDocument } from './subject-tree.read-model';

export interface SubjectNode {
  subjectId: string;
  name: string;
  code: string;
  phase: SubjectPhase;
  parentSubjectId: string | null;
  children: SubjectNode[];
}

/** The whole tree, roots first by phase then name, children by name (the tree is small: one read). */
export async function subjectTree(documents: DocumentStore, phase?: SubjectPhase): Promise<SubjectNode[]> {
  const all = await documents.collection<SubjectDocument>(SUBJECTS).find(phase ? { phase } : {}, { sort: [['phase', 1], ['name', 1]] });
  const nodes = new Map<string, SubjectNode>(
    all.map((s) => [s.subjectId, { subjectId: s.subjectId, name: s.name, code: s.code, phase: s.phase, parentSubjectId: s.parentSubjectId, children: [] }]),
  );
  const roots: SubjectNode[] = [];
  for (const node of nodes.values()) {
    const parent = node.parentSubjectId === null ? undefined : nodes.get(node.parentSubjectId);
    if (parent) parent.children.push(node);
    else roots.push(node);
  }
  return roots;
}
