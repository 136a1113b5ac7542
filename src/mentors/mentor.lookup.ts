import { Injectable } from '@nestjs/common';
import { CommandHandling } from '../event-store/command-handling';
import { mentorDecider } from './mentor.decider';
import { mentorStream } from './mentor.stream';

export type MentorFact =
  | { status: 'none' }
  | { status: 'registered'; mentorId: string; trn: string; givenName: string; familyName: string; schoolIds: string[] };

/** Mentors as their own streams say they are now: what claims and placements check against. */
@Injectable()
export class MentorLookup {
  constructor(private readonly commands: CommandHandling) {}

  async get(mentorId: string): Promise<MentorFact> {
    const { state } = await this.commands.load(mentorDecider, mentorStream(mentorId));
    if (state.status === 'none') return { status: 'none' };
    const { mentorId: id, trn, givenName, familyName, schoolIds } = state;
    return { status: 'registered', mentorId: id, trn, givenName, familyName, schoolIds: [...schoolIds] };
  }
}
