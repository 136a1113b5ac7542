import { assertNever, Decider } from '../shared/decider';
import { conflict, notFound, ruleBroken } from '../shared/domain-error';
import { SubjectCommand } from './subject.commands';
import { SubjectEvent, SubjectPhase } from './subject.events';

export interface Subject {
  subjectId: string;
  name: string;
  code: string;
  phase: SubjectPhase;
  parentSubjectId: string | null;
}

/** The subject tree as one aggregate: every subject by id. */
export interface SubjectTreeState {
  subjects: Readonly<Record<string, Subject>>;
}

/** Codes compare trimmed and case-insensitively ("f1" and "F1 " are the same code). */
const codeKey = (code: string) => code.trim().toUpperCase();

/** The subject's ancestors, nearest first (bounded by the tree's size, so a corrupt tree cannot loop). */
export function ancestorsOf(subjects: Readonly<Record<string, Subject>>, subjectId: string): string[] {
  const ancestors: string[] = [];
  const limit = Object.keys(subjects).length;
  for (let next = subjects[subjectId]?.parentSubjectId ?? null; next !== null && ancestors.length < limit; next = subjects[next]?.parentSubjectId ?? null) {
    ancestors.push(next);
  }
  return ancestors;
}

function mustExist(state: SubjectTreeState, subjectId: string): Subject {
  const subject = state.subjects[subjectId];
  if (!subject) throw notFound('NotFound', `Subject ${subjectId} does not exist.`);
  return subject;
}

/** The parent exists and has the subject's phase. */
function checkParent(state: SubjectTreeState, phase: SubjectPhase, parentSubjectId: string): void {
  const parent = state.subjects[parentSubjectId];
  if (!parent) throw notFound('ParentSubjectNotFound', `The parent subject ${parentSubjectId} does not exist.`);
  if (parent.phase !== phase) {
    throw ruleBroken('SubjectPhaseMismatch', `A ${phase} subject cannot sit under ${parent.name}, a ${parent.phase} subject.`, [
      { phase, parentSubjectId, parentPhase: parent.phase },
    ]);
  }
}

function changed(state: SubjectTreeState, subjectId: string, change: (subject: Subject) => Subject): SubjectTreeState {
  const subject = state.subjects[subjectId];
  return subject ? { subjects: { ...state.subjects, [subjectId]: change(subject) } } : state;
}

export const subjectTreeDecider: Decider<SubjectTreeState, SubjectCommand, SubjectEvent> = {
  initialState: { subjects: {} },

  decide(command, state) {
    switch (command.type) {
      case 'DefineSubject': {
        const data = {
          subjectId: command.subjectId,
          name: command.name.trim(),
          code: command.code.trim(),
          phase: command.phase,
          parentSubjectId: command.parentSubjectId ?? null,
        };
        const existing = state.subjects[command.subjectId];
        if (existing) {
          if (JSON.stringify(existing) === JSON.stringify(data)) return [];
          throw conflict('AlreadyExists', `Subject ${command.subjectId} is already defined with other details.`);
        }
        const holder = Object.values(state.subjects).find((s) => codeKey(s.code) === codeKey(data.code));
        if (holder) throw conflict('SubjectCodeTaken', `Subject ${holder.subjectId} already has the code ${holder.code}; choose another code.`);
        if (data.parentSubjectId !== null) checkParent(state, data.phase, data.parentSubjectId);
        return [{ type: 'SubjectDefined', data }];
      }
      case 'MoveSubject': {
        const subject = mustExist(state, command.subjectId);
        const parentSubjectId = command.parentSubjectId ?? null;
        if (parentSubjectId === subject.parentSubjectId) return [];
        if (parentSubjectId !== null) {
          checkParent(state, subject.phase, parentSubjectId);
          if (parentSubjectId === subject.subjectId || ancestorsOf(state.subjects, parentSubjectId).includes(subject.subjectId)) {
            throw conflict('SubjectHierarchyCycle', `Moving ${subject.name} under ${state.subjects[parentSubjectId].name} would make it its own ancestor.`, [
              { subjectId: subject.subjectId, parentSubjectId },
            ]);
          }
        }
        return [{ type: 'SubjectMoved', data: { subjectId: subject.subjectId, parentSubjectId, previousParentSubjectId: subject.parentSubjectId } }];
      }
      case 'RenameSubject': {
        const subject = mustExist(state, command.subjectId);
        const name = command.name.trim();
        if (name === subject.name) return [];
        return [{ type: 'SubjectRenamed', data: { subjectId: subject.subjectId, name } }];
      }
      default:
        return assertNever(command);
    }
  },

  evolve(state, event) {
    switch (event.type) {
      case 'SubjectDefined':
        return { subjects: { ...state.subjects, [event.data.subjectId]: { ...event.data } } };
      case 'SubjectMoved':
        return changed(state, event.data.subjectId, (subject) => ({ ...subject, parentSubjectId: event.data.parentSubjectId }));
      case 'SubjectRenamed':
        return changed(state, event.data.subjectId, (subject) => ({ ...subject, name: event.data.name }));
      default:
        return assertNever(event);
    }
  },
};
