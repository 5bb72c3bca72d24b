import type { OrganisationScope, OrganisationStatus, Sector } from '../../gql/graphql';

/** Every value of an enum from the schema, checked at compile time against the generated type. */
function allOf<T extends string>() {
  return <const L extends readonly T[]>(list: L & ([T] extends [L[number]] ? unknown : 'missing a value')) => list;
}

export const SECTORS = allOf<Sector>()([
  'WELFARE',
  'MUNICIPALITY',
  'HOUSING',
  'HOME_CARE',
  'ELDERLY_CARE',
  'DISABILITY_CARE',
  'MENTAL_HEALTH_CARE',
  'PRIMARY_CARE',
  'POLICE_SAFETY',
  'EDUCATION',
  'WORK_INCOME',
  'VOLUNTEER',
  'CHURCH_MOSQUE',
  'KNOWLEDGE_INSTITUTE',
  'OTHER',
] as const);

export const ORGANISATION_STATUSES = allOf<OrganisationStatus>()(['ACTIVE', 'INACTIVE', 'DEFUNCT'] as const);

export const ORGANISATION_SCOPES = allOf<OrganisationScope>()(['LOCAL', 'REGIONAL', 'NATIONAL'] as const);

export function isSector(value: string | null): value is Sector {
  return value !== null && (SECTORS as readonly string[]).includes(value);
}
