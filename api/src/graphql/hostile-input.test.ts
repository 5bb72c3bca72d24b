import { createHash } from 'node:crypto';
import http from 'node:http';
import { features } from '../features';
import { PUBLIC_ERROR_CODES } from '../common/errors';
import { loadConfig } from '../config';
import { IDEMPOTENT_MUTATIONS } from '../modules/idempotency/idempotency.plugin';
import { TEST_PASSWORD, type As, type TestApp, createTestUsers, dataOf, startTestApp } from '../test/app';
import { type DbSnapshot, type DbSnapshotter, changedTables, createDbSnapshotter } from '../test/db-snapshot';
import {
  type HostileCase,
  type HostileRequest,
  type Variables,
  abbreviate,
  buildBaselineRequest,
  buildRequest,
  generateHostileCases,
  operationsUnderTest,
  importCases,
  pathText,
  protocolCases,
} from './hostile-input.generator';
import { getSchema } from './schema';

/**
 * The hostile-input run: a seeded, schema-generated set of malformed and malicious requests
 * against the real app and database. Every answer must be a coded error or a correct result:
 * never a 5xx, an internal error, a leaked internal message, or (for a failed mutation) any
 * change to the data.
 *
 * Replay a run with HOSTILE_SEED=<seed> (and HOSTILE_CASES=<count>).
 */
const DEFAULT_SEED = 20_240_611;
const SEED = Number(process.env.HOSTILE_SEED ?? DEFAULT_SEED);
const CASE_COUNT = Number(process.env.HOSTILE_CASES ?? 1_000);
/** Read cases run this many at a time (they change nothing the snapshots look at). */
const READ_CONCURRENCY = 3;

/**
 * Tables outside the no-partial-write check, because requests change them by design:
 * - access_log: every read (and denied read) of a referral is logged, also when the request fails;
 * - user_session: a session's idle expiry is renewed on use;
 * - idempotency_key: a mutation sent with an Idempotency-Key stores its answer, coded errors included;
 * - rate_limit_counter: every request is counted against the shared rate limits (and failed sign-ins against the throttle).
 * api_key.last_used_at changes on use of a key; the rest of api_key is checked.
 */
const SNAPSHOT_PLAN = {
  excludeTables: ['access_log', 'user_session', 'idempotency_key', 'rate_limit_counter'],
  excludeColumns: { api_key: ['last_used_at'] },
};

const KNOWN_CODES: ReadonlySet<string> = PUBLIC_ERROR_CODES;

/** Internal details that must never reach a client. */
const LEAKS: readonly RegExp[] = [
  /QueryFailedError|TypeORM|EntityMetadata|pg-protocol/i,
  /\brelation\s+"/i,
  /\bviolates\b/i,
  /duplicate key/i,
  /syntax error at or near/i,
  /invalid input syntax/i,
  /invalid byte sequence/i,
  /out of range for type/i,
  /\bcolumn\s+"?\w+"?\s+(does not exist|of relation)/i,
  /\b(CHK|FK|PK|UQ|IDX)_\w+/,
  /\bSELECT\b[\s\S]*\bFROM\b/i,
  /\bINSERT INTO\b/i,
  /\bDELETE FROM\b/i,
  /\bat\s+\S+\s+\(?[^\s()]*\.(ts|js):\d+/,
  /\/(work|home|usr|app|src|tmp)\/\S+\.(ts|js)\b/,
  /node_modules/,
  /\b(TypeError|ReferenceError|RangeError|SyntaxError):/,
  /Cannot read propert|is not a function|undefined is not/,
];

type Caller = 'admin' | 'swa';

interface OperationPlan {
  /** Who reaches the deepest code: admins for the map, SWA's user for referrals, keys and webhooks. */
  caller: Caller;
  /** Valid arguments (fresh names for creates), read before every case. */
  args: () => Variables;
  /** Fresh records the operation acts on: before its first case and after every success. */
  prepare?: () => Promise<void>;
}

interface ErrorEntry {
  message: string;
  path?: readonly (string | number)[];
  extensions?: Record<string, unknown>;
}

interface CaseResult {
  status: number;
  errors: ErrorEntry[];
  /** The GraphQL `data`, when the body was a GraphQL response. */
  data: Record<string, unknown> | null;
  outcome: string;
}

interface Failure {
  hostileCase: HostileCase;
  request: HostileRequest;
  result: CaseResult | null;
  problems: string[];
}

describe('hostile input (generated from the schema)', () => {
  const schema = getSchema(features);
  let t: TestApp;
  let snapshotter: DbSnapshotter;
  const as: Record<Caller | 'anonymous', As> = { admin: {}, swa: {}, anonymous: {} };
  const ids: Record<string, string> = {};
  let unique = 0;
  const { graphqlLimits, maxBodyBytes } = loadConfig({ NODE_ENV: 'test' });
  const generatorOptions = {
    seed: SEED,
    count: CASE_COUNT,
    idempotentMutations: IDEMPOTENT_MUTATIONS,
    limits: { maxDepth: graphqlLimits.maxDepth, maxAliases: graphqlLimits.maxAliases, maxBodyBytes },
  };
  const cases = generateHostileCases(schema, generatorOptions);
  const failures: Failure[] = [];
  const summary = {
    started: Date.now(),
    cases: 0,
    byAttack: new Map<string, number>(),
    byOutcome: new Map<string, number>(),
    snapshotChecks: 0,
    baselineResets: 0,
    /** Statements PostgreSQL refused (TypeORM logs them), mapped to coded errors: what validation left to the database. */
    databaseRejections: new Map<string, number>(),
    readSeconds: 0,
    writeSeconds: 0,
    snapshotSeconds: 0,
  };

  const db = <T = Record<string, unknown>>(sql: string, params: unknown[] = []): Promise<T[]> => t.db.dataSource.query(sql, params);
  const insertId = async (sql: string, params: unknown[] = []): Promise<string> => (await db<{ id: string }>(sql, params))[0].id;
  const next = (): number => ++unique;

  // --- fixtures: fresh records for the operations that change them -------------------------------

  const freshOrganisation = (archived = false) =>
    insertId(`INSERT INTO organisation (slug, name, sector, archived_at) VALUES ('hostile-' || gen_random_uuid(), 'Hostile org ' || gen_random_uuid(), 'OTHER', $1) RETURNING id`, [archived ? new Date() : null]);
  const freshLocation = (archived = false) =>
    insertId(`INSERT INTO location (slug, name, organisation_id, archived_at) VALUES ('hostile-' || gen_random_uuid(), 'Hostile locatie ' || gen_random_uuid(), $1, $2) RETURNING id`, [ids.swa, archived ? new Date() : null]);
  const freshService = (archived = false) =>
    insertId(`INSERT INTO service (slug, name, organisation_id, archived_at) VALUES ('hostile-' || gen_random_uuid(), 'Hostile dienst ' || gen_random_uuid(), $1, $2) RETURNING id`, [ids.swa, archived ? new Date() : null]);
  const freshKeyPerson = (archived = false) =>
    insertId(`INSERT INTO key_person (name, organisation_id, archived_at) VALUES ('Hostile persoon', $1, $2) RETURNING id`, [ids.swa, archived ? new Date() : null]);
  const freshArea = (archived = false) =>
    insertId(
      `INSERT INTO area (slug, name, level, parent_id, archived_at)
       SELECT 'hostile-' || gen_random_uuid(), 'Hostile buurt', 'NEIGHBOURHOOD', id, $1 FROM area WHERE slug = 'randenbroek-schuilenburg' RETURNING id`,
      [archived ? new Date() : null],
    );
  const freshIndicator = (archived = false) =>
    insertId(`INSERT INTO indicator (code, name_nl, name_en, unit, archived_at) VALUES ('hostile_' || replace(gen_random_uuid()::text, '-', ''), 'Hostile', 'Hostile', 'COUNT', $1) RETURNING id`, [
      archived ? new Date() : null,
    ]);
  const freshInterventionType = (archived = false) =>
    insertId(`INSERT INTO intervention_type (code, name_nl, archived_at) VALUES ('hostile-' || gen_random_uuid(), 'Hostile', $1) RETURNING id`, [archived ? new Date() : null]);
  const freshTargetGroup = (archived = false) =>
    insertId(`INSERT INTO target_group (code, name_nl, archived_at) VALUES ('hostile-' || gen_random_uuid(), 'Hostile', $1) RETURNING id`, [archived ? new Date() : null]);
  const freshSearchSynonym = () =>
    insertId(`WITH g AS (INSERT INTO search_synonym DEFAULT VALUES RETURNING id)
             INSERT INTO search_synonym_term (synonym_id, position, term, term_key)
             SELECT g.id, p, t, t FROM g, (VALUES (0, 'hostilea-' || gen_random_uuid()), (1, 'hostileb-' || gen_random_uuid())) AS v(p, t) RETURNING synonym_id AS id`);
  const freshNetwork = (archived = false) =>
    insertId(
      `INSERT INTO network (slug, name, kind, coordinator_organisation_id, archived_at) VALUES ('hostile-' || gen_random_uuid(), 'Hostile netwerk', 'OTHER', $1, $2) RETURNING id`,
      [ids.swa, archived ? new Date() : null],
    );
  const freshNetworkMember = async () => {
    ids.memberNetwork = await freshNetwork();
    ids.networkMember = await insertId(`INSERT INTO network_member (network_id, organisation_name) VALUES ($1, 'Hostile lid') RETURNING id`, [ids.memberNetwork]);
  };
  const freshKeyFigure = () =>
    insertId(
      `INSERT INTO key_figure (area_id, indicator_id, indicator_unit, year, value, source)
       SELECT a.id, i.id, i.unit, 2001, 1, 'hostile-' || gen_random_uuid() FROM area a, indicator i WHERE a.slug = 'schuilenburg' AND i.code = 'population' RETURNING id`,
    );
  /** A referral from Beweging 3.0 to SWA in `status`, with an open action for SWA. */
  /** A referral from Beweging 3.0 to SWA (holding it once accepted); `consent`: with the person's consent for the receiver; `inNetwork`: in a network where SWA is core and Kwintes shell. */
  const freshReferral = async (status: string, inNetwork = false, consent = false) => {
    if (inNetwork && !ids.shellNetwork) {
      ids.shellNetwork = await insertId(`INSERT INTO network (slug, name, kind) VALUES ('hostile-' || gen_random_uuid(), 'Hostile schil', 'OTHER') RETURNING id`, []);
      ids.shellPartner = await insertId(`SELECT id FROM organisation WHERE slug = 'kwintes'`);
      await db(`INSERT INTO network_member (network_id, organisation_id, tier) VALUES ($1, $2, 'CORE'), ($1, $3, 'SHELL')`, [ids.shellNetwork, ids.swa, ids.shellPartner]);
    }
    ids.referral = await insertId(
      `INSERT INTO referral (dossier_number, referring_organisation_id, receiving_organisation_id, holder_organisation_id, network_id, status) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
      [`1998-${String(next()).padStart(5, '0')}`, ids.beweging, ids.swa, status === 'SIGNALLED' ? null : ids.swa, inNetwork ? ids.shellNetwork : null, status],
    );
    if (consent) await db(`INSERT INTO referral_consent (referral_id, scope, given_at) VALUES ($1, 'RECEIVER', now())`, [ids.referral]);
    ids.referralAction = await insertId(
      `INSERT INTO referral_action (referral_id, description, assigned_organisation_id, due_on) VALUES ($1, 'Hostile actie', $2, current_date) RETURNING id`,
      [ids.referral, ids.swa],
    );
  };
  /** A fresh SWA webhook; every other SWA webhook goes, so the per-organisation limit never bites. */
  const freshWebhook = async () => {
    await db(`DELETE FROM webhook WHERE organisation_id = $1 AND id <> $2`, [ids.swa, ids.queryWebhook]);
    ids.webhook = await insertId(
      `INSERT INTO webhook (organisation_id, url, events, description, secret_ciphertext, secret_hint)
       VALUES ($1, 'https://partner.example.org/hostile', '{CREATED}', 'hostile', 'plain:whsec_hostile', 'whsec_host…') RETURNING id`,
      [ids.swa],
    );
  };
  const freshApiKey = async () => {
    const created = dataOf(
      await t.gql(`mutation($input: CreateApiKeyInput!) { createApiKey(input: $input) { apiKey { id } } }`, { input: { organisationId: ids.swa, name: 'to revoke', scopes: ['READ_MAP'] } }, as.swa),
    );
    ids.apiKey = (created.createApiKey as { apiKey: { id: string } }).apiKey.id;
  };

  const freshUser = async () => {
    const created = dataOf(
      await t.gql(
        `mutation($input: CreateUserInput!) { createUser(input: $input) { id } }`,
        { input: { email: `erasable${next()}@test.local`, displayName: 'Te wissen', password: 'long enough password', role: 'ORGANISATION', organisationId: ids.swa } },
        as.admin,
      ),
    );
    ids.erasableUser = (created.createUser as { id: string }).id;
  };

  /** A pending SWA proposal to change a fresh location (version 1), so accepting it succeeds. */
  const freshProposal = async () => {
    const location = await freshLocation();
    ids.proposal = await insertId(
      `INSERT INTO proposal (kind, target_id, target_version, payload, motivation, proposer_organisation_id) VALUES ('LOCATION', $1, 1, '{"kind": "hostile"}', 'hostile', $2) RETURNING id`,
      [location, ids.swa],
    );
  };

  const archivable = (fresh: (archived: boolean) => Promise<string>, key: string, archived: boolean): Pick<OperationPlan, 'args' | 'prepare'> => ({
    args: () => ({ id: ids[key], version: 1 }),
    prepare: async () => {
      ids[key] = await fresh(archived);
    },
  });

  // --- valid baselines, per operation ----------------------------------------------------------

  let geocoder: http.Server;
  const plans: Record<string, OperationPlan> = {
    // reads: the public map (admin)
    'Query.area': { caller: 'admin', args: () => ({ slug: 'kruiskamp' }) },
    'Query.areas': { caller: 'admin', args: () => ({ first: 5, level: 'NEIGHBOURHOOD', parent: 'randenbroek-schuilenburg', search: 'r', includeArchived: false, rootsOnly: false }) },
    'Query.keyFigures': { caller: 'admin', args: () => ({ first: 5, area: 'amersfoort', indicator: 'population', year: 2009 }) },
    'Query.indicators': { caller: 'admin', args: () => ({ first: 5, includeArchived: true }) },
    'Query.interventionTypes': { caller: 'admin', args: () => ({ first: 5, basicFunction: 'signaleren', category: 'SIGNALLING', search: 's', includeArchived: false }) },
    'Query.interventionType': { caller: 'admin', args: () => ({ code: 'schakelen-tussen-teamleden' }) },
    'Query.targetGroups': { caller: 'admin', args: () => ({ first: 5, search: 'ouder', includeArchived: false }) },
    'Query.targetGroup': { caller: 'admin', args: () => ({ code: 'kwetsbare-ouderen-sociaal-isolement' }) },
    'Query.organisations': {
      caller: 'admin',
      args: () => ({
        first: 5,
        area: 'kruiskamp',
        sector: 'WELFARE',
        status: 'ACTIVE',
        targetGroup: 'kwetsbare-ouderen-sociaal-isolement',
        interventionType: 'schakelen-tussen-teamleden',
        basicFunction: 'signaleren',
        search: 'welzijn',
        includeArchived: false,
      }),
    },
    'Query.organisation': { caller: 'admin', args: () => ({ slug: 'swa' }) },
    'Query.locations': { caller: 'admin', args: () => ({ first: 5, area: 'kruiskamp', kind: 'wijkcentrum', organisation: ids.swa, search: 'de', status: 'ACTIVE', includeArchived: false }) },
    'Query.location': { caller: 'admin', args: () => ({ slug: 'de-roef' }) },
    'Query.geocodeAddress': { caller: 'swa', args: () => ({ postcode: '3811 LM', houseNumber: 1, addition: 'a', address: 'Stadhuisplein 1a' }) },
    'Query.services': {
      caller: 'admin',
      args: () => ({
        first: 5,
        area: 'kruiskamp',
        organisation: ids.swa,
        sector: 'WELFARE',
        status: 'ACTIVE',
        targetGroup: 'kwetsbare-ouderen-sociaal-isolement',
        interventionType: 'schakelen-tussen-teamleden',
        basicFunction: 'signaleren',
        search: 'buurt',
        includeArchived: false,
      }),
    },
    'Query.service': { caller: 'admin', args: () => ({ slug: 'schakels-in-de-buurt' }) },
    'Query.networks': { caller: 'admin', args: () => ({ first: 5, area: 'kruiskamp', kind: 'SWITCH_TEAM', status: 'ACTIVE', targetGroup: 'kwetsbare-ouderen-sociaal-isolement', includeArchived: false }) },
    'Query.network': { caller: 'admin', args: () => ({ slug: 'buurtnetwerk-55plus' }) },
    'Query.keyPersons': { caller: 'admin', args: () => ({ first: 5, area: 'kruiskamp', organisation: ids.swa, role: 'wijkagent', search: 'a', includeArchived: true }) },
    'Query.keyPerson': { caller: 'admin', args: () => ({ id: ids.keyPerson }) },
    'Query.users': { caller: 'admin', args: () => ({ first: 5 }) },
    'Query.changeHistory': { caller: 'admin', args: () => ({ entityType: 'ORGANISATION', entityId: ids.swa, first: 5 }) },
    'Query.similarRecords': { caller: 'admin', args: () => ({ kind: 'SERVICE', name: 'Samen koken', excludeId: ids.seededLocation, organisation: ids.swa }) },
    'Query.staleRecords': { caller: 'admin', args: () => ({ first: 5, entityType: 'ORGANISATION', olderThanMonths: 12, organisation: ids.swa, area: ids.kruiskamp }) },
    'Query.neighbourhoodView': { caller: 'admin', args: () => ({ area: 'kruiskamp', year: 2009 }) },
    'Query.compareAreas': { caller: 'admin', args: () => ({ areas: ['kruiskamp', 'randenbroek'], year: 2009 }) },
    'Query.rankAreas': { caller: 'admin', args: () => ({ municipality: 'amersfoort', by: 'INDICATOR', indicator: 'pct_age_65_plus', level: 'NEIGHBOURHOOD', ascending: true, year: 2009 }) },
    'Query.accessLog': { caller: 'admin', args: () => ({ dossierNumber: ids.queryDossier, first: 5 }) },
    'Query.refusedAccessAttempts': { caller: 'admin', args: () => ({ first: 5, since: '2026-01-01' }) },
    // reads: SWA's own
    'Query.apiKeys': { caller: 'swa', args: () => ({ organisationId: ids.swa }) },
    'Query.webhooks': { caller: 'swa', args: () => ({ organisationId: ids.swa }) },
    'Query.webhookDeliveries': { caller: 'swa', args: () => ({ webhookId: ids.queryWebhook, first: 5, status: 'PENDING' }) },
    'Query.referral': { caller: 'swa', args: () => ({ id: ids.queryReferral }) },
    'Query.referrals': { caller: 'swa', args: () => ({ first: 5, role: 'RECEIVED', status: 'EXPLORING' }) },
    'Query.networkAgenda': { caller: 'swa', args: () => ({ networkId: ids.agendaNetwork, since: '2020-01-01' }) },

    // users and API keys
    'Mutation.createUser': {
      caller: 'admin',
      args: () => ({ input: { email: `hostile${next()}@test.local`, displayName: 'Hostile', password: 'long enough password', role: 'ORGANISATION', organisationId: ids.swa } }),
    },
    'Mutation.inviteUser': { caller: 'admin', args: () => ({ input: { email: `hostile${next()}@test.local`, displayName: 'Hostile', role: 'MUNICIPALITY', areas: ['kruiskamp'] } }) },
    'Query.user': { caller: 'admin', args: () => ({ id: ids.erasableUser }), prepare: freshUser },
    'Mutation.updateUser': {
      caller: 'admin',
      args: () => ({ input: { id: ids.erasableUser, version: 1, displayName: 'Hernoemd', role: 'ORGANISATION', organisationId: ids.swa, areas: [] } }),
      prepare: freshUser,
    },
    'Mutation.setUserStatus': { caller: 'admin', args: () => ({ id: ids.erasableUser, version: 1, status: 'DISABLED' }), prepare: freshUser },
    'Mutation.resetUserPassword': { caller: 'admin', args: () => ({ id: ids.erasableUser }), prepare: freshUser },
    'Mutation.createApiKey': { caller: 'swa', args: () => ({ input: { organisationId: ids.swa, name: 'hostile', scopes: ['READ_MAP'], expiresAt: '2030-01-01T00:00:00.000Z' } }) },
    'Mutation.revokeApiKey': { caller: 'swa', args: () => ({ id: ids.apiKey }), prepare: freshApiKey },
    // data-subject rights (GDPR art. 15, 17)
    'Query.keyPersonDataExport': { caller: 'admin', args: () => ({ id: ids.keyPerson }) },
    'Query.userDataExport': { caller: 'admin', args: () => ({ id: ids.erasableUser }), prepare: freshUser },
    'Mutation.eraseKeyPerson': {
      caller: 'admin',
      args: () => ({ id: ids.erasableKeyPerson, reason: 'Verzoek AVG-2026-017' }),
      prepare: async () => {
        ids.erasableKeyPerson = await freshKeyPerson();
      },
    },
    'Mutation.eraseUser': { caller: 'admin', args: () => ({ id: ids.erasableUser, reason: 'Verzoek AVG-2026-018' }), prepare: freshUser },

    // organisations, locations, services, key persons
    'Mutation.createOrganisation': {
      caller: 'admin',
      args: () => ({ input: { name: `Hostile org ${next()}`, sector: 'OTHER', areas: ['kruiskamp'], website: 'https://example.org', email: 'info@example.org', phone: '033 123 4567' } }),
    },
    'Mutation.updateOrganisation': {
      caller: 'admin',
      args: () => ({ id: ids.organisation, version: 1, input: { subsector: 'hostile', areas: ['kruiskamp'], parentId: ids.swa } }),
      prepare: async () => {
        ids.organisation = await freshOrganisation();
      },
    },
    'Mutation.archiveOrganisation': { caller: 'admin', ...archivable(freshOrganisation, 'archivableOrganisation', false) },
    'Mutation.restoreOrganisation': { caller: 'admin', ...archivable(freshOrganisation, 'restorableOrganisation', true) },
    'Mutation.mergeOrganisations': {
      caller: 'admin',
      args: () => ({ input: { sourceId: ids.mergeSource, targetId: ids.mergeTarget, sourceVersion: 1, targetVersion: 1 } }),
      prepare: async () => {
        ids.mergeSource = await freshOrganisation();
        ids.mergeTarget = await freshOrganisation();
      },
    },
    'Query.organisationMergePreview': {
      caller: 'admin',
      args: () => ({ sourceId: ids.swa, targetId: ids.mergePreviewTarget }),
      prepare: async () => {
        ids.mergePreviewTarget = await freshOrganisation();
      },
    },
    'Mutation.markVerified': { caller: 'admin', args: () => ({ entityType: 'ORGANISATION', id: ids.swa }) },
    'Mutation.markRecordsVerified': { caller: 'admin', args: () => ({ records: [{ entityType: 'ORGANISATION', id: ids.swa }, { entityType: 'LOCATION', id: ids.seededLocation }] }) },
    'Mutation.createLocation': {
      caller: 'admin',
      args: () => ({ input: { name: `Hostile locatie ${next()}`, organisationId: ids.swa, area: 'kruiskamp', postcode: '3811 AB', latitude: 52.15, longitude: 5.38, status: 'ACTIVE' } }),
    },
    'Mutation.updateLocation': {
      caller: 'admin',
      args: () => ({ id: ids.location, version: 1, input: { kind: 'wijkcentrum', area: 'kruiskamp' } }),
      prepare: async () => {
        ids.location = await freshLocation();
      },
    },
    'Mutation.archiveLocation': { caller: 'admin', ...archivable(freshLocation, 'archivableLocation', false) },
    'Mutation.restoreLocation': { caller: 'admin', ...archivable(freshLocation, 'restorableLocation', true) },
    'Mutation.createService': {
      caller: 'admin',
      args: () => ({
        input: {
          name: `Hostile dienst ${next()}`,
          organisationId: ids.swa,
          areas: ['kruiskamp'],
          targetGroups: ['kwetsbare-ouderen-sociaal-isolement'],
          interventionTypes: ['schakelen-tussen-teamleden'],
          partnerIds: [ids.beweging],
          minAge: 18,
          maxAge: 99,
          validFrom: '2024-01-01',
          validTo: '2030-12-31',
        },
      }),
    },
    'Mutation.updateService': {
      caller: 'admin',
      args: () => ({ id: ids.service, version: 1, input: { frequency: 'wekelijks', areas: ['kruiskamp'], locationIds: [ids.seededLocation] } }),
      prepare: async () => {
        ids.service = await freshService();
      },
    },
    'Mutation.archiveService': { caller: 'admin', ...archivable(freshService, 'archivableService', false) },
    'Mutation.restoreService': { caller: 'admin', ...archivable(freshService, 'restorableService', true) },
    'Mutation.createKeyPerson': {
      caller: 'admin',
      args: () => ({ input: { name: 'Hostile persoon', organisationId: ids.swa, role: 'wijkagent', areas: ['kruiskamp'], email: 'persoon@example.org', phone: '06 12345678' } }),
    },
    'Mutation.updateKeyPerson': {
      caller: 'admin',
      args: () => ({ id: ids.curatedKeyPerson, version: 1, input: { notes: 'hostile', areas: ['kruiskamp'] } }),
      prepare: async () => {
        ids.curatedKeyPerson = await freshKeyPerson();
      },
    },
    'Mutation.archiveKeyPerson': { caller: 'admin', ...archivable(freshKeyPerson, 'archivableKeyPerson', false) },
    'Mutation.restoreKeyPerson': { caller: 'admin', ...archivable(freshKeyPerson, 'restorableKeyPerson', true) },

    // catalogue, key figures, networks
    'Mutation.createArea': {
      caller: 'admin',
      args: () => ({
        input: {
          name: `Hostile buurt ${next()}`,
          level: 'NEIGHBOURHOOD',
          parent: 'randenbroek-schuilenburg',
          boundary: { type: 'Polygon', coordinates: [[[5.4, 52.16], [5.41, 52.16], [5.41, 52.17], [5.4, 52.16]]] },
        },
      }),
    },
    'Mutation.updateArea': {
      caller: 'admin',
      args: () => ({ id: ids.area, version: 1, input: { description: 'hostile' } }),
      prepare: async () => {
        ids.area = await freshArea();
      },
    },
    'Mutation.archiveArea': { caller: 'admin', ...archivable(freshArea, 'archivableArea', false) },
    'Mutation.restoreArea': { caller: 'admin', ...archivable(freshArea, 'restorableArea', true) },
    'Mutation.createIndicator': { caller: 'admin', args: () => ({ input: { code: `hostile_${next()}`, nameNl: 'Hostile', nameEn: 'Hostile', unit: 'COUNT' } }) },
    'Mutation.updateIndicator': {
      caller: 'admin',
      args: () => ({ id: ids.indicator, version: 1, input: { description: 'hostile' } }),
      prepare: async () => {
        ids.indicator = await freshIndicator();
      },
    },
    'Mutation.archiveIndicator': { caller: 'admin', ...archivable(freshIndicator, 'archivableIndicator', false) },
    'Mutation.restoreIndicator': { caller: 'admin', ...archivable(freshIndicator, 'restorableIndicator', true) },
    'Mutation.createKeyFigure': { caller: 'admin', args: () => ({ input: { area: 'schuilenburg', indicator: 'population', year: 2001, value: 10, source: `Hostile ${next()}` } }) },
    'Mutation.updateKeyFigure': {
      caller: 'admin',
      args: () => ({ id: ids.keyFigure, version: 1, input: { value: 2 } }),
      prepare: async () => {
        ids.keyFigure = await freshKeyFigure();
      },
    },
    'Mutation.deleteKeyFigure': {
      caller: 'admin',
      args: () => ({ id: ids.deletableKeyFigure, version: 1 }),
      prepare: async () => {
        ids.deletableKeyFigure = await freshKeyFigure();
      },
    },
    'Mutation.upsertKeyFigures': { caller: 'admin', args: () => ({ input: [{ area: 'schuilenburg', indicator: 'population', year: 2002, value: next(), source: 'Hostile upsert' }] }) },
    'Mutation.createInterventionType': { caller: 'admin', args: () => ({ input: { nameNl: `Hostile interventie ${next()}`, basicFunction: 'signaleren', category: 'SIGNALLING' } }) },
    'Mutation.updateInterventionType': {
      caller: 'admin',
      args: () => ({ id: ids.interventionType, version: 1, input: { description: 'hostile' } }),
      prepare: async () => {
        ids.interventionType = await freshInterventionType();
      },
    },
    'Mutation.archiveInterventionType': { caller: 'admin', ...archivable(freshInterventionType, 'archivableInterventionType', false) },
    'Mutation.restoreInterventionType': { caller: 'admin', ...archivable(freshInterventionType, 'restorableInterventionType', true) },
    'Mutation.createTargetGroup': { caller: 'admin', args: () => ({ input: { nameNl: `Hostile doelgroep ${next()}`, minAge: 18, maxAge: 67, needIndicator: 'pct_age_65_plus' } }) },
    'Mutation.updateTargetGroup': {
      caller: 'admin',
      args: () => ({ id: ids.targetGroup, version: 1, input: { description: 'hostile' } }),
      prepare: async () => {
        ids.targetGroup = await freshTargetGroup();
      },
    },
    'Mutation.archiveTargetGroup': { caller: 'admin', ...archivable(freshTargetGroup, 'archivableTargetGroup', false) },
    'Mutation.createSearchSynonym': { caller: 'admin', args: () => ({ input: { terms: [`hostilezoekterm${next()}`, `hostile synoniem ${next()}`] } }) },
    'Mutation.updateSearchSynonym': {
      caller: 'admin',
      args: () => ({ id: ids.searchSynonym, version: 1, input: { terms: [`hostilezoekterm${next()}`, `hostile-synoniem-${next()}`] } }),
      prepare: async () => {
        ids.searchSynonym = await freshSearchSynonym();
      },
    },
    'Mutation.deleteSearchSynonym': {
      caller: 'admin',
      args: () => ({ id: ids.deletableSearchSynonym, version: 1 }),
      prepare: async () => {
        ids.deletableSearchSynonym = await freshSearchSynonym();
      },
    },
    'Mutation.restoreTargetGroup': { caller: 'admin', ...archivable(freshTargetGroup, 'restorableTargetGroup', true) },
    'Mutation.createNetwork': {
      caller: 'admin',
      args: () => ({
        input: { name: `Hostile netwerk ${next()}`, kind: 'OTHER', coordinatorOrganisationId: ids.swa, areas: ['kruiskamp'], targetGroups: ['kwetsbare-ouderen-sociaal-isolement'], meetingIntervalWeeks: 4 },
      }),
    },
    'Mutation.updateNetwork': {
      caller: 'admin',
      args: () => ({ id: ids.network, version: 1, input: { purpose: 'hostile', homeBaseLocationId: ids.seededLocation } }),
      prepare: async () => {
        ids.network = await freshNetwork();
      },
    },
    'Mutation.archiveNetwork': { caller: 'admin', ...archivable(freshNetwork, 'archivableNetwork', false) },
    'Mutation.restoreNetwork': { caller: 'admin', ...archivable(freshNetwork, 'restorableNetwork', true) },
    'Mutation.addNetworkMember': {
      caller: 'admin',
      args: () => ({ networkId: ids.memberNetwork, input: { organisationId: ids.swa, role: 'opbouwwerker', tier: 'CORE', fte: 0.5, hoursPerWeek: 16, joinedOn: '2024-01-01' } }),
      prepare: freshNetworkMember,
    },
    'Mutation.updateNetworkMember': { caller: 'admin', args: () => ({ id: ids.networkMember, version: 1, input: { role: 'hostile', leftOn: '2025-01-01' } }), prepare: freshNetworkMember },
    'Mutation.removeNetworkMember': { caller: 'admin', args: () => ({ id: ids.networkMember, version: 1 }), prepare: freshNetworkMember },

    // referrals (SWA's user: admins read no cases)
    'Mutation.createReferral': {
      caller: 'swa',
      args: () => ({
        input: {
          receivingOrganisationId: ids.beweging,
          summary: 'Hostile casus',
          area: 'kruiskamp',
          targetGroups: ['kwetsbare-ouderen-sociaal-isolement'],
          interventionTypes: ['schakelen-tussen-teamleden'],
          lifeDomains: ['HOUSING'],
          consent: { given: true, scope: 'RECEIVER' },
        },
      }),
    },
    'Mutation.acceptReferral': { caller: 'swa', args: () => ({ id: ids.referral, version: 1, input: { note: 'hostile' } }), prepare: () => freshReferral('SIGNALLED') },
    'Mutation.declineReferral': { caller: 'swa', args: () => ({ id: ids.referral, version: 1, input: { reason: 'hostile' } }), prepare: () => freshReferral('SIGNALLED') },
    'Mutation.changeReferralStatus': {
      caller: 'swa',
      args: () => ({ id: ids.referral, version: 1, input: { to: 'ACTION_AGREED', note: 'hostile' } }),
      prepare: () => freshReferral('EXPLORING'),
    },
    'Mutation.recordConsent': { caller: 'swa', args: () => ({ id: ids.referral, version: 1, input: { given: true, scope: 'RECEIVER' } }), prepare: () => freshReferral('EXPLORING') },
    'Mutation.addReferralAction': {
      caller: 'swa',
      args: () => ({ id: ids.referral, version: 1, input: { description: 'hostile', assignedOrganisationId: ids.swa, dueOn: '2030-01-01' } }),
      prepare: () => freshReferral('EXPLORING'),
    },
    'Mutation.completeReferralAction': { caller: 'swa', args: () => ({ id: ids.referralAction, version: 1, input: { result: 'hostile' } }), prepare: () => freshReferral('IN_PROGRESS') },
    'Mutation.addReferralNote': { caller: 'swa', args: () => ({ id: ids.referral, version: 1, input: { text: 'hostile' } }), prepare: () => freshReferral('EXPLORING') },
    'Mutation.closeReferral': {
      caller: 'swa',
      args: () => ({ id: ids.referral, version: 1, input: { outcome: 'hostile', problemOwnerOrganisationId: ids.swa } }),
      prepare: () => freshReferral('IN_PROGRESS'),
    },
    'Mutation.handOverReferral': {
      caller: 'swa',
      args: () => ({ id: ids.referral, version: 1, input: { organisationId: ids.beweging, note: 'hostile' } }),
      prepare: () => freshReferral('EXPLORING'),
    },
    'Mutation.consultOnReferral': {
      caller: 'swa',
      args: () => ({ id: ids.referral, version: 1, input: { organisationId: ids.shellPartner, question: 'hostile' } }),
      prepare: () => freshReferral('EXPLORING', true),
    },
    'Mutation.setReferralIdentifyingDetails': {
      caller: 'swa',
      args: () => ({ id: ids.referral, version: 1, input: { identifyingDetails: 'hostile' } }),
      prepare: () => freshReferral('EXPLORING', false, true),
    },
    'Mutation.purgeClosedReferrals': { caller: 'admin', args: () => ({ olderThanYears: 5 }) },

    // partner integration
    'Mutation.createWebhook': {
      caller: 'swa',
      args: () => ({ input: { organisationId: ids.swa, url: 'https://partner.example.org/hostile', events: ['CREATED', 'ACCEPTED'], description: 'hostile' } }),
      prepare: freshWebhook,
    },
    'Mutation.updateWebhook': {
      caller: 'swa',
      args: () => ({ id: ids.webhook, version: 1, input: { description: 'hostile', url: 'https://partner.example.org/other', events: ['CLOSED'], enabled: true } }),
      prepare: freshWebhook,
    },
    'Mutation.rotateWebhookSecret': { caller: 'swa', args: () => ({ id: ids.webhook, version: 1 }), prepare: freshWebhook },
    'Mutation.deleteWebhook': { caller: 'swa', args: () => ({ id: ids.webhook, version: 1 }), prepare: freshWebhook },
    // notifications: SWA's user's own
    'Query.notifications': { caller: 'swa', args: () => ({ first: 5, unreadOnly: true }) },
    'Mutation.markNotificationsRead': { caller: 'swa', args: () => ({ ids: ['00000000-0000-4000-8000-000000000001'] }) },
    'Mutation.setNotificationEmailMode': { caller: 'swa', args: () => ({ emailMode: 'DIGEST' }) },
    // proposals: SWA's user proposes, an admin decides
    'Query.proposals': { caller: 'admin', args: () => ({ first: 5, status: 'PENDING', kind: 'LOCATION', targetId: ids.seededLocation }) },
    'Query.proposal': { caller: 'swa', args: () => ({ id: ids.proposal }), prepare: freshProposal },
    'Mutation.proposeNewOrganisation': { caller: 'swa', args: () => ({ input: { name: `Hostile voorstel ${next()}`, sector: 'OTHER', areas: ['kruiskamp'] }, motivation: 'hostile' }) },
    'Mutation.proposeOrganisationChange': {
      caller: 'swa',
      args: () => ({ id: ids.proposedOrganisation, version: 1, input: { subsector: 'hostile', areas: ['kruiskamp'] }, motivation: 'hostile' }),
      prepare: async () => {
        ids.proposedOrganisation = await freshOrganisation();
      },
    },
    'Mutation.proposeNewLocation': { caller: 'swa', args: () => ({ input: { name: `Hostile voorstel ${next()}`, area: 'kruiskamp', postcode: '3811 AB', latitude: 52.15, longitude: 5.38 }, motivation: 'hostile' }) },
    'Mutation.proposeLocationChange': {
      caller: 'swa',
      args: () => ({ id: ids.proposedLocation, version: 1, input: { kind: 'wijkcentrum', area: 'kruiskamp' }, motivation: 'hostile' }),
      prepare: async () => {
        ids.proposedLocation = await freshLocation();
      },
    },
    'Mutation.proposeNewService': { caller: 'swa', args: () => ({ input: { name: `Hostile voorstel ${next()}`, areas: ['kruiskamp'], minAge: 18, maxAge: 99 }, motivation: 'hostile' }) },
    'Mutation.proposeServiceChange': {
      caller: 'swa',
      args: () => ({ id: ids.proposedService, version: 1, input: { frequency: 'wekelijks', areas: ['kruiskamp'] }, motivation: 'hostile' }),
      prepare: async () => {
        ids.proposedService = await freshService();
      },
    },
    'Mutation.proposeNewKeyPerson': { caller: 'swa', args: () => ({ input: { name: 'Hostile wijkagent', role: 'wijkagent', areas: ['kruiskamp'], phone: '06 12345678' }, motivation: 'hostile' }) },
    'Mutation.proposeKeyPersonChange': {
      caller: 'swa',
      args: () => ({ id: ids.proposedKeyPerson, version: 1, input: { notes: 'hostile', areas: ['kruiskamp'] }, motivation: 'hostile' }),
      prepare: async () => {
        ids.proposedKeyPerson = await freshKeyPerson();
      },
    },
    'Mutation.withdrawProposal': { caller: 'swa', args: () => ({ id: ids.proposal, version: 1 }), prepare: freshProposal },
    'Mutation.acceptProposal': { caller: 'admin', args: () => ({ id: ids.proposal, version: 1, reason: 'hostile' }), prepare: freshProposal },
    'Mutation.rejectProposal': { caller: 'admin', args: () => ({ id: ids.proposal, version: 1, reason: 'hostile' }), prepare: freshProposal },
  };

  // --- running a case ------------------------------------------------------------------------

  async function send(request: HostileRequest, credentials: As): Promise<{ status: number; text: string }> {
    const headers: Record<string, string> = { 'content-type': 'application/json', accept: 'application/json', ...request.headers };
    if (credentials.cookie) headers.cookie = credentials.cookie;
    const response = await fetch(`${t.url}/graphql`, { method: 'POST', headers, body: request.body });
    return { status: response.status, text: await response.text() };
  }

  /**
   * Every string inside the hostile value and the baseline, raw and JSON-escaped: echoes of input
   * are no leak. Short strings are kept in the message: stripping `x` would hide "syntax error".
   */
  function echoedTexts(value: unknown, into: string[] = []): string[] {
    if (typeof value === 'string' && value.length >= 4) into.push(value, JSON.stringify(value).slice(1, -1));
    else if (Array.isArray(value)) value.slice(0, 5).forEach((item) => echoedTexts(item, into));
    else if (value && typeof value === 'object') Object.values(value).forEach((item) => echoedTexts(item, into));
    return into;
  }

  function leakIn(message: string, hostileCase: HostileCase, request: HostileRequest): RegExp | undefined {
    const hostileValue = hostileCase.kind === 'value' && hostileCase.edit.kind === 'set' ? hostileCase.edit.value : undefined;
    let stripped = message;
    for (const text of [...echoedTexts(hostileValue), ...echoedTexts(request.variables)].sort((a, b) => b.length - a.length)) {
      stripped = stripped.split(text).join('');
    }
    return LEAKS.find((pattern) => pattern.test(stripped));
  }

  /** `input.areas[0]` and `input.areas.0` name the same field. */
  const normaliseField = (field: string): string => field.replace(/\[(\d+)\]/g, '.$1');

  function fieldProblem(hostileCase: HostileCase, error: ErrorEntry): string | null {
    const field = error.extensions?.field;
    if (typeof field !== 'string' || field.length === 0) return 'BAD_USER_INPUT without extensions.field';
    if (hostileCase.kind !== 'value') return null;
    const named = normaliseField(field);
    const target = pathText(hostileCase.path);
    const parent = (path: string) => path.split('.').slice(0, -1).join('.');
    const targetName = String([...hostileCase.path].reverse().find((segment) => typeof segment === 'string'));
    // The broken field itself, a field or element inside it, the list it is an element of, a
    // sibling (cross-field rules such as minAge ≤ maxAge), or a rule over several arguments that
    // names the broken one in its message ("Give exactly one of …").
    const related =
      named === target ||
      named.startsWith(`${target}.`) ||
      (typeof hostileCase.path[hostileCase.path.length - 1] === 'number' && named === parent(target)) ||
      parent(named) === parent(target) ||
      error.message.includes(`"${targetName}"`);
    return related ? null : `BAD_USER_INPUT names "${field}", but the broken input is "${target}"`;
  }

  function parseResult(status: number, text: string): { result: CaseResult; problems: string[] } {
    const problems: string[] = [];
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      problems.push(`HTTP ${status} with a body that is not JSON: ${text.slice(0, 120)}`);
      return { result: { status, errors: [], data: null, outcome: `HTTP ${status} (not JSON)` }, problems };
    }
    const object = (body ?? {}) as { data?: Record<string, unknown> | null; errors?: ErrorEntry[]; error?: { code?: string; message?: string } };
    if (object.error) {
      // Errors outside GraphQL (body parser, authentication): { error: { code, message } }.
      const code = String(object.error.code);
      if (!KNOWN_CODES.has(code)) problems.push(`HTTP ${status} error with unknown code ${code}`);
      return { result: { status, errors: [{ message: String(object.error.message), extensions: { code } }], data: null, outcome: `HTTP ${status} ${code}` }, problems };
    }
    const errors = object.errors ?? [];
    const data = object.data ?? null;
    if (errors.length === 0 && data === null) problems.push(`HTTP ${status} with neither data nor errors`);
    const codes = [...new Set(errors.map((e) => String(e.extensions?.code)))];
    const hasData = data !== null && Object.values(data).some((value) => value !== null);
    const outcome = errors.length === 0 ? 'result' : hasData ? `result + ${codes.join('+')}` : codes.join('+');
    return { result: { status, errors, data, outcome }, problems };
  }

  function check(hostileCase: HostileCase, request: HostileRequest, result: CaseResult): string[] {
    const problems: string[] = [];
    if (result.status >= 500) problems.push(`HTTP ${result.status}`);
    for (const error of result.errors) {
      const code = String(error.extensions?.code);
      if (code === 'INTERNAL_SERVER_ERROR') {
        const logged = t.loggedErrors.find((entry) => entry.correlationId === error.extensions?.correlationId);
        const cause = logged?.error instanceof Error ? `${logged.error.constructor.name}: ${logged.error.message}` : String(logged?.error);
        problems.push(`INTERNAL_SERVER_ERROR at ${error.path?.join('.') ?? '(request)'}: ${cause.slice(0, 400)}`);
        continue;
      }
      if (!KNOWN_CODES.has(code)) problems.push(`error without a known code (${code}): ${error.message.slice(0, 200)}`);
      const leak = leakIn(error.message, hostileCase, request);
      if (leak) problems.push(`message leaks internals (${leak}): ${error.message.slice(0, 300)}`);
      if (code === 'BAD_USER_INPUT' && hostileCase.kind === 'value') {
        const problem = fieldProblem(hostileCase, error);
        if (problem) problems.push(`${problem}: ${error.message.slice(0, 200)}`);
      }
    }
    return problems;
  }

  function credentialsFor(hostileCase: HostileCase): As {
    return hostileCase.anonymous ? as.anonymous : as[plans[hostileCase.operation].caller];
  }

  /** `alone`: no other request is in flight, so any error logged meanwhile is this case's. */
  async function run(hostileCase: HostileCase, alone: boolean): Promise<{ request: HostileRequest; result: CaseResult | null; problems: string[] }> {
    const request = buildRequest(schema, hostileCase, plans[hostileCase.operation].args());
    const loggedBefore = t.loggedErrors.length;
    let response: { status: number; text: string };
    try {
      response = await send(request, credentialsFor(hostileCase));
    } catch (error) {
      return { request, result: null, problems: [`request failed: ${String(error)}`] };
    }
    const { result, problems } = parseResult(response.status, response.text);
    problems.push(...check(hostileCase, request, result));
    if (alone && t.loggedErrors.length > loggedBefore && !problems.some((p) => p.startsWith('INTERNAL_SERVER_ERROR'))) {
      problems.push(`an internal error was logged: ${String(t.loggedErrors[t.loggedErrors.length - 1].error).slice(0, 300)}`);
    }
    return { request, result, problems };
  }

  function record(hostileCase: HostileCase, request: HostileRequest, result: CaseResult | null, problems: string[]): void {
    summary.cases++;
    const attack = hostileCase.attack;
    summary.byAttack.set(attack, (summary.byAttack.get(attack) ?? 0) + 1);
    const outcome = result?.outcome ?? 'no response';
    summary.byOutcome.set(outcome, (summary.byOutcome.get(outcome) ?? 0) + 1);
    if (problems.length > 0) failures.push({ hostileCase, request, result, problems });
  }

  // --- the snapshot around mutations -------------------------------------------------------------

  const prepared = new Set<string>();
  let current: DbSnapshot;

  async function takeSnapshot(previous?: DbSnapshot): Promise<DbSnapshot> {
    const started = Date.now();
    const snapshot = await snapshotter.take(previous);
    summary.snapshotSeconds += (Date.now() - started) / 1000;
    return snapshot;
  }

  async function prepareOperation(operation: string): Promise<void> {
    await plans[operation].prepare?.();
    prepared.add(operation);
    current = await takeSnapshot();
  }

  /** A mutation case: the data must be unchanged unless the mutation answered with data. */
  async function runMutation(hostileCase: HostileCase): Promise<void> {
    if (!prepared.has(hostileCase.operation)) await prepareOperation(hostileCase.operation);
    const before = current;
    const { request, result, problems } = await run(hostileCase, true);
    const succeeded = result?.data != null && Object.values(result.data).some((value) => value !== null);
    if (succeeded) {
      // The generated value was valid after all: a correct result. Start again from fresh records.
      summary.baselineResets++;
      await prepareOperation(hostileCase.operation);
    } else {
      const after = await takeSnapshot(before);
      summary.snapshotChecks++;
      const changed = changedTables(before, after);
      if (changed.length > 0) problems.push(`failed mutation changed the data: ${changed.join(', ')}`);
      current = after;
    }
    record(hostileCase, request, result, problems);
  }

  async function runReads(reads: HostileCase[]): Promise<void> {
    const queue = [...reads];
    const worker = async () => {
      for (let c = queue.shift(); c; c = queue.shift()) {
        const { request, result, problems } = await run(c, false);
        record(c, request, result, problems);
      }
    };
    await Promise.all(Array.from({ length: READ_CONCURRENCY }, worker));
  }

  // --- setup -----------------------------------------------------------------------------------

  beforeAll(async () => {
    summary.started = Date.now();
    // geocodeAddress asks a geocoder: a local stub that finds nothing (never the real Locatieserver).
    geocoder = http.createServer((_req, res) => void res.writeHead(200, { 'content-type': 'application/json' }).end('{"response":{"numFound":0,"docs":[]}}'));
    await new Promise<void>((resolve) => geocoder.listen(0, '127.0.0.1', resolve));
    process.env.GEOCODER_URL = `http://127.0.0.1:${(geocoder.address() as { port: number }).port}/free`;
    t = await startTestApp({ env: { GEOCODER_URL: process.env.GEOCODER_URL } });
    await createTestUsers(t.db);
    as.admin = { cookie: await t.login('admin@test.local', TEST_PASSWORD) };
    as.swa = { cookie: await t.login('swa@test.local', TEST_PASSWORD) };
    const orgId = async (slug: string) => (await db<{ id: string }>(`SELECT id FROM organisation WHERE slug = $1`, [slug]))[0].id;
    ids.swa = await orgId('swa');
    ids.beweging = await orgId('beweging-3-0');
    ids.seededLocation = (await db<{ id: string }>(`SELECT id FROM location WHERE slug = 'de-roef'`))[0].id;
    ids.kruiskamp = (await db<{ id: string }>(`SELECT id FROM area WHERE slug = 'kruiskamp'`))[0].id;
    ids.keyPerson = await insertId(`INSERT INTO key_person (name, organisation_id) VALUES ('Hostile Sleutelpersoon', $1) RETURNING id`, [ids.swa]);
    // A case SWA receives, read by the referral and access-log queries.
    await freshReferral('EXPLORING');
    ids.queryReferral = ids.referral;
    ids.queryDossier = (await db<{ dossier_number: string }>(`SELECT dossier_number FROM referral WHERE id = $1`, [ids.queryReferral]))[0].dossier_number;
    // A network with SWA as a member, for its agenda.
    ids.agendaNetwork = await insertId(`INSERT INTO network (slug, name, kind) VALUES ('hostile-agenda', 'Hostile overleg', 'OTHER') RETURNING id`);
    await db(`INSERT INTO network_member (network_id, organisation_id) VALUES ($1, $2)`, [ids.agendaNetwork, ids.swa]);
    ids.queryWebhook = await insertId(
      `INSERT INTO webhook (organisation_id, url, events, description, secret_ciphertext, secret_hint)
       VALUES ($1, 'https://partner.example.org/deliveries', '{CREATED}', 'hostile deliveries', 'plain:whsec_hostile', 'whsec_host…') RETURNING id`,
      [ids.swa],
    );
    snapshotter = await createDbSnapshotter(t.db.url, SNAPSHOT_PLAN);
    console.log(`hostile input: seed ${SEED}, ${cases.length} cases (replay: HOSTILE_SEED=${SEED} HOSTILE_CASES=${CASE_COUNT})`);
  });

  afterAll(async () => {
    const seconds = ((Date.now() - summary.started) / 1000).toFixed(1);
    const top = (map: Map<string, number>) =>
      [...map.entries()]
        .sort((a, b) => b[1] - a[1])
        .map(([key, count]) => `${key} ${count}`)
        .join(', ');
    console.log(
      [
        `hostile input summary: seed ${SEED}, ${summary.cases} cases in ${seconds} s, ${failures.length} failures`,
        `  outcomes: ${top(summary.byOutcome)}`,
        `  attacks: ${top(summary.byAttack)}`,
        `  mutation cases: ${summary.snapshotChecks} answered with errors and were checked for writes (snapshot before and after), ${summary.baselineResets} succeeded and reset the baseline`,
        `  time: reads ${summary.readSeconds.toFixed(1)} s, writes ${summary.writeSeconds.toFixed(1)} s (of which snapshots ${summary.snapshotSeconds.toFixed(1)} s)`,
        `  refused by PostgreSQL and mapped to coded errors: ${top(summary.databaseRejections) || 'none'}`,
      ].join('\n'),
    );
    await snapshotter?.close();
    await t?.close();
    geocoder?.close();
  });

  // --- tests -----------------------------------------------------------------------------------

  it('generates the same cases from the same seed, attacking every operation under test', () => {
    const digest = (generated: HostileCase[]) => createHash('sha256').update(JSON.stringify(generated)).digest('hex');
    expect(digest(generateHostileCases(schema, generatorOptions))).toBe(digest(cases));
    const attacked = new Set(cases.map((c) => c.operation));
    expect(operationsUnderTest(schema).filter((op) => !attacked.has(op.name)).map((op) => op.name)).toEqual([]);
    // Every candidate of every operation is about 20,000 cases; a larger count gets them all.
    expect(cases.length).toBeGreaterThanOrEqual(Math.min(CASE_COUNT, 20_000));
  });

  it('has a valid baseline for every operation under test', async () => {
    const missing = operationsUnderTest(schema)
      .map((op) => op.name)
      .filter((name) => !plans[name]);
    expect(missing).toEqual([]);
    const invalid: string[] = [];
    for (const name of Object.keys(plans)) {
      await plans[name].prepare?.();
      const response = await send(buildBaselineRequest(schema, name, plans[name].args()), as[plans[name].caller]);
      const body = JSON.parse(response.text) as { errors?: ErrorEntry[] };
      if (response.status !== 200 || body.errors?.length) invalid.push(`${name}: HTTP ${response.status} ${JSON.stringify(body.errors?.map((e) => e.message))}`);
    }
    expect(invalid).toEqual([]);
  });

  it('notices a committed write in the snapshot, and not a rewrite with the same content', async () => {
    const before = await snapshotter.take();
    const [{ subsector }] = await db<{ subsector: string | null }>(`SELECT subsector FROM organisation WHERE id = $1`, [ids.swa]);
    await db(`UPDATE organisation SET subsector = 'snapshot check' WHERE id = $1`, [ids.swa]);
    const written = await snapshotter.take(before);
    expect(changedTables(before, written)).toEqual([expect.stringMatching(/^organisation /)]);
    await db(`UPDATE organisation SET subsector = $2 WHERE id = $1`, [ids.swa, subsector]);
    const restored = await snapshotter.take(written);
    expect(restored.get('organisation')?.marker).not.toBe(before.get('organisation')?.marker);
    expect(changedTables(before, restored)).toEqual([]);
  });

  it(`answers ${CASE_COUNT} hostile requests with coded errors or correct results, and writes nothing when it fails`, async () => {
    const consoleError = jest.spyOn(console, 'error').mockImplementation((message: unknown) => {
      // "query failed: …" then "error: <PostgreSQL message>": count the second by its message.
      const text = String(message);
      if (!text.startsWith('error:')) return;
      const key = text.replace(/^(error: )+/, '').replace(/"[^"]*"/g, '"…"').slice(0, 90);
      summary.databaseRejections.set(key, (summary.databaseRejections.get(key) ?? 0) + 1);
    });
    try {
      const reads = cases.filter((c) => c.root === 'query');
      // Mutations one at a time, grouped by operation so each fixture is prepared once per group.
      const writes = cases.filter((c) => c.root === 'mutation').sort((a, b) => a.operation.localeCompare(b.operation) || a.id - b.id);
      let started = Date.now();
      await runReads(reads);
      summary.readSeconds = (Date.now() - started) / 1000;
      started = Date.now();
      for (const c of writes) await runMutation(c);
      summary.writeSeconds = (Date.now() - started) / 1000;
    } finally {
      consoleError.mockRestore();
    }
    const report = failures.slice(0, 40).map(({ hostileCase: c, request, result, problems }) =>
      [
        `#${c.id} ${c.operation} ${c.attack} ${c.kind === 'value' ? `${pathText(c.path)} = ${c.label} (${c.transport})` : c.label}${c.anonymous ? ' anonymous' : ''}`,
        ...problems.map((p) => `  - ${p}`),
        `  query: ${(request.query ?? '').slice(0, 400)}`,
        request.variables ? `  variables: ${JSON.stringify(abbreviate(request.variables)).slice(0, 600)}` : '',
        result ? `  HTTP ${result.status}: ${JSON.stringify(result.errors.map((e) => ({ code: e.extensions?.code, field: e.extensions?.field, message: e.message.slice(0, 160) })))}` : '',
      ]
        .filter(Boolean)
        .join('\n'),
    );
    if (failures.length > 0) console.log(`hostile input: ${failures.length} failing cases (seed ${SEED}):\n${report.join('\n')}`);
    expect(failures.map((f) => `#${f.hostileCase.id} ${f.hostileCase.operation} ${f.problems[0]}`)).toEqual([]);
    expect(t.loggedErrors).toEqual([]);
    // Generous: 1,000 cases take well under a minute, but CI machines are shared.
  }, Math.max(300_000, CASE_COUNT * 100));

  /** What is wrong with the answer to a protocol case (nothing: a coded 4xx, or a correct result where one may come). */
  function protocolProblems(c: ReturnType<typeof protocolCases>[number], status: number, text: string): string[] {
    const problems: string[] = [];
    if (status >= 500) problems.push(`HTTP ${status}`);
    let body: { data?: Record<string, unknown> | null; errors?: ErrorEntry[]; error?: { code?: string; message?: string } };
    try {
      body = JSON.parse(text);
    } catch {
      return [...problems, `HTTP ${status} with a body that is not JSON: ${text.slice(0, 120)}`];
    }
    const errors: ErrorEntry[] = body?.error ? [{ message: String(body.error.message), extensions: { code: body.error.code } }] : (body?.errors ?? []);
    const data = body?.data ?? null;
    const answered = data !== null && Object.values(data).some((value) => value !== null);
    const codes = errors.map((error) => String(error.extensions?.code));
    for (const [index, code] of codes.entries()) {
      if (code === 'INTERNAL_SERVER_ERROR') problems.push(`INTERNAL_SERVER_ERROR: ${errors[index].message.slice(0, 200)}`);
      else if (!KNOWN_CODES.has(code)) problems.push(`error without a known code (${code}): ${errors[index].message.slice(0, 200)}`);
    }
    if (answered) {
      if (!c.mayAnswer) problems.push(`answered with data (HTTP ${status}), but must be refused`);
      if (errors.length > 0) problems.push(`answered with data and errors: ${codes.join(', ')}`);
    } else {
      if (errors.length === 0) problems.push(`HTTP ${status} with neither data nor errors`);
      // Automatic persisted queries answer PERSISTED_QUERY_NOT_FOUND with 200 by protocol: the client then sends the query.
      const notFound = codes.length === 1 && codes[0] === 'PERSISTED_QUERY_NOT_FOUND' && status === 200;
      if (!notFound && (status < 400 || status >= 500)) problems.push(`refused with HTTP ${status} (${codes.join(', ')}), not a 4xx`);
      if (c.code && codes[0] !== c.code) problems.push(`refused with ${codes.join(', ')}, not ${c.code}: ${errors[0]?.message.slice(0, 200)}`);
    }
    return problems;
  }

  it('answers protocol-level abuse (methods, content types, body shapes, extensions, operationName, variables, persisted queries, batches) with a coded 4xx or a correct result', async () => {
    const problems: string[] = [];
    const cases = protocolCases({ maxBodyBytes });
    for (const c of cases) {
      const loggedBefore = t.loggedErrors.length;
      const response = await fetch(`${t.url}${c.path}`, { method: c.method, headers: { accept: 'application/json', ...c.headers }, body: c.body });
      const found = protocolProblems(c, response.status, await response.text());
      if (t.loggedErrors.length > loggedBefore) found.push(`an internal error was logged: ${String(t.loggedErrors[t.loggedErrors.length - 1].error).slice(0, 300)}`);
      problems.push(...found.map((problem) => `${c.label}: ${problem}`));
    }
    expect(cases.length).toBeGreaterThan(100);
    expect(problems).toEqual([]);
    expect(t.loggedErrors).toEqual([]);
  }, 120_000);

  /**
   * The answer of an import endpoint to a document that must not be imported: a coded 4xx
   * `{ error: { code, message } }`; for CSV files, the CSV API's 422 with the rows' errors; for an
   * HSDS publication, whose records are imported one by one (docs/api-guide.md), the report with
   * every record rejected and none written.
   */
  function importProblems(path: string, status: number, text: string): string[] {
    let body: { error?: { code?: string }; errors?: Array<{ row: number | null; message: string }>; created?: number; updated?: number; totals?: Record<string, number> };
    try {
      body = JSON.parse(text);
    } catch {
      return [`HTTP ${status} with a body that is not JSON: ${text.slice(0, 120)}`];
    }
    if (body.error) {
      const code = String(body.error.code);
      if (status < 400 || status >= 500) return [`HTTP ${status} (${code}), not a 4xx`];
      return KNOWN_CODES.has(code) && code !== 'INTERNAL_SERVER_ERROR' ? [] : [`HTTP ${status} with code ${code}`];
    }
    if (path.startsWith('/csv/') && status === 422 && body.errors?.length && body.created === 0 && body.updated === 0) return [];
    if (path.startsWith('/hsds/') && status === 200 && body.totals && body.totals.rejected > 0 && body.totals.created === 0 && body.totals.updated === 0) return [];
    return [`HTTP ${status}: ${text.slice(0, 200)}`];
  }

  it('refuses malformed, deeply nested and inconsistent import documents with a coded 4xx, and writes nothing', async () => {
    const consoleError = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    const problems: string[] = [];
    try {
      for (const c of importCases()) {
        const before = await snapshotter.take();
        const response = await fetch(`${t.url}${c.path}`, { method: 'POST', headers: { 'content-type': c.contentType, cookie: as.admin.cookie ?? '' }, body: c.body });
        const found = importProblems(c.path, response.status, await response.text());
        const changed = changedTables(before, await snapshotter.take(before));
        if (changed.length > 0) found.push(`wrote ${changed.join(', ')}`);
        problems.push(...found.map((problem) => `${c.label}: ${problem}`));
      }
      // Errors the routers log as internal (console.error) are failures too.
      problems.push(...consoleError.mock.calls.map((call) => `logged: ${String(call[0]).slice(0, 200)}`));
    } finally {
      consoleError.mockRestore();
    }
    expect(problems).toEqual([]);
    expect(t.loggedErrors).toEqual([]);
  }, 120_000);

  /** Streams `bytes` of `contentType` without a length (chunked) until the server answers; the peak RSS of this process (the app's) meanwhile. */
  function streamUpload(path: string, contentType: string, bytes: number): Promise<{ status: number; text: string; sent: number; peakRss: number; peakRssGrowth: number }> {
    const chunk = Buffer.alloc(64 * 1024, contentType.includes('json') ? ' ' : 'a');
    const baseline = process.memoryUsage().rss;
    let peak = baseline;
    const sampler = setInterval(() => {
      peak = Math.max(peak, process.memoryUsage().rss);
    }, 10);
    return new Promise((resolve, reject) => {
      let sent = 0;
      let answered = false;
      const request = http.request(`${t.url}${path}`, { method: 'POST', headers: { 'content-type': contentType, cookie: as.admin.cookie ?? '', 'transfer-encoding': 'chunked' } }, (response) => {
        answered = true;
        let text = '';
        response.on('data', (data) => (text += data));
        response.on('end', () => {
          clearInterval(sampler);
          request.destroy();
          resolve({ status: response.statusCode ?? 0, text, sent, peakRss: peak, peakRssGrowth: peak - baseline });
        });
      });
      request.on('error', (error) => {
        if (!answered) {
          clearInterval(sampler);
          reject(error);
        }
      });
      const write = () => {
        // A JSON body: an opening bracket, then whitespace, so the parser cannot refuse it early as malformed.
        if (sent === 0 && contentType.includes('json')) request.write('[');
        while (!answered && sent < bytes) {
          sent += chunk.length;
          if (!request.write(chunk)) return void request.once('drain', write);
        }
        if (!answered) request.end();
      };
      write();
    });
  }

  it.each([
    ['/hsds/import', 'application/json'],
    ['/csv/key-figures', 'text/csv'],
  ])('refuses a 100 MB upload to %s at the body limit, without buffering it, and writes nothing', async (path, contentType) => {
    const before = await snapshotter.take();
    const upload = await streamUpload(path, contentType, 100 * 1024 * 1024);
    console.log(`100 MB streamed to ${path}: HTTP ${upload.status} after ${(upload.sent / 1024 / 1024).toFixed(1)} MB sent; peak RSS ${(upload.peakRss / 1024 / 1024).toFixed(0)} MB (+${(upload.peakRssGrowth / 1024 / 1024).toFixed(0)} MB)`);
    expect(upload.status).toBe(413);
    expect(JSON.parse(upload.text)).toEqual({ error: { code: expect.stringMatching(/^(BAD_USER_INPUT|PAYLOAD_TOO_LARGE)$/), message: expect.stringMatching(/too large|larger than 20mb/i) } });
    // The limit is 20 MB: the parser stops keeping the body past it (the rest is read and dropped), so the
    // process never holds the 100 MB, let alone their decoded text.
    expect(upload.peakRssGrowth).toBeLessThan(80 * 1024 * 1024);
    expect(changedTables(before, await snapshotter.take(before))).toEqual([]);
  }, 120_000);
});
