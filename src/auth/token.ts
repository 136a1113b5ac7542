export type Role = 'commands' | 'reports' | 'audit' | 'metrics' | 'admin';
export const ROLES: readonly Role[] = ['commands', 'reports', 'audit', 'metrics', 'admin'];

/** A caller as its token describes it (the secret itself is never kept here). */
export interface Principal {
  name: string;
  roles: Role[];
  /** Organisation ids the token may touch; `*` for all. */
  organisations: string[];
}

export const hasRole = (principal: Principal, role: Role): boolean =>
  principal.roles.includes('admin') || principal.roles.includes(role);
