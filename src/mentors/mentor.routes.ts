import { instanceToPlain } from 'class-transformer';
import { CommandRoute } from '../http/command-catalog';
import { aggregate, ANY_TOKEN, CommandScope, organisations, scopedTo } from '../scopes/command-scope';
import { MentorCommand, MentorCommandMessage } from './mentor.commands';
import { MentorSchoolDto, RegisterMentorDto } from './mentor.dto';

const route = <D extends object>(name: MentorCommand['type'], dto: CommandRoute<D>['dto'], scope: CommandScope<D>, generatedId?: keyof D & string): CommandRoute<D> => ({
  name,
  dto,
  scope,
  generatedId,
  toCommand: (body, envelope) => new MentorCommandMessage({ ...(instanceToPlain(body) as object), type: name } as MentorCommand, envelope),
});

export const mentorRoutes: CommandRoute[] = [
  route('RegisterMentor', RegisterMentorDto, scopedTo((d) => [aggregate('mentor', d.mentorId, ANY_TOKEN)]), 'mentorId'),
  route('AddMentorToSchool', MentorSchoolDto, scopedTo((d) => [organisations(d.schoolId)])),
  route('RemoveMentorFromSchool', MentorSchoolDto, scopedTo((d) => [organisations(d.schoolId)])),
];
