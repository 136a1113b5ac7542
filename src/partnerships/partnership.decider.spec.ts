import { specFor } from '../../test/support/decider-spec';
import { partnershipDecider, PartnershipLookups } from './partnership.decider';
import { PartnershipEvent } from './partnership.events';

const organisations: PartnershipLookups = { school: { type: 'school', closed: false }, provider: { type: 'provider', closed: false } };
const spec = specFor(partnershipDecider, organisations);
const form = { type: 'FormPartnership', schoolId: 's-1', providerId: 'p-1' } as const;
const formed: PartnershipEvent = { type: 'PartnershipFormed', data: { schoolId: 's-1', providerId: 'p-1' } };
const ended: PartnershipEvent = { type: 'PartnershipEnded', data: { schoolId: 's-1', providerId: 'p-1' } };

describe('Partnership decider', () => {
  it('forms a partnership between a school and a provider', () => {
    spec.given().when(form).then([formed]);
  });

  describe('a school and a provider (types checked)', () => {
    it('refuses a provider in the school’s place', () => {
      spec.given().when(form, { lookups: { school: { type: 'provider', closed: false } } }).thenFails('NotASchool');
    });
    it('refuses a school in the provider’s place', () => {
      spec.given().when(form, { lookups: { provider: { type: 'school', closed: false } } }).thenFails('NotAProvider');
    });
    it('refuses organisations that do not exist', () => {
      spec.given().when(form, { lookups: { school: { type: null, closed: false } } }).thenFails('SchoolNotFound');
      spec.given().when(form, { lookups: { provider: { type: null, closed: false } } }).thenFails('ProviderNotFound');
    });
    it('refuses a closed provider', () => {
      spec.given().when(form, { lookups: { provider: { type: 'provider', closed: true } } }).thenFails('OrganisationClosed');
    });
  });

  describe('one active partnership per pair', () => {
    it('forming it again while active decides nothing', () => spec.given([formed]).when(form).then([]));
    it('can be formed again after it ended', () => spec.given([formed, ended]).when(form).then([formed]));
  });

  it('ends an active partnership; ending it again decides nothing; ending one never formed is NotFound', () => {
    spec.given([formed]).when({ type: 'EndPartnership', schoolId: 's-1', providerId: 'p-1' }).then([ended]);
    spec.given([formed, ended]).when({ type: 'EndPartnership', schoolId: 's-1', providerId: 'p-1' }).then([]);
    spec.given().when({ type: 'EndPartnership', schoolId: 's-1', providerId: 'p-1' }).thenFails('NotFound');
  });

  it('a stream shared by two pairs whose ids differ only by where the dot falls is refused', () => {
    spec.given([formed]).when({ type: 'FormPartnership', schoolId: 's-1.p', providerId: '1' }).thenFails('PartnershipKeyClash');
  });
});
