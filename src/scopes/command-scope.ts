/**
 * Which organisations a command touches, declared beside its route (`CommandRoute.scope`) and
 * checked once in the command pipeline before the command is decided.
 */
export type ScopeTarget =
  /**
   * An aggregate: its owners as its stream says. `whenNew`: the owners a create names (e.g. the
   * student's district), or ANY_TOKEN for things no organisation owns until later commands say so.
   */
  | { aggregate: string; id: string | undefined; whenNew?: (string | undefined)[] | typeof ANY_TOKEN }
  /** Organisations named by the command (e.g. the school a student is admitted to): one of them must be in scope. */
  | { organisations: (string | undefined)[] };

export type CommandScope<D = any> =
  /** National work no organisation owns (academic years, claim windows, payments): tokens with `*` only. */
  | { national: true }
  /** Every target must be within the token's organisations. */
  | { targets: (dto: D) => ScopeTarget[]; adminOnlyWhen?: (dto: D) => boolean };

/** A new aggregate nobody owns yet (a user before any membership, a mentor before any school). */
export const ANY_TOKEN = 'any-token' as const;

export const NATIONAL: CommandScope = { national: true };

export const scopedTo = <D>(targets: (dto: D) => ScopeTarget[], adminOnlyWhen?: (dto: D) => boolean): CommandScope<D> => ({ targets, adminOnlyWhen });

export const aggregate = (type: string, id: string | undefined, whenNew?: (string | undefined)[] | typeof ANY_TOKEN): ScopeTarget => ({ aggregate: type, id, whenNew });

export const organisations = (...ids: (string | undefined)[]): ScopeTarget => ({ organisations: ids });
