import type organizationSchemaJson from './fixtures/hsds-3.0/schema/compiled/organization.json';
import type serviceSchemaJson from './fixtures/hsds-3.0/schema/compiled/service.json';
import type serviceAtLocationSchemaJson from './fixtures/hsds-3.0/schema/compiled/service_at_location.json';

/*
 * The official compiled HSDS 3.0 schemas (fixtures/hsds-3.0/schema/compiled). Reading tabular
 * input needs them to type the cells, validation to check the records: both take them from here.
 * A location, a taxonomy term and a taxonomy have no compiled schema of their own; they are the
 * items nested in organization.json and service.json.
 *
 * They are 8 MB of JSON: read on first use (an import, an export's column list), not when the
 * process starts — every start and every process's memory paid for them before. The type-only
 * imports above keep the files in the build (tsc copies them to dist/).
 */

export interface JsonSchema {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  items?: JsonSchema;
  [keyword: string]: unknown;
}

export interface HsdsSchemas {
  organization: JsonSchema;
  service: JsonSchema;
  serviceAtLocation: JsonSchema;
  location: JsonSchema;
  taxonomyTerm: JsonSchema;
  taxonomy: JsonSchema;
}

let loaded: HsdsSchemas | undefined;

/** The schemas, read once. */
export function hsdsSchemas(): HsdsSchemas {
  if (!loaded) {
    /* eslint-disable @typescript-eslint/no-require-imports -- deferred on purpose, see above */
    const organization = require('./fixtures/hsds-3.0/schema/compiled/organization.json') as typeof organizationSchemaJson as unknown as JsonSchema;
    const service = require('./fixtures/hsds-3.0/schema/compiled/service.json') as typeof serviceSchemaJson as unknown as JsonSchema;
    const serviceAtLocation = require('./fixtures/hsds-3.0/schema/compiled/service_at_location.json') as typeof serviceAtLocationSchemaJson as unknown as JsonSchema;
    /* eslint-enable @typescript-eslint/no-require-imports */
    const taxonomyTerm = service.properties!.attributes.items!.properties!.taxonomy_term;
    loaded = { organization, service, serviceAtLocation, location: organization.properties!.locations.items!, taxonomyTerm, taxonomy: taxonomyTerm.properties!.taxonomy_detail };
  }
  return loaded;
}
