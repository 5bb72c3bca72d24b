import { compiledReads } from '../../common/compiled-read';
import { directExecutionSwitch } from '../../graphql/direct-execution';
import { type As, type TestApp, TEST_PASSWORD, createTestUsers, dataOf, startTestApp } from '../../test/app';
import { random, selectionOf } from '../../test/selections';
import { forgetSynonymGroups } from '../search';
import { serviceCompiledType } from './service.compiled';

/**
 * The compiled read of services(…) (service.compiled.ts) against the resolver path, and its direct
 * execution (graphql/direct-execution.ts) against Apollo's answer: generated selection sets and
 * arguments (search, area, target group, status, sector, organisation, pages) per role, equal
 * answers; one statement for the page after the lookups its filters need.
 */

interface Raw {
  status: number;
  text: string;
  statements: number;
}

describe('compiled and direct reads of services(…)', () => {
  let t: TestApp;
  let roles: Record<string, As>;
  let areas: string[];
  let targetGroups: string[];
  let organisations: string[];

  async function post(query: string, variables: Record<string, unknown>, as: As): Promise<Raw> {
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (as.cookie) headers.cookie = as.cookie;
    if (as.bearer) headers.authorization = `Bearer ${as.bearer}`;
    const response = await fetch(`${t.url}/graphql`, { method: 'POST', headers, body: JSON.stringify({ query, variables }) });
    return { status: response.status, text: await response.text(), statements: Number(response.headers.get('x-sql-statements')) };
  }

  beforeAll(async () => {
    t = await startTestApp();
    const users = await createTestUsers(t.db);
    const swa = await t.login(users.swa, TEST_PASSWORD);
    const [{ id: swaId }] = await t.db.dataSource.query(`SELECT id FROM organisation WHERE slug = 'swa'`);
    const key = dataOf(
      await t.gql(`mutation($input: CreateApiKeyInput!) { createApiKey(input: $input) { key } }`, { input: { organisationId: swaId, name: 'lezen', scopes: ['READ_MAP'] } }, { cookie: swa }),
    ).createApiKey.key as string;
    roles = {
      anonymous: {},
      ORGANISATION: { cookie: swa },
      MUNICIPALITY: { cookie: await t.login(users.municipality, TEST_PASSWORD) },
      ADMIN: { cookie: await t.login(users.admin, TEST_PASSWORD) },
      'API key': { bearer: key },
    };
    // Archived rows on every relation, and a service without a provider, so both rules are exercised both ways.
    await t.db.dataSource.query(`
      UPDATE service SET archived_at = now() WHERE id IN (SELECT id FROM service ORDER BY name LIMIT 3);
      UPDATE location SET archived_at = now() WHERE id IN (SELECT location_id FROM service_location ORDER BY created_at LIMIT 2);
      UPDATE target_group SET archived_at = now() WHERE id = (SELECT target_group_id FROM service_target_group GROUP BY target_group_id ORDER BY count(*) DESC LIMIT 1 OFFSET 3);
      UPDATE organisation SET archived_at = now() WHERE slug = 'riagg-amersfoort';
      UPDATE service SET organisation_id = NULL WHERE id = (SELECT id FROM service WHERE archived_at IS NULL ORDER BY name LIMIT 1);
    `);
    areas = (await t.db.dataSource.query(`SELECT slug FROM area ORDER BY level, slug LIMIT 8`)).map((row: { slug: string }) => row.slug);
    targetGroups = (await t.db.dataSource.query(`SELECT code FROM target_group ORDER BY code LIMIT 8`)).map((row: { code: string }) => row.code);
    organisations = (await t.db.dataSource.query(`SELECT id FROM organisation ORDER BY name LIMIT 6`)).map((row: { id: string }) => row.id);
  });
  afterAll(async () => {
    compiledReads.enabled = true;
    directExecutionSwitch.enabled = true;
    await t.close();
  });

  const QUERY = `query S($search: String, $area: String, $targetGroup: String, $status: ServiceStatus, $sector: Sector, $organisation: ID, $first: Int, $after: String, $includeArchived: Boolean) {
    services(search: $search, area: $area, targetGroup: $targetGroup, status: $status, sector: $sector, organisation: $organisation, first: $first, after: $after, includeArchived: $includeArchived) { SELECTION } }`;

  function generated(next: () => number): { query: string; variables: Record<string, unknown> } {
    const pick = <T>(items: readonly T[]) => items[Math.floor(next() * items.length)];
    const parts = [`edges { ${next() < 0.5 ? 'cursor ' : ''}node { ${selectionOf(serviceCompiledType, next, { aliases: true })} } }`];
    if (next() < 0.5) parts.push('totalCount');
    if (next() < 0.6) parts.push(`pageInfo { ${['hasNextPage', 'endCursor', 'startCursor', 'hasPreviousPage'].filter(() => next() < 0.6).join(' ') || 'hasNextPage'} }`);
    const variables: Record<string, unknown> = { first: 1 + Math.floor(next() * 15) };
    if (next() < 0.35) variables.search = pick(['ouderen', 'mantelzorg', 'buurthuis', 'jeugd', 'schuldhulp', 'opvoeding', 'wijk', 'zzzgeenwoord']);
    if (next() < 0.35) variables.area = pick(areas);
    if (next() < 0.35) variables.targetGroup = pick(targetGroups);
    if (next() < 0.15) variables.status = 'ACTIVE';
    if (next() < 0.15) variables.sector = pick(['WELFARE', 'HOME_CARE', 'MENTAL_HEALTH_CARE']);
    if (next() < 0.15) variables.organisation = pick(organisations);
    if (next() < 0.15) variables.includeArchived = true;
    return { query: QUERY.replace('SELECTION', parts.sort(() => next() - 0.5).join(' ')), variables };
  }

  it('answers generated pages per role as the resolvers do', async () => {
    const next = random(20261208);
    let withRows = 0;
    for (const [role, as] of Object.entries(roles)) {
      for (let i = 0; i < 25; i++) {
        const { query, variables } = generated(next);
        if (next() < 0.3) {
          const first = await t.gql(`query A($v: String) { services(first: 3, search: $v) { pageInfo { endCursor } } }`, { v: variables.search ?? null });
          variables.after = dataOf(first).services.pageInfo.endCursor;
        }
        directExecutionSwitch.enabled = false;
        compiledReads.enabled = true;
        const compiled = await t.gql(query, variables, as);
        compiledReads.enabled = false;
        const resolved = await t.gql(query, variables, as);
        compiledReads.enabled = true;
        directExecutionSwitch.enabled = true;
        expect({ role, query, variables, body: compiled.body }).toEqual({ role, query, variables, body: resolved.body });
        expect(compiled.body.errors).toBeUndefined();
        if ((compiled.body.data?.services as { edges: unknown[] }).edges.length > 0) withRows += 1;
      }
    }
    expect(withRows).toBeGreaterThan(60);
  });

  it('answers the same requests directly, byte for byte as Apollo does', async () => {
    const next = random(81207);
    for (const [role, as] of Object.entries(roles)) {
      for (let i = 0; i < 20; i++) {
        const { query, variables } = generated(next);
        directExecutionSwitch.enabled = false;
        const apollo = await post(query, variables, as);
        directExecutionSwitch.enabled = true;
        const before = directExecutionSwitch.answered;
        const direct = await post(query, variables, as);
        expect({ role, query, variables, status: direct.status, text: direct.text }).toEqual({ role, query, variables, status: apollo.status, text: apollo.text });
        expect(directExecutionSwitch.answered).toBe(before + 1);
      }
    }
  });

  it("keeps the resolver path's errors: an unknown area or target group is refused by Apollo", async () => {
    const fields: string[] = [];
    for (const variables of [{ area: 'nergens' }, { targetGroup: 'GEEN_GROEP' }, { area: 'nergens', targetGroup: 'GEEN_GROEP' }, { organisation: 'not-a-uuid' }, { first: 500 }]) {
      const query = QUERY.replace('SELECTION', 'edges { node { id name } }');
      directExecutionSwitch.enabled = false;
      const apollo = await post(query, variables, {});
      directExecutionSwitch.enabled = true;
      const before = directExecutionSwitch.answered;
      const direct = await post(query, variables, {});
      expect(direct.text).toBe(apollo.text);
      expect(directExecutionSwitch.answered).toBe(before);
      expect(JSON.parse(direct.text).errors[0].extensions.code).toBe('BAD_USER_INPUT');
      fields.push(JSON.parse(direct.text).errors[0].extensions.field);
    }
    // The references are checked in the page's statement, in the resolver path's order: the area first.
    expect(fields.slice(0, 3)).toEqual(['area', 'targetGroup', 'area']);
  });

  it('pages in one statement with its filters, the same on small and large data', async () => {
    const search = `query Search($q: String!) { services(search: $q, first: 20) { edges { node { id name organisation { id name } } } pageInfo { hasNextPage endCursor } } }`;
    const page = `query Page($area: String!, $targetGroup: String!) { services(area: $area, targetGroup: $targetGroup, first: 50) {
      edges { node { id name status organisation { id name } locations { id name latitude longitude } } } pageInfo { hasNextPage endCursor } } }`;
    const small = [await t.gql(search, { q: 'ouderen' }), await t.gql(page, { area: areas[0], targetGroup: targetGroups[0] })];
    await t.db.dataSource.query(`INSERT INTO service (slug, name, organisation_id) SELECT 'ouderen-' || n, 'Ouderen ' || n, (SELECT id FROM organisation WHERE slug = 'swa') FROM generate_series(1, 300) n`);
    const large = [await t.gql(search, { q: 'ouderen' }), await t.gql(page, { area: areas[0], targetGroup: targetGroups[0] })];
    expect(dataOf(large[0]).services.edges).toHaveLength(20);
    // Search: the page alone while the synonym groups and the words' stems are kept, the expansion's statement
    // first when they are not. The neighbourhood page: its area's tree and target group are subqueries of the page.
    expect(small.map((r) => r.sqlStatements)).toEqual(large.map((r) => r.sqlStatements));
    expect(large.map((r) => r.sqlStatements)).toEqual([1, 1]);
    forgetSynonymGroups();
    expect((await t.gql(search, { q: 'ouderen' })).sqlStatements).toBe(2);
    expect((await t.gql(search, { q: 'ouderen' })).sqlStatements).toBe(1);
    compiledReads.enabled = false;
    const resolved = await t.gql(search, { q: 'ouderen' });
    compiledReads.enabled = true;
    expect(resolved.sqlStatements).toBeGreaterThan(large[0].sqlStatements);
  });
});
