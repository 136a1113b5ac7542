import { assertNever, Decider } from '../shared/decider';
import { ruleBroken } from '../shared/domain-error';
import { AllowanceKey, MentorAllowanceCommand } from './mentor-allowance.commands';
import { AllowanceTotals, MentorAllowanceEvent } from './mentor-allowance.events';
import { ClaimTruth, holding, isAbandoned, PendingReservation, totalsOf } from './mentor-allowance.rules';

export type MentorAllowanceState =
  | { status: 'none' }
  | (AllowanceKey & { status: 'open'; claims: Record<string, PendingReservation[]>; totals: AllowanceTotals });

export interface MentorAllowanceLookups {
  /** Rule 3: 20 hours for years starting before 2025-08-01, 16 from 2025/26. */
  initialHours: number;
  /** Every claim with reservations here, and the claim the command is for. */
  claims: Record<string, ClaimTruth>;
}

type Reservations = Record<string, PendingReservation[]>;

const sameTotals = (a: AllowanceTotals, b: AllowanceTotals) =>
  a.allowanceHours === b.allowanceHours && a.hoursUsed === b.hoursUsed && a.hoursRemaining === b.hoursRemaining;

/** Rule 4 reconciliation: reservations whose claim never appended are released when the allowance is next decided. */
function releaseAbandoned(key: AllowanceKey, claims: Reservations, lookups: MentorAllowanceLookups, now: Date): { events: MentorAllowanceEvent[]; kept: Reservations } {
  const kept: Reservations = {};
  const abandoned: { claimId: string; claimEventId: string }[] = [];
  for (const [claimId, records] of Object.entries(claims)) {
    kept[claimId] = records.filter((r) => {
      if (!isAbandoned(r, lookups.claims[claimId], now)) return true;
      abandoned.push({ claimId, claimEventId: r.claimEventId });
      return false;
    });
  }
  const totals = totalsOf(kept, lookups.claims, now, lookups.initialHours);
  const { byClaim, ...figures } = totals;
  const events: MentorAllowanceEvent[] = abandoned.map(({ claimId, claimEventId }) => ({
    type: 'MentorAllowanceReleased',
    data: { ...key, claimId, reason: 'abandoned', claimEventId, hoursHeld: byClaim[claimId] ?? 0, ...figures },
  }));
  return { events, kept };
}

const keyOf = (command: AllowanceKey): AllowanceKey => ({ mentorId: command.mentorId, providerId: command.providerId, academicYearId: command.academicYearId });

/** One mentor's hours with one provider in one academic year, over every school's claims (rules 3 and 4). */
export const mentorAllowanceDecider: Decider<MentorAllowanceState, MentorAllowanceCommand, MentorAllowanceEvent, MentorAllowanceLookups> = {
  initialState: { status: 'none' },

  decide(command, state, { now, lookups }) {
    const key = keyOf(command);
    const claims = state.status === 'none' ? {} : state.claims;
    switch (command.type) {
      case 'ReserveMentorAllowance': {
        const { events, kept } = releaseAbandoned(key, claims, lookups, now);
        const record: PendingReservation = {
          claimRevision: command.claimRevision,
          claimEventId: command.claimEventId,
          hours: command.hours,
          trainingType: command.trainingType,
          reservedAt: now.toISOString(),
        };
        const before = totalsOf(kept, lookups.claims, now, lookups.initialHours);
        const after = totalsOf({ ...kept, [command.claimId]: [...(kept[command.claimId] ?? []), record] }, lookups.claims, now, lookups.initialHours);
        if (after.hoursUsed > after.allowanceHours) {
          const usedByOthers = before.hoursUsed - (before.byClaim[command.claimId] ?? 0);
          const held = holding(kept[command.claimId] ?? [], lookups.claims[command.claimId], now).hours;
          throw ruleBroken(
            'AllowanceExceeded',
            `Mentor ${command.mentorId} has ${Math.max(0, after.allowanceHours - usedByOthers - held)} hour(s) left with provider ${command.providerId} this academic year; claim at most that many more.`,
            [
              {
                ...key,
                allowanceHours: after.allowanceHours,
                hoursUsed: usedByOthers + held,
                hoursRemaining: Math.max(0, after.allowanceHours - usedByOthers - held),
                hoursRequested: command.hours,
                hoursHeldByThisClaim: held,
              },
            ],
          );
        }
        const { byClaim: _byClaim, ...figures } = after;
        const { type: _type, ...data } = command;
        return [...events, { type: 'MentorAllowanceReserved', data: { ...data, reservedAt: record.reservedAt, ...figures } }];
      }
      case 'ReleaseMentorAllowance': {
        if (state.status === 'none' || !(command.claimId in claims)) return [];
        const { events, kept } = releaseAbandoned(key, claims, lookups, now);
        const records = kept[command.claimId] ?? [];
        const dropped = command.claimEventId !== undefined && records.some((r) => r.claimEventId === command.claimEventId);
        const remaining = { ...kept, [command.claimId]: records.filter((r) => r.claimEventId !== command.claimEventId) };
        const { byClaim, ...figures } = totalsOf(remaining, lookups.claims, now, lookups.initialHours);
        if (!dropped && sameTotals(figures, state.totals) && events.length === 0) return [];
        return [
          ...events,
          {
            type: 'MentorAllowanceReleased',
            data: {
              ...key,
              claimId: command.claimId,
              reason: command.reason,
              ...(dropped ? { claimEventId: command.claimEventId } : {}),
              hoursHeld: byClaim[command.claimId] ?? 0,
              ...figures,
            },
          },
        ];
      }
      default:
        return assertNever(command);
    }
  },

  evolve(state, event) {
    const { mentorId, providerId, academicYearId, claimId, allowanceHours, hoursUsed, hoursRemaining } = event.data;
    const base = state.status === 'none' ? { status: 'open' as const, mentorId, providerId, academicYearId, claims: {} as Reservations } : state;
    const totals = { allowanceHours, hoursUsed, hoursRemaining };
    const records = base.claims[claimId] ?? [];
    switch (event.type) {
      case 'MentorAllowanceReserved': {
        const { claimRevision, claimEventId, hours, trainingType, reservedAt } = event.data;
        return { ...base, totals, claims: { ...base.claims, [claimId]: [...records, { claimRevision, claimEventId, hours, trainingType, reservedAt }] } };
      }
      case 'MentorAllowanceReleased': {
        const dropped = event.data.claimEventId;
        return { ...base, totals, claims: { ...base.claims, [claimId]: dropped ? records.filter((r) => r.claimEventId !== dropped) : records } };
      }
      default:
        return assertNever(event);
    }
  },
};
