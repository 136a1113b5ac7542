import { Command } from '@nestjs/cqrs';
import { CommandEnvelope, CommandResult } from '../event-store/command-envelope';

export type RegisterMentor = { type: 'RegisterMentor'; mentorId: string; trn: string; givenName: string; familyName: string; birthDate?: string };
export type AddMentorToSchool = { type: 'AddMentorToSchool'; mentorId: string; schoolId: string };
export type RemoveMentorFromSchool = { type: 'RemoveMentorFromSchool'; mentorId: string; schoolId: string };

export type MentorCommand = RegisterMentor | AddMentorToSchool | RemoveMentorFromSchool;

export class MentorCommandMessage extends Command<CommandResult> {
  constructor(readonly command: MentorCommand, readonly envelope: CommandEnvelope) {
    super();
  }
}
