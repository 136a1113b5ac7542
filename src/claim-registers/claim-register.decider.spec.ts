import { specFor } from '../../test/support/decider-spec';
import { claimRegisterDecider } from './claim-register.decider';

const spec = specFor(claimRegisterDecider, undefined);
const added = (claimId: string) => ({ type: 'ClaimRegisterEntryAdded' as const, data: { registerId: 'window.w-1', claimId } });

describe('ClaimRegister decider', () => {
  it('adds a claim once: adding it again decides nothing', () => {
    spec.given().when({ type: 'AddClaimToRegister', registerId: 'window.w-1', claimId: 'c-1' }).then([added('c-1')]);
    spec.given([added('c-1')]).when({ type: 'AddClaimToRegister', registerId: 'window.w-1', claimId: 'c-1' }).then([]);
  });

  it('keeps every claim it was given, in order', () => {
    expect(spec.given([added('c-1'), added('c-2'), added('c-1')]).state).toEqual({ claimIds: ['c-1', 'c-2'] });
  });
});
