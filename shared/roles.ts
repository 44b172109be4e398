/** The roles a person can hold at a table (see domain.md, "Actors and roles"). */
export const ROLES = [
  'municipality_delegate',
  'provider_delegate',
  'chair',
  'secretariat',
  'council_member',
  'observer',
] as const;
export type Role = (typeof ROLES)[number];

export const ORGANIZATION_KINDS = ['municipality', 'provider', 'region', 'independent', 'other'] as const;
export type OrganizationKind = (typeof ORGANIZATION_KINDS)[number];

/**
 * Which organization kinds may hold a role. Delegates speak for their organization in consent
 * rounds, so a municipality delegate must belong to a municipality and a provider delegate to a
 * provider; the other roles are personal and may come from any organization.
 */
export function roleFitsOrganization(role: Role, kind: OrganizationKind): boolean {
  switch (role) {
    case 'municipality_delegate':
      return kind === 'municipality';
    case 'provider_delegate':
      return kind === 'provider';
    default:
      return true;
  }
}

/** Delegate roles speak for a member organization, so that organization must be a member of the table. */
export function isDelegateRole(role: Role): boolean {
  return role === 'municipality_delegate' || role === 'provider_delegate';
}

export const RULING_RULES = ['all_municipalities', 'majority_municipalities'] as const;
export type RulingRule = (typeof RULING_RULES)[number];
