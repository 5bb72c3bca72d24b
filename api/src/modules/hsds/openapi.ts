/**
 * The OpenAPI 3.1 document of this server's HSDS endpoints, derived from the Open Referral
 * HSDS 3.0 API reference (schema/openapi.json, CC BY-SA 4.0): the same paths, operation ids
 * and object schemas (by reference to the official schema URLs), restricted to what this
 * server serves and with its own limits (paging, formats, errors).
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
      summary: 'Read-only HSDS 3.0 view of the Schakel neighbourhood social map: organizations, services, locations and taxonomies.',
      description:
        'Public data of the social map in Open Referral Human Services Data Specification 3.0 form. Target groups and intervention types ' +
        '(with the basic functions as parent terms) are published as taxonomy terms and attached to services as attributes. ' +
        'Personal data (key persons) is never published. Paths, operations and object schemas follow the HSDS 3.0 API reference ' +
        '(Human Services Data Specification: an Open Referral resource, https://openreferral.org/, CC BY-SA 4.0).',
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
        Error: {
          type: 'object',
          required: ['error'],
          properties: {
            error: {
              type: 'object',
              required: ['code', 'message'],
              properties: {
                code: { type: 'string', enum: ['BAD_USER_INPUT', 'NOT_FOUND', 'INTERNAL_SERVER_ERROR'] },
                field: { type: 'string', description: 'The offending parameter (BAD_USER_INPUT).' },
                message: { type: 'string' },
                correlationId: { type: 'string', description: 'Quote it when reporting an INTERNAL_SERVER_ERROR.' },
              },
            },
          },
        },
      },
      parameters: {
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
