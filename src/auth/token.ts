export type Role = 'commands' | 'reports' | 'audit' | 'metrics' | 'admin';
export const ROLES: readonly Role[] = ['commands', 'reports', 'audit', 'metrics', 'admin'];

/** A caller as its token describes it (the secret itself is never kept here). */
export interface Principal {
  name: string;
  roles: Role[];
  /** Organisation ids the token may touch; `*` for all. */
  organisations: string[];
  /** Whether the token may name the person it acts for (`X-Acting-User`). */
  actingUsers: boolean;
}

export const ALL_ORGANISATIONS = '*';

export const hasRole = (principal: Principal, role: Role): boolean =>
  principal.roles.includes('admin') || principal.roles.includes(role);

/** A token with `*`: every organisation, and the national (support) work no single organisation owns. */
export const seesEverything = (principal: Principal): boolean => principal.organisations.includes(ALL_ORGANISATIONS);
