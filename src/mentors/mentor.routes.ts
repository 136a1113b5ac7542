import { CommandRoute, commandRouteFor } from '../http/command-catalog';
import { aggregate, ANY_TOKEN, organisations, scopedTo } from '../scopes/command-scope';
import { MentorCommand, MentorCommandMessage } from './mentor.commands';
import { MentorSchoolDto, RegisterMentorDto } from './mentor.dto';

const route = commandRouteFor<MentorCommand>(MentorCommandMessage);

export const mentorRoutes: CommandRoute[] = [
  route('RegisterMentor', RegisterMentorDto, scopedTo((d) => [aggregate('mentor', d.mentorId, ANY_TOKEN)]), 'mentorId'),
  route('AddMentorToSchool', MentorSchoolDto, scopedTo((d) => [organisations(d.schoolId)])),
  route('RemoveMentorFromSchool', MentorSchoolDto, scopedTo((d) => [organisations(d.schoolId)])),
];
