import { WorkContent } from './student-work.events';

export type RecordStudentWork = { type: 'RecordStudentWork'; studentId: string; workId: string } & WorkContent;
export type AttributeStudentWork = { type: 'AttributeStudentWork'; studentId: string; workId: string; classroomId: string; reason: string };
export type ClearWorkAttribution = { type: 'ClearWorkAttribution'; studentId: string; workId: string };

export type StudentWorkCommand = RecordStudentWork | AttributeStudentWork | ClearWorkAttribution;
