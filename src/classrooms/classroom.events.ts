import { DomainEvent } from '../shared/event';

export type ClassType = 'homeroom' | 'scheduled';

export interface ClassroomDetails {
  title: string;
  classCode?: string;
  classType: ClassType;
  subjects: string[];
  grades: string[];
  academicYearId?: string;
  termIds: string[];
}

export type ClassroomCreated = DomainEvent<'ClassroomCreated', { classroomId: string; schoolId: string } & ClassroomDetails>;
/** Carries only the changed fields, plus the school for projections. */
export type ClassroomUpdated = DomainEvent<'ClassroomUpdated', { classroomId: string; schoolId: string } & Partial<ClassroomDetails>>;
export type ClassroomClosed = DomainEvent<'ClassroomClosed', { classroomId: string; schoolId: string }>;

export type ClassroomEvent = ClassroomCreated | ClassroomUpdated | ClassroomClosed;

export const CLASSROOM_EVENT_TYPES: ReadonlySet<ClassroomEvent['type']> = new Set(['ClassroomCreated', 'ClassroomUpdated', 'ClassroomClosed']);
