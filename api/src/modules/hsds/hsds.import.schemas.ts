import organizationSchemaJson from './fixtures/hsds-3.0/schema/compiled/organization.json';
import serviceSchemaJson from './fixtures/hsds-3.0/schema/compiled/service.json';
import serviceAtLocationSchemaJson from './fixtures/hsds-3.0/schema/compiled/service_at_location.json';

/*
 * The official compiled HSDS 3.0 schemas (fixtures/hsds-3.0/schema/compiled). Reading tabular
 * input needs them to type the cells, validation to check the records: both take them from here.
 * A location, a taxonomy term and a taxonomy have no compiled schema of their own; they are the
 * items nested in organization.json and service.json.
 */

export interface JsonSchema {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  items?: JsonSchema;
  [keyword: string]: unknown;
}

export const ORGANIZATION_SCHEMA = organizationSchemaJson as unknown as JsonSchema;
export const SERVICE_SCHEMA = serviceSchemaJson as unknown as JsonSchema;
export const SERVICE_AT_LOCATION_SCHEMA = serviceAtLocationSchemaJson as unknown as JsonSchema;
export const LOCATION_SCHEMA = ORGANIZATION_SCHEMA.properties!.locations.items!;
export const TAXONOMY_TERM_SCHEMA = SERVICE_SCHEMA.properties!.attributes.items!.properties!.taxonomy_term;
export const TAXONOMY_SCHEMA = TAXONOMY_TERM_SCHEMA.properties!.taxonomy_detail;
