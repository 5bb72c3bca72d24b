/**
 * The OpenAPI 3.1 document of this server's HSDS endpoints, derived from the Open Referral
 * HSDS 3.0 API reference (schema/openapi.json, CC BY-SA 4.0): the same paths, operation ids
 * and object schemas (by reference to the official schema URLs), restricted to what this
 * server serves and with its own limits (paging, formats, errors), plus this server's own
 * import endpoints (POST /import, POST /import/csv; not part of the reference).
 */

export const DEFAULT_PER_PAGE = 50;
export const MAX_PER_PAGE = 100;
export const MAX_SEARCH_LENGTH = 200;

const SCHEMA_BASE = 'https://raw.githubusercontent.com/openreferral/specification/3.0/schema';

type Json = Record<string, unknown>;

const ref = (name: string) => ({ $ref: `#/components/parameters/${name}` });

const errorResponses = {
  '400': {
    description: 'Bad input: an invalid parameter (`field` names it).',
    content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
  },
  '500': {
    description: 'Unexpected error (no details).',
    content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
  },
};

const notFound = {
  '404': {
    description: 'No record with this id.',
    content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
  },
};

function ok(description: string, schema: Json): Json {
  return { description, content: { 'application/json': { schema } } };
}

function pageOf(itemSchema: Json): Json {
  return {
    allOf: [{ $ref: '#/components/schemas/Page' }],
    properties: { contents: { type: 'array', items: itemSchema } },
  };
}

const importErrorResponses = {
  '400': {
    description: 'The document cannot be read as an HSDS publication (or a parameter is invalid); nothing was imported.',
    content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
  },
  '401': {
    description: 'Not logged in (UNAUTHENTICATED).',
    content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
  },
  '403': {
    description: 'Logged in, but not an admin (FORBIDDEN).',
    content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
  },
  '409': {
    description: 'The database refused a change (CONFLICT, e.g. a concurrent edit took a unique value): the whole import was rolled back.',
    content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
  },
  '413': {
    description: 'The body is larger than 20 MB.',
    content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
  },
  '415': {
    description: 'Not sent as application/json (the only accepted type, which also keeps cross-site form posts out).',
    content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
  },
  '500': errorResponses['500'],
};

const IMPORT_DESCRIPTION =
  'Admins only (session cookie from POST /auth/login). The body is JSON (application/json, at most 20 MB). ' +
  'Every record is validated against the official HSDS 3.0 compiled schema of its type before anything is written; ' +
  'then the whole import runs in one transaction. Identity is the HSDS id: a record whose id exists is updated (or ' +
  'reported unchanged), otherwise it is created with that id, so importing the same publication again changes nothing. ' +
  'Unlike Schakel\'s CSV import (where a bad row refuses the whole file), a record this server ' +
  'cannot take — it does not validate, its organization is unknown, it is a virtual location, … — is reported as ' +
  '`rejected` with a reason and the other records are still imported: HSDS publications often contain records a ' +
  'particular model cannot hold. Terms of other taxonomies are reported as `skipped`. A database error aborts the ' +
  'whole import (nothing is written). With dryRun=true the same report is produced and nothing is written. Every ' +
  'create and update is recorded in the change history with via "hsds-import".';

function byId(what: string): Json {
  return {
    in: 'path',
    name: 'id',
    required: true,
    description: `The id (UUID) of the ${what}.`,
    schema: { type: 'string', format: 'uuid' },
  };
}

/** The document; `basePath` is where the router is mounted (the server URL). */
export function buildOpenApiDocument(basePath = '/hsds'): Json {
  return {
    openapi: '3.1.0',
    info: {
      title: 'Schakel — Open Referral HSDS 3.0 API',
      version: '1.0.0',
      summary: 'HSDS 3.0 view of the Schakel neighbourhood social map: organizations, services, locations and taxonomies; and an HSDS import for admins.',
      description:
        'Public data of the social map in Open Referral Human Services Data Specification 3.0 form. Target groups and intervention types ' +
        '(with the basic functions as parent terms) are published as taxonomy terms and attached to services as attributes. ' +
        'Personal data (key persons) is never published, nor are archived records. Paths, operations and object schemas follow the HSDS 3.0 API reference ' +
        '(Human Services Data Specification: an Open Referral resource, https://openreferral.org/, CC BY-SA 4.0). ' +
        'POST /import and /import/csv (admins) take an HSDS 3.0 publication in and are this server\'s own addition.',
      license: { name: 'EUPL-1.2', identifier: 'EUPL-1.2' },
    },
    jsonSchemaDialect: 'https://json-schema.org/draft/2020-12/schema',
    servers: [{ url: basePath }],
    paths: {
      '/': {
        get: {
          summary: 'Retrieve information about this API and its relationship with HSDS.',
          operationId: 'getAPIMetaInformation',
          responses: {
            '200': ok('Information about this API.', {
              type: 'object',
              required: ['version', 'profile', 'openapi_url'],
              properties: {
                version: { type: 'string', description: 'HSDS version of this API.' },
                profile: { type: 'string', format: 'uri', description: 'The HSDS specification this API publishes (base HSDS 3.0, no profile).' },
                openapi_url: { type: 'string', format: 'uri', description: 'URL of this OpenAPI document.' },
              },
            }),
          },
        },
      },
      '/openapi.json': {
        get: {
          summary: 'This OpenAPI document.',
          operationId: 'getOpenApiDocument',
          responses: { '200': ok('The OpenAPI 3.1 document of this API.', { type: 'object' }) },
        },
      },
      '/services': {
        get: {
          summary: 'Paginated list of services with their one-to-one fields and organization.',
          operationId: 'getPaginatedListOfServices',
          parameters: [
            ref('search'),
            ref('page'),
            ref('per_page'),
            ref('format'),
            ref('taxonomy_term_id'),
            ref('taxonomy_id'),
            ref('organization_id'),
            ref('modified_after'),
            { ...ref('minimal'), description: "Return services with just 'id' and 'last_modified'." },
            { ...ref('full'), description: 'Return fully nested services.' },
          ],
          responses: {
            '200': ok('A page of services (`service_list` objects; `service` objects with full=true).', pageOf({ $ref: `${SCHEMA_BASE}/compiled/service_list.json` })),
            ...errorResponses,
          },
        },
      },
      '/services/{id}': {
        parameters: [byId('service')],
        get: {
          summary: 'A fully nested service.',
          operationId: 'getFullyNestedServiceById',
          responses: { '200': ok('The service with all related data.', { $ref: `${SCHEMA_BASE}/compiled/service.json` }), ...notFound, ...errorResponses },
        },
      },
      '/organizations': {
        get: {
          summary: 'Paginated list of organizations.',
          operationId: 'getPaginatedListOfOrganizations',
          parameters: [ref('search'), ref('full_service'), { ...ref('full'), description: 'Return fully nested organizations.' }, ref('page'), ref('per_page'), ref('format')],
          responses: {
            '200': ok(
              'A page of organizations (`organization_list` objects; `organization` objects with full or full_service).',
              pageOf({ $ref: `${SCHEMA_BASE}/compiled/organization_list.json` }),
            ),
            ...errorResponses,
          },
        },
      },
      '/organizations/{id}': {
        parameters: [byId('organization')],
        get: {
          summary: 'A fully nested organization with its locations and services (one-to-one service fields unless full_service=true).',
          operationId: 'getOrganizationById',
          parameters: [ref('full_service')],
          responses: { '200': ok('The organization.', { $ref: `${SCHEMA_BASE}/compiled/organization.json` }), ...notFound, ...errorResponses },
        },
      },
      '/service_at_locations': {
        get: {
          summary: 'Paginated list of service_at_location with the one-to-one fields of their service and location.',
          operationId: 'getPaginatedListOfServiceAtLocation',
          parameters: [
            ref('search'),
            ref('taxonomy_term_id'),
            ref('taxonomy_id'),
            ref('organization_id'),
            ref('modified_after'),
            { ...ref('full'), description: 'Return fully nested service_at_location objects.' },
            ref('page'),
            ref('per_page'),
            ref('format'),
          ],
          responses: {
            '200': ok(
              'A page of service_at_location (`service_at_location_list` objects; `service_at_location` objects with full=true).',
              pageOf({ $ref: `${SCHEMA_BASE}/compiled/service_at_location_list.json` }),
            ),
            ...errorResponses,
          },
        },
      },
      '/service_at_locations/{id}': {
        parameters: [byId('service_at_location')],
        get: {
          summary: 'A fully nested service_at_location.',
          operationId: 'getServiceAtLocationWithNestedDataById',
          responses: {
            '200': ok('The service_at_location with its service and location.', { $ref: `${SCHEMA_BASE}/compiled/service_at_location.json` }),
            ...notFound,
            ...errorResponses,
          },
        },
      },
      '/taxonomies': {
        get: {
          summary: 'Paginated list of taxonomies.',
          operationId: 'getPaginatedListOfTaxonomies',
          parameters: [ref('search'), ref('page'), ref('per_page'), ref('format')],
          responses: { '200': ok('A page of taxonomies.', pageOf({ $ref: `${SCHEMA_BASE}/taxonomy.json` })), ...errorResponses },
        },
      },
      '/taxonomies/{id}': {
        parameters: [byId('taxonomy')],
        get: {
          summary: 'A taxonomy.',
          operationId: 'getTaxonomyById',
          responses: { '200': ok('The taxonomy.', { $ref: `${SCHEMA_BASE}/taxonomy.json` }), ...notFound, ...errorResponses },
        },
      },
      '/taxonomy_terms': {
        get: {
          summary: 'Paginated list of taxonomy terms.',
          operationId: 'getPaginatedListOfTaxonomyTerms',
          parameters: [
            ref('search'),
            ref('page'),
            ref('per_page'),
            ref('format'),
            ref('taxonomy_id'),
            { name: 'top_only', in: 'query', required: false, description: 'Only top-level terms (terms without a parent).', schema: { type: 'boolean' } },
            { name: 'parent_id', in: 'query', required: false, description: 'Only terms whose parent is this term.', schema: { type: 'string', format: 'uuid' } },
          ],
          responses: { '200': ok('A page of taxonomy terms.', pageOf({ $ref: `${SCHEMA_BASE}/taxonomy_term.json` })), ...errorResponses },
        },
      },
      '/taxonomy_terms/{id}': {
        parameters: [byId('taxonomy term')],
        get: {
          summary: 'A taxonomy term.',
          operationId: 'getTaxonomyTermById',
          responses: { '200': ok('The taxonomy term.', { $ref: `${SCHEMA_BASE}/taxonomy_term.json` }), ...notFound, ...errorResponses },
        },
      },
      '/import': {
        post: {
          summary: 'Import an HSDS 3.0 JSON publication (admins).',
          operationId: 'importHsdsPublication',
          description:
            `${IMPORT_DESCRIPTION} Accepted documents: a publication object with any of the arrays organizations, services, locations, ` +
            'service_at_locations, taxonomies and taxonomy_terms (records may nest as in the HSDS examples: a service with its organization, ' +
            'service_at_locations and attributes, an organization with its locations and services); a single record such as an ' +
            'organization_full or service_full document; a page of an HSDS list endpoint ({ contents: [...] }); or the tabular package ' +
            'as JSON ({ "organizations.csv": [rows], … }, like the specification\'s tabular.json).',
          parameters: [ref('dryRun')],
          requestBody: {
            required: true,
            content: {
              'application/json': {
                schema: {
                  oneOf: [
                    { $ref: '#/components/schemas/Publication' },
                    { $ref: `${SCHEMA_BASE}/compiled/organization.json` },
                    { $ref: `${SCHEMA_BASE}/compiled/service.json` },
                    { $ref: `${SCHEMA_BASE}/compiled/service_at_location.json` },
                    { type: 'object', required: ['contents'], properties: { contents: { type: 'array' } } },
                  ],
                },
              },
            },
          },
          responses: { '200': ok('What happened to each record.', { $ref: '#/components/schemas/ImportReport' }), ...importErrorResponses },
        },
      },
      '/import/csv': {
        post: {
          summary: 'Import the HSDS 3.0 tabular (CSV) data package, sent as JSON (admins).',
          operationId: 'importHsdsCsvPackage',
          description:
            `${IMPORT_DESCRIPTION} The body maps each file name of the data package to its content, so that a browser or a script ` +
            'can send it without multipart: { "datapackage.json": {…} or its text, "organizations.csv": "id,name,…", "services.csv": "…", … }. ' +
            'The tables are assembled into the same records as a JSON publication (an organization with its phones, funding and attributes; ' +
            'a service with its languages, funding, attributes, service areas, phones and schedules; a location with its addresses, accessibility, ' +
            'phones and schedules; a service_at_location with its phones and schedules; taxonomies and taxonomy terms as they are) and imported ' +
            'the same way. CSV values are typed by the schema (numbers, booleans); an empty cell is a missing value. Files Schakel has no place for (contacts, programs, ' +
            'cost_options, required_documents, organization_identifiers, metadata) are reported in `warnings`.',
          parameters: [ref('dryRun')],
          requestBody: {
            required: true,
            content: {
              'application/json': {
                schema: {
                  type: 'object',
                  properties: {
                    'datapackage.json': {
                      oneOf: [{ type: 'object' }, { type: 'string' }],
                      description: 'The Data Package descriptor (optional; its resources map other file names to the HSDS tables).',
                    },
                  },
                  additionalProperties: {
                    oneOf: [{ type: 'string', description: 'The CSV text of the file (UTF-8, header row).' }, { type: 'array', items: { type: 'object' } }],
                  },
                  example: { 'organizations.csv': 'id,name,description\n…', 'services.csv': 'id,organization_id,name,status\n…' },
                },
              },
            },
          },
          responses: { '200': ok('What happened to each record.', { $ref: '#/components/schemas/ImportReport' }), ...importErrorResponses },
        },
      },
      '/taxonomy_mappings': {
        get: {
          summary: "The curator's mapping of other taxonomies' terms onto Schakel's target groups and intervention types (admins).",
          operationId: 'listTaxonomyMappings',
          description: 'Each row: the foreign taxonomy (its name or id) and term (its code or id), both lower-cased, and the targetGroup or interventionType code it stands for.',
          responses: { '200': ok('The mapping.', { type: 'array', items: { $ref: '#/components/schemas/TaxonomyMapping' } }) },
        },
        put: {
          summary: 'Replace the whole taxonomy mapping (admins).',
          operationId: 'replaceTaxonomyMappings',
          description:
            'A list of mappings replaces the mapping. Every bad row (no taxonomy or term, neither or both of targetGroup and interventionType, ' +
            'an unknown code, the same term twice) is named in one BAD_USER_INPUT (extensions.errors) and nothing is written. The HSDS import ' +
            'links a service attribute whose term is in the mapping to that target group or intervention type.',
          parameters: [ref('dryRun')],
          requestBody: { required: true, content: { 'application/json': { schema: { type: 'array', items: { $ref: '#/components/schemas/TaxonomyMapping' } } } } },
          responses: { '200': ok('How many mappings there are now.', { type: 'object', properties: { mappings: { type: 'integer' }, dryRun: { type: 'boolean' } } }) },
        },
      },
      '/export.json': {
        get: {
          summary: 'The whole publication as one HSDS 3.0 JSON document.',
          operationId: 'exportHsdsPublication',
          description:
            'Every organization, service and service_at_location the list endpoints publish, fully nested (full=true), and every taxonomy ' +
            'and taxonomy term, in one document that POST /import takes back.',
          responses: { '200': ok('The publication.', { $ref: '#/components/schemas/Publication' }) },
        },
      },
      '/export/csv': {
        get: {
          summary: 'The whole publication as the HSDS 3.0 tabular (CSV) data package, as JSON (file name → content).',
          operationId: 'exportHsdsCsvPackage',
          description:
            'The tables of the data package with the official columns in the official order, and a datapackage.json describing them; ' +
            'the body POST /import/csv takes back.',
          responses: { '200': ok('The data package.', { type: 'object', additionalProperties: true }) },
        },
      },
      '/export.zip': {
        get: {
          summary: 'The HSDS 3.0 tabular (CSV) data package as a zip archive.',
          operationId: 'exportHsdsCsvZip',
          description: 'The files of GET /export/csv (datapackage.json and one CSV file per table) in one zip archive.',
          responses: { '200': { description: 'The zip archive.', content: { 'application/zip': { schema: { type: 'string', format: 'binary' } } } } },
        },
      },
    },
    components: {
      schemas: {
        Page: {
          type: 'object',
          required: ['total_items', 'total_pages', 'page_number', 'size', 'first_page', 'last_page', 'empty', 'contents'],
          properties: {
            total_items: { type: 'integer', description: 'The total number of entities matching the request.' },
            total_pages: { type: 'integer', description: 'Count of total pages.' },
            page_number: { type: 'integer', description: 'The number of the current page (1-based).' },
            size: { type: 'integer', description: 'The number of entities in the current page.' },
            first_page: { type: 'boolean', description: 'Whether this is the first page.' },
            last_page: { type: 'boolean', description: 'Whether this is the last page (also true past the end).' },
            empty: { type: 'boolean', description: 'Whether this page has no entities (e.g. a page past the end).' },
            contents: { type: 'array' },
          },
        },
        TaxonomyMapping: {
          type: 'object',
          required: ['taxonomy', 'term'],
          properties: {
            taxonomy: { type: 'string', maxLength: 300, description: "The foreign taxonomy's name or id." },
            term: { type: 'string', maxLength: 300, description: "The term's code or id." },
            targetGroup: { type: 'string', description: 'Code of the target group it stands for.' },
            interventionType: { type: 'string', description: 'Code of the intervention type it stands for.' },
            note: { type: 'string', maxLength: 2000 },
          },
        },
        Publication: {
          type: 'object',
          description: 'An HSDS 3.0 publication: any of these arrays (nested records as in the HSDS examples are taken as well).',
          properties: {
            organizations: { type: 'array', items: { $ref: `${SCHEMA_BASE}/compiled/organization.json` } },
            services: { type: 'array', items: { $ref: `${SCHEMA_BASE}/compiled/service.json` } },
            locations: { type: 'array', items: { $ref: `${SCHEMA_BASE}/location.json` } },
            service_at_locations: { type: 'array', items: { $ref: `${SCHEMA_BASE}/compiled/service_at_location.json` } },
            taxonomies: { type: 'array', items: { $ref: `${SCHEMA_BASE}/taxonomy.json` } },
            taxonomy_terms: { type: 'array', items: { $ref: `${SCHEMA_BASE}/taxonomy_term.json` } },
          },
        },
        ImportOutcomeCounts: {
          type: 'object',
          properties: Object.fromEntries(['created', 'updated', 'unchanged', 'rejected', 'skipped'].map((outcome) => [outcome, { type: 'integer' }])),
        },
        ImportRecord: {
          type: 'object',
          required: ['type', 'id', 'name', 'outcome', 'path'],
          properties: {
            type: { type: 'string', enum: ['organization', 'service', 'location', 'service_at_location', 'taxonomy', 'taxonomy_term'] },
            id: { type: 'string', description: 'The HSDS id (which is this server\'s id).' },
            name: { type: 'string' },
            outcome: {
              type: 'string',
              enum: ['created', 'updated', 'unchanged', 'rejected', 'skipped'],
              description: 'skipped: a valid record this server does not hold (a taxonomy other than its own two, and its terms; a changed basic function).',
            },
            reason: { type: 'string', description: 'Why the record was rejected or skipped.' },
            path: { type: 'string', description: 'JSON pointer of the record in the document ("" for the document itself; CSV: in { "file.csv": [rows] }).' },
            line: { type: 'integer', description: 'CSV: the line of the row.' },
            notes: { type: 'array', items: { type: 'string' }, description: 'What was left out or matched (an address kept as description, a field Schakel has no place for, …).' },
            errors: {
              type: 'array',
              description: 'Schema errors, each with the JSON path of the offending value.',
              items: { type: 'object', required: ['path', 'message'], properties: { path: { type: 'string' }, message: { type: 'string' } } },
            },
            problems: {
              type: 'array',
              description:
                'What the rules of the CSV import and the GraphQL API refused: the input field as the mutation names it (input.email), the message, the rule (isEmail, maxLength, …) and its params. The value was not stored: left out (see notes), or the record rejected.',
              items: {
                type: 'object',
                required: ['field', 'message'],
                properties: { field: { type: 'string' }, message: { type: 'string' }, rule: { type: 'string' }, params: { type: 'object', additionalProperties: true } },
              },
            },
          },
        },
        ImportReport: {
          type: 'object',
          required: ['format', 'dryRun', 'committed', 'totals', 'byType', 'records', 'warnings', 'contacts'],
          properties: {
            format: { type: 'string', enum: ['json', 'csv'] },
            dryRun: { type: 'boolean' },
            committed: { type: 'boolean', description: 'Whether the changes were written (false for a dry run).' },
            totals: {
              allOf: [{ $ref: '#/components/schemas/ImportOutcomeCounts' }],
              properties: { records: { type: 'integer' } },
            },
            byType: { type: 'object', additionalProperties: { $ref: '#/components/schemas/ImportOutcomeCounts' } },
            records: { type: 'array', items: { $ref: '#/components/schemas/ImportRecord' } },
            warnings: { type: 'array', items: { type: 'string' }, description: 'About the document as a whole: ignored keys or files, rows that belong to no record.' },
            contacts: {
              type: 'object',
              required: ['leftOut'],
              description: 'HSDS contacts name people and are never imported: how many the publication had.',
              properties: { leftOut: { type: 'integer' } },
            },
          },
        },
        Error: {
          type: 'object',
          required: ['error'],
          properties: {
            error: {
              type: 'object',
              required: ['code', 'message'],
              properties: {
                code: { type: 'string', enum: ['BAD_USER_INPUT', 'NOT_FOUND', 'UNAUTHENTICATED', 'FORBIDDEN', 'CONFLICT', 'INTERNAL_SERVER_ERROR'] },
                field: { type: 'string', description: 'The offending parameter, or for an import the key of the document (BAD_USER_INPUT).' },
                message: { type: 'string' },
                correlationId: { type: 'string', description: 'Quote it when reporting an INTERNAL_SERVER_ERROR.' },
              },
            },
          },
        },
      },
      parameters: {
        dryRun: {
          name: 'dryRun',
          in: 'query',
          required: false,
          description: 'Validate and report what would happen, and write nothing.',
          schema: { type: 'boolean', default: false },
        },
        search: {
          name: 'search',
          in: 'query',
          required: false,
          description: 'Dutch full-text search (websearch syntax: words, "phrases", -exclusions).',
          schema: { type: 'string', maxLength: MAX_SEARCH_LENGTH },
        },
        page: {
          name: 'page',
          in: 'query',
          required: false,
          description: 'Page number (1-based). A page past the end is empty.',
          schema: { type: 'integer', minimum: 1, default: 1 },
        },
        per_page: {
          name: 'per_page',
          in: 'query',
          required: false,
          description: `Number of results per page: default ${DEFAULT_PER_PAGE}, at most ${MAX_PER_PAGE}.`,
          schema: { type: 'integer', minimum: 1, maximum: MAX_PER_PAGE, default: DEFAULT_PER_PAGE },
        },
        format: {
          name: 'format',
          in: 'query',
          required: false,
          description: 'Only `json` is served (no ndjson).',
          schema: { type: 'string', enum: ['json'], default: 'json' },
        },
        minimal: { name: 'minimal', in: 'query', required: false, schema: { type: 'boolean', default: false } },
        full: { name: 'full', in: 'query', required: false, schema: { type: 'boolean', default: false } },
        full_service: {
          name: 'full_service',
          in: 'query',
          required: false,
          description: 'Nest the organization’s services in full.',
          schema: { type: 'boolean', default: false },
        },
        modified_after: {
          name: 'modified_after',
          in: 'query',
          required: false,
          description: 'Only results modified on or after this ISO 8601 date-time (UTC when no zone is given).',
          schema: { type: 'string', format: 'date-time' },
        },
        taxonomy_term_id: {
          name: 'taxonomy_term_id',
          in: 'query',
          required: false,
          description: 'Only services carrying this taxonomy term or a narrower term of it.',
          schema: { type: 'string', format: 'uuid' },
        },
        taxonomy_id: {
          name: 'taxonomy_id',
          in: 'query',
          required: false,
          description: 'Only services carrying any term of this taxonomy.',
          schema: { type: 'string', format: 'uuid' },
        },
        organization_id: {
          name: 'organization_id',
          in: 'query',
          required: false,
          description: 'Only services this organization provides.',
          schema: { type: 'string', format: 'uuid' },
        },
      },
    },
  };
}
