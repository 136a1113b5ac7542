import type { Principal } from '../../auth/token';
import { importedId } from './oneroster.ids';
import { SOURCE_DISTRICT } from './oneroster.mapping';
import type { OrgKind } from './oneroster.package-index';

/** An import by a token limited to some organisations (API.md "Tokens"); a token with `*` imports without one. */
export interface ImportScope {
  principal: Principal;
  /** Whether the token's organisations include one of these, or an organisation above one of them (a district covers its schools). */
  covers(organisationIds: string[]): Promise<boolean>;
}

type OrgOf = (sourcedId: string) => { kind: OrgKind; parent: string | null } | undefined;

/**
 * Which of a package's organisations its token may touch. An organisation of the package is within
 * scope when the token covers it or the district it sits in (the one the package names, else the
 * ledger's parents), so a district's token imports its schools and nothing of another district's.
 */
export class PackageScope {
  private readonly inside = new Map<string, boolean>();

  constructor(
    private readonly scope: ImportScope,
    private readonly source: string,
  ) {}

  /** Works out the organisations not settled yet (they are few: a package's districts and schools). */
  async settle(orgOf: OrgOf, sourcedIds: Iterable<string>): Promise<void> {
    for (const sourcedId of sourcedIds) {
      if (this.inside.has(sourcedId)) continue;
      const org = orgOf(sourcedId);
      if (!org || org.kind === 'ignored') continue;
      this.inside.set(sourcedId, await this.scope.covers(this.chainOf(sourcedId, org, orgOf)));
    }
  }

  /** Unknown organisations are not judged here: they are already an UnknownReference. */
  allows(sourcedId: string): boolean {
    return this.inside.get(sourcedId) ?? true;
  }

  /** The organisation's ledger id, then its district's: the one it names, else its source's district (as the mapping does). */
  private chainOf(sourcedId: string, org: { kind: OrgKind; parent: string | null }, orgOf: OrgOf): string[] {
    const id = importedId(this.source, sourcedId);
    if (org.kind !== 'school') return [id];
    const parent = org.parent ? orgOf(org.parent) : undefined;
    return [id, parent?.kind === 'district' ? importedId(this.source, org.parent!) : `${this.source}.${SOURCE_DISTRICT}`];
  }
}
