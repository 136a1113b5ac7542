import { specFor } from '../../test/support/decider-spec';
import { RegisterMentor } from './mentor.commands';
import { mentorDecider, MentorLookups } from './mentor.decider';
import { MentorEvent } from './mentor.events';
import { mentorReservations } from './mentor.reservations';

const spec = specFor(mentorDecider, { school: { id: 's-1', type: 'school', closed: false } } as MentorLookups);
const register: RegisterMentor = { type: 'RegisterMentor', mentorId: 'm-1', trn: '1234567', givenName: 'Ada', familyName: 'Lovelace' };
const registered: MentorEvent = { type: 'MentorRegistered', data: { mentorId: 'm-1', trn: '1234567', givenName: 'Ada', familyName: 'Lovelace' } };
const joined: MentorEvent = { type: 'MentorJoinedSchool', data: { mentorId: 'm-1', schoolId: 's-1' } };

describe('Mentor decider', () => {
  describe('reference rule 2: a TRN is exactly 7 digits, unique across mentors', () => {
    it('registers a mentor', () => spec.given().when(register).then([registered]));
    it.each(['123456', '12345678', '12345a7'])('refuses TRN %s', (trn) => void spec.given().when({ ...register, trn }).thenFails('InvalidTrn'));
    it('reserves the TRN', () => {
      expect(mentorReservations([registered]).claim.map((k) => [k.kind, k.value, k.conflictCode])).toEqual([['mentor-trn', '1234567', 'TrnTaken']]);
    });
    it('registering again with the same details decides nothing; with others is AlreadyExists', () => {
      spec.given([registered, joined]).when(register).then([]);
      spec.given([registered]).when({ ...register, givenName: 'Augusta' }).thenFails('AlreadyExists');
    });
  });

  describe('a mentor joins schools', () => {
    it('joins a school once', () => {
      spec.given([registered]).when({ type: 'AddMentorToSchool', mentorId: 'm-1', schoolId: 's-1' }).then([joined]);
      spec.given([registered, joined]).when({ type: 'AddMentorToSchool', mentorId: 'm-1', schoolId: 's-1' }).then([]);
    });
    it('refuses an organisation that is not a school, or a closed school', () => {
      spec.given([registered]).when({ type: 'AddMentorToSchool', mentorId: 'm-1', schoolId: 'p-1' }, { lookups: { school: { id: 'p-1', type: 'provider', closed: false } } }).thenFails('NotASchool');
      spec.given([registered]).when({ type: 'AddMentorToSchool', mentorId: 'm-1', schoolId: 's-1' }, { lookups: { school: { id: 's-1', type: 'school', closed: true } } }).thenFails('OrganisationClosed');
    });
    it('an unknown mentor is NotFound', () => void spec.given().when({ type: 'AddMentorToSchool', mentorId: 'm-1', schoolId: 's-1' }).thenFails('NotFound'));
  });

  describe('reference rule 3: a mentor cannot leave a school while in an open claim of it', () => {
    it('refuses while a claim is open, naming it', () => {
      const failure = spec
        .given([registered, joined])
        .when({ type: 'RemoveMentorFromSchool', mentorId: 'm-1', schoolId: 's-1' }, { lookups: { openClaims: [{ claimId: 'c-1', reference: '12345678', status: 'submitted' }] } })
        .thenFails('MentorInOpenClaim');
      expect(failure.details).toEqual([{ claimId: 'c-1', reference: '12345678', status: 'submitted' }]);
    });
    it('leaves when every claim is settled', () => {
      spec.given([registered, joined]).when({ type: 'RemoveMentorFromSchool', mentorId: 'm-1', schoolId: 's-1' }, { lookups: { openClaims: [] } }).then([
        { type: 'MentorLeftSchool', data: { mentorId: 'm-1', schoolId: 's-1' } },
      ]);
    });
    it('leaving a school the mentor is not at decides nothing', () => {
      spec.given([registered]).when({ type: 'RemoveMentorFromSchool', mentorId: 'm-1', schoolId: 's-1' }).then([]);
    });
  });
});
