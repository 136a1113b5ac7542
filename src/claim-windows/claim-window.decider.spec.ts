import { SPEC_NOW, specFor } from '../../test/support/decider-spec';
import { claimWindowDecider, ClaimWindowLookups } from './claim-window.decider';
import { ClaimWindowEvent } from './claim-window.events';
import { claimWindowRegistryDecider, ClaimWindowRegistryLookups, WindowTruth } from './claim-window-registry.decider';
import { ClaimWindowRegistryEvent } from './claim-window-registry.events';

const windows = specFor(claimWindowDecider, { academicYearExists: true } as ClaimWindowLookups);
const registry = specFor(claimWindowRegistryDecider, { windows: {} } as ClaimWindowRegistryLookups);

const defined = (id = 'w-1', startsOn = '2025-09-15', endsOn = '2025-10-31'): ClaimWindowEvent => ({
  type: 'ClaimWindowDefined',
  data: { claimWindowId: id, academicYearId: 'y-2025', startsOn, endsOn },
});
const registered = (id: string, startsOn: string, endsOn: string, windowRevision = 0, at = SPEC_NOW): ClaimWindowRegistryEvent => ({
  type: 'ClaimWindowDatesRegistered',
  data: { claimWindowId: id, academicYearId: 'y-2025', startsOn, endsOn, windowRevision, registeredAt: at.toISOString() },
});
const register = (id: string, startsOn: string, endsOn: string, windowRevision = 0) =>
  ({ type: 'RegisterClaimWindowDates', claimWindowId: id, academicYearId: 'y-2025', startsOn, endsOn, windowRevision }) as const;
const truth = (revision: number, status: WindowTruth['status'], startsOn?: string, endsOn?: string): WindowTruth => ({ revision, status, startsOn, endsOn });
const later = (ms: number) => new Date(SPEC_NOW.getTime() + ms);

describe('ClaimWindow decider and registry', () => {
  describe('reference rule 1: windows end on or after they start', () => {
    it('defines a window of an existing academic year', () => {
      windows.given().when({ type: 'DefineClaimWindow', claimWindowId: 'w-1', academicYearId: 'y-2025', startsOn: '2025-09-15', endsOn: '2025-10-31' }).then([defined()]);
    });
    it('refuses an end before the start', () => {
      windows.given().when({ type: 'DefineClaimWindow', claimWindowId: 'w-1', academicYearId: 'y-2025', startsOn: '2025-10-31', endsOn: '2025-10-01' }).thenFails('InvalidClaimWindowDates');
    });
    it('refuses an unknown academic year', () => {
      windows.given().when({ type: 'DefineClaimWindow', claimWindowId: 'w-1', academicYearId: 'y-9', startsOn: '2025-09-15', endsOn: '2025-10-31' }, { lookups: { academicYearExists: false } }).thenFails('AcademicYearNotFound');
    });
    it('defining the same window again decides nothing; with other dates is AlreadyExists', () => {
      windows.given([defined()]).when({ type: 'DefineClaimWindow', claimWindowId: 'w-1', academicYearId: 'y-2025', startsOn: '2025-09-15', endsOn: '2025-10-31' }).then([]);
      windows.given([defined()]).when({ type: 'DefineClaimWindow', claimWindowId: 'w-1', academicYearId: 'y-2025', startsOn: '2025-09-16', endsOn: '2025-10-31' }).thenFails('AlreadyExists');
    });
  });

  describe('reference rule 1: a window that has ended cannot be changed or removed', () => {
    const ended = defined('w-0', '2025-06-01', '2025-07-31');
    it('changing an ended window is ClaimWindowEnded', () => {
      windows.given([ended]).when({ type: 'ChangeClaimWindow', claimWindowId: 'w-0', startsOn: '2025-06-01', endsOn: '2025-12-31' }).thenFails('ClaimWindowEnded');
    });
    it('removing an ended window is ClaimWindowEnded', () => {
      windows.given([ended]).when({ type: 'RemoveClaimWindow', claimWindowId: 'w-0' }).thenFails('ClaimWindowEnded');
    });
    it('an open window can be changed and removed', () => {
      windows.given([defined()]).when({ type: 'ChangeClaimWindow', claimWindowId: 'w-1', startsOn: '2025-09-15', endsOn: '2025-11-30' }).then([
        { type: 'ClaimWindowChanged', data: { claimWindowId: 'w-1', academicYearId: 'y-2025', startsOn: '2025-09-15', endsOn: '2025-11-30', previous: { startsOn: '2025-09-15', endsOn: '2025-10-31' } } },
      ]);
      windows.given([defined()]).when({ type: 'RemoveClaimWindow', claimWindowId: 'w-1' }).then([{ type: 'ClaimWindowRemoved', data: { claimWindowId: 'w-1', academicYearId: 'y-2025' } }]);
    });
    it('the last day of a window is not yet ended', () => {
      windows.given([defined('w-1', '2025-09-01', '2025-10-01')]).when({ type: 'RemoveClaimWindow', claimWindowId: 'w-1' }).then([{ type: 'ClaimWindowRemoved', data: { claimWindowId: 'w-1', academicYearId: 'y-2025' } }]);
    });
  });

  describe('reference rule 1: no window starts inside, ends inside or encloses another (the registry)', () => {
    const w1 = registered('w-1', '2025-09-15', '2025-10-31');
    const w1Truth = { 'w-1': truth(0, 'defined', '2025-09-15', '2025-10-31') };
    it.each([
      ['starts inside', '2025-10-31', '2025-11-30'],
      ['ends inside', '2025-09-01', '2025-09-15'],
      ['encloses', '2025-09-01', '2025-12-31'],
      ['lies inside', '2025-09-20', '2025-09-30'],
    ])('a window that %s another is ClaimWindowsOverlap', (_case, startsOn, endsOn) => {
      const failure = registry.given([w1]).when(register('w-2', startsOn, endsOn), { lookups: { windows: w1Truth } }).thenFails('ClaimWindowsOverlap');
      expect(failure.details).toEqual([{ claimWindowId: 'w-1', academicYearId: 'y-2025', startsOn: '2025-09-15', endsOn: '2025-10-31' }]);
    });
    it('a window right after another is fine, and a year may have several', () => {
      registry.given([w1]).when(register('w-2', '2025-11-01', '2025-11-30'), { lookups: { windows: w1Truth } }).then([registered('w-2', '2025-11-01', '2025-11-30')]);
    });
    it('a window changing its own dates does not overlap itself', () => {
      registry.given([w1]).when(register('w-1', '2025-09-01', '2025-11-30', 1), { lookups: { windows: w1Truth } }).then([registered('w-1', '2025-09-01', '2025-11-30', 1)]);
    });
    it('dates registered by a window still being defined are held (a racing definition loses)', () => {
      registry.given([w1]).when(register('w-2', '2025-10-01', '2025-10-10'), { lookups: { windows: { 'w-1': truth(-1, 'none') } } }).thenFails('ClaimWindowsOverlap');
    });
    it('dates registered by a definition that never reached its window are freed after the grace period', () => {
      registry.given([w1]).when(register('w-2', '2025-10-01', '2025-10-10'), { now: later(31_000), lookups: { windows: { 'w-1': truth(-1, 'none') } } }).then([
        registered('w-2', '2025-10-01', '2025-10-10', 0, later(31_000)),
      ]);
    });
    it('a change not yet recorded by its window holds both its old and new dates', () => {
      const changing = [w1, registered('w-1', '2025-12-01', '2025-12-31', 1)];
      registry.given(changing).when(register('w-2', '2025-10-01', '2025-10-10'), { lookups: { windows: w1Truth } }).thenFails('ClaimWindowsOverlap');
      registry.given(changing).when(register('w-2', '2025-12-10', '2025-12-12'), { lookups: { windows: w1Truth } }).thenFails('ClaimWindowsOverlap');
    });
    it('a removed window holds no dates', () => {
      registry.given([w1]).when(register('w-2', '2025-10-01', '2025-10-10'), { lookups: { windows: { 'w-1': truth(1, 'removed', '2025-09-15', '2025-10-31') } } }).then([
        registered('w-2', '2025-10-01', '2025-10-10'),
      ]);
    });
    it('releasing a removed window’s dates happens once', () => {
      registry.given([w1]).when({ type: 'ReleaseClaimWindowDates', claimWindowId: 'w-1' }).then([{ type: 'ClaimWindowDatesReleased', data: { claimWindowId: 'w-1' } }]);
      registry.given([w1, { type: 'ClaimWindowDatesReleased', data: { claimWindowId: 'w-1' } }]).when({ type: 'ReleaseClaimWindowDates', claimWindowId: 'w-1' }).then([]);
    });
  });
});
