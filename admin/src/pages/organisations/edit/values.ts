import type { OrganisationFormFieldsFragment, UpdateOrganisationInput } from '../../../gql/graphql';

/** The form's fields, all as text; empty optional fields are sent as null (cleared). */
export const FIELDS = ['name', 'abbreviation', 'sector', 'secondarySector', 'subsector', 'status', 'scope', 'website', 'email', 'phone', 'description'] as const;
export type FieldName = (typeof FIELDS)[number];
export type Values = Record<FieldName, string>;

export function isField(name: string): name is FieldName {
  return (FIELDS as readonly string[]).includes(name);
}

export function valuesOf(organisation: OrganisationFormFieldsFragment): Values {
  return {
    name: organisation.name,
    abbreviation: organisation.abbreviation ?? '',
    sector: organisation.sector,
    secondarySector: organisation.secondarySector ?? '',
    subsector: organisation.subsector ?? '',
    status: organisation.status,
    scope: organisation.scope ?? '',
    website: organisation.website ?? '',
    email: organisation.email ?? '',
    phone: organisation.phone ?? '',
    description: organisation.description ?? '',
  };
}

/** A new organisation's form: active, everything else still to fill in. */
export const NEW_ORGANISATION: Values = { name: '', abbreviation: '', sector: '', secondarySector: '', subsector: '', status: 'ACTIVE', scope: '', website: '', email: '', phone: '', description: '' };

/** Only what changed: the API leaves other fields alone, and the history shows just this change. */
export function changedInput(before: Values, after: Values): UpdateOrganisationInput {
  const input: Record<string, string | null> = {};
  for (const field of FIELDS) {
    const value = field === 'description' ? after[field] : after[field].trim();
    if (value === (field === 'description' ? before[field] : before[field].trim())) continue;
    // The name is required: send it as typed so the API can say what is wrong with it.
    input[field] = field === 'name' || field === 'sector' || field === 'status' ? value : value === '' ? null : value;
  }
  return input as UpdateOrganisationInput;
}
