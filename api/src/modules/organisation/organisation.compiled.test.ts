import { compiledReads } from '../../common/compiled-read';
import { type As, type TestApp, TEST_PASSWORD, createTestUsers, dataOf, startTestApp } from '../../test/app';
import { random, selectionOf } from '../../test/selections';
import { organisationType } from './organisation.compiled';

/**
 * The compiled read of organisation(id) (common/compiled-read.ts) against the resolver path: many
 * generated selection sets, every role, equal answers; and one SQL statement per compiled read,
 * whatever the size of the data.
 */

describe('compiled read of organisation(id)', () => {
  let t: TestApp;
  let roles: Record<string, As>;
  let ids: string[];

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
    // Archived rows on every relation the compiler covers, so the archive rule is exercised both ways.
    await t.db.dataSource.query(`
      UPDATE service SET archived_at = now() WHERE id = (SELECT id FROM service WHERE organisation_id = '${swaId}' ORDER BY name LIMIT 1);
      UPDATE location SET archived_at = now() WHERE id = (SELECT id FROM location WHERE organisation_id = '${swaId}' ORDER BY name LIMIT 1);
      UPDATE organisation SET archived_at = now() WHERE slug = 'riagg-amersfoort';
    `);
    const rows: { id: string }[] = await t.db.dataSource.query(`
      (SELECT o.id FROM organisation o ORDER BY (SELECT count(*) FROM service s WHERE s.organisation_id = o.id) DESC LIMIT 4)
      UNION ALL SELECT id FROM organisation WHERE slug = 'riagg-amersfoort'`);
    ids = [...rows.map((row) => row.id), '00000000-0000-4000-8000-000000000000'];
  });
  afterAll(async () => {
    compiledReads.enabled = true;
    await t.close();
  });

  async function both(query: string, id: string, as: As) {
    compiledReads.enabled = true;
    const compiled = await t.gql(query, { id }, as);
    compiledReads.enabled = false;
    const resolved = await t.gql(query, { id }, as);
    compiledReads.enabled = true;
    return { compiled, resolved };
  }

  it('answers 60 generated selection sets per role as the resolvers do', async () => {
    const next = random(20261207);
    let nonEmptyRelations = 0;
    for (const [role, as] of Object.entries(roles)) {
      for (let i = 0; i < 60; i++) {
        const query = `query O($id: ID!) { organisation(id: $id) { ${selectionOf(organisationType, next)} } }`;
        const id = ids[i % ids.length];
        const { compiled, resolved } = await both(query, id, as);
        expect({ role, query, id, body: compiled.body }).toEqual({ role, query, id, body: resolved.body });
        expect(compiled.body.errors).toBeUndefined();
        const services = (compiled.body.data?.organisation as { services?: unknown[] } | null)?.services;
        if (services && services.length > 0) nonEmptyRelations += 1;
      }
    }
    // The comparison covered organisations that really have services, not only empty lists.
    expect(nonEmptyRelations).toBeGreaterThan(20);
  });

  it('answers generated pages of organisations (sector, status, first, after, totalCount) per role as the resolvers do', async () => {
    const next = random(7122026);
    const pick = <T>(items: readonly T[]) => items[Math.floor(next() * items.length)];
    const query = `query P($sector: Sector, $status: OrganisationStatus, $first: Int, $after: String, $includeArchived: Boolean) {
      organisations(sector: $sector, status: $status, first: $first, after: $after, includeArchived: $includeArchived) { SELECTION } }`;
    let pagesWithRows = 0;
    for (const [role, as] of Object.entries(roles)) {
      for (let i = 0; i < 30; i++) {
        const parts = [`edges { ${next() < 0.5 ? 'cursor ' : ''}node { ${selectionOf(organisationType, next)} } }`];
        if (next() < 0.6) parts.push('totalCount');
        if (next() < 0.6) parts.push(`pageInfo { ${['hasNextPage', 'endCursor', 'startCursor', 'hasPreviousPage'].filter(() => next() < 0.6).join(' ') || 'hasNextPage'} }`);
        const text = query.replace('SELECTION', parts.sort(() => next() - 0.5).join(' '));
        const variables: Record<string, unknown> = { first: 1 + Math.floor(next() * 12) };
        if (next() < 0.7) variables.sector = pick(['WELFARE', 'MENTAL_HEALTH_CARE', 'HOUSING', 'MUNICIPALITY', 'EDUCATION']);
        if (next() < 0.2) variables.includeArchived = true;
        if (next() < 0.2) variables.status = 'ACTIVE';
        if (next() < 0.4) {
          const first = dataOf(await t.gql(`query { organisations(first: 2) { pageInfo { endCursor } } }`));
          variables.after = first.organisations.pageInfo.endCursor;
        }
        compiledReads.enabled = true;
        const compiled = await t.gql(text, variables, as);
        compiledReads.enabled = false;
        const resolved = await t.gql(text, variables, as);
        compiledReads.enabled = true;
        expect({ role, text, variables, body: compiled.body }).toEqual({ role, text, variables, body: resolved.body });
        if ((compiled.body.data?.organisations as { edges: unknown[] } | undefined)?.edges.length) pagesWithRows += 1;
        // The read itself is one statement; a signed-in caller's session lookup (when not cached) and
        // its idle-expiry renewal (at most once a minute, auth.service.ts) come on top.
        if (role === 'anonymous') expect(compiled.sqlStatements).toBe(1);
        else expect(compiled.sqlStatements).toBeLessThanOrEqual(3);
      }
    }
    expect(pagesWithRows).toBeGreaterThan(50);
  });

  it('takes the resolver path for what it does not cover, with the same answer as before', async () => {
    const query = `query O($id: ID!) { organisation(id: $id) { name lastVerifiedAt services { name partners { name } } parent { name } } }`;
    const { compiled, resolved } = await both(query, ids[0], roles.ADMIN);
    expect(compiled.body).toEqual(resolved.body);
    expect(compiled.sqlStatements).toBeGreaterThan(1);
  });

  it('keeps the errors of the resolver path: a bad id is BAD_USER_INPUT naming it', async () => {
    const { compiled } = await both(`query O($id: ID!) { organisation(id: $id) { name } }`, 'not-a-uuid', {});
    expect(compiled.body.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'id' });
  });

  it('sends one statement for a compiled read, the same on small and large data', async () => {
    const query = `query O($id: ID!) { organisation(id: $id) {
      id name abbreviation sector status website email phone
      areas { id code name level }
      locations { id name kind address postcode city latitude longitude }
      services { id name status targetGroups { code nameNl } locations { name } } } }`;
    const small = await t.gql(query, { id: ids[0] });
    await t.db.dataSource.query(`INSERT INTO service (slug, name, organisation_id) SELECT 'groot-' || n, 'Groot ' || n, $1 FROM generate_series(1, 200) n`, [ids[0]]);
    await t.db.dataSource.query(`INSERT INTO service_target_group (service_id, target_group_id) SELECT s.id, tg.id FROM service s CROSS JOIN target_group tg WHERE s.slug LIKE 'groot-%'`);
    await t.db.dataSource.query(`INSERT INTO location (slug, name, organisation_id) SELECT 'groot-' || n, 'Groot ' || n, $1 FROM generate_series(1, 100) n`, [ids[0]]);
    const large = await t.gql(query, { id: ids[0] });
    expect(dataOf(large).organisation.services.length).toBeGreaterThan(dataOf(small).organisation.services.length + 150);
    expect([small.sqlStatements, large.sqlStatements]).toEqual([1, 1]);
    // A signed-in caller: the session lookup once, then only the read while the session is cached.
    const first = await t.gql(query, { id: ids[0] }, roles.MUNICIPALITY);
    const second = await t.gql(query, { id: ids[0] }, roles.MUNICIPALITY);
    expect(first.sqlStatements).toBeLessThanOrEqual(2);
    expect(second.sqlStatements).toBe(1);
    compiledReads.enabled = false;
    expect((await t.gql(query, { id: ids[0] })).sqlStatements).toBeGreaterThan(1);
    compiledReads.enabled = true;
  });
});
