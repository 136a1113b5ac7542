import { instanceToPlain } from 'class-transformer';
import { CommandRoute } from '../http/command-catalog';
import { MentorCommand, MentorCommandMessage } from './mentor.commands';
import { MentorSchoolDto, RegisterMentorDto } from './mentor.dto';

const route = <D extends object>(name: MentorCommand['type'], dto: CommandRoute<D>['dto'], generatedId?: keyof D & string): CommandRoute<D> => ({
  name,
  dto,
  generatedId,
  toCommand: (body, envelope) => new MentorCommandMessage({ ...(instanceToPlain(body) as object), type: name } as MentorCommand, envelope),
});

export const mentorRoutes: CommandRoute[] = [
  route('RegisterMentor', RegisterMentorDto, 'mentorId'),
  route('AddMentorToSchool', MentorSchoolDto),
  route('RemoveMentorFromSchool', MentorSchoolDto),
];
