import { directExecutionSwitch } from '../../graphql/direct-execution';
import { type As, type TestApp, TEST_PASSWORD, createTestUsers, dataOf, startTestApp } from '../../test/app';
import { random, selectionOf } from '../../test/selections';
import { organisationType } from './organisation.compiled';

/**
 * Direct execution of organisation(id) and organisations(…) (graphql/direct-execution.ts) against
 * Apollo's answer to the same request: byte for byte, every role, generated selection sets with
 * aliases, __typename and repeated fields; and everything it does not answer handed to Apollo with
 * Apollo's answer (errors, refused callers, fragments, directives, unseen documents).
 */

interface Raw {
  status: number;
  contentType: string | null;
  text: string;
  statements: number;
}

describe('direct execution of the organisation reads', () => {
  let t: TestApp;
  let roles: Record<string, As>;
  let ids: string[];
  let swaId: string;

  async function post(query: string, variables: Record<string, unknown> | undefined, as: As, extra: Record<string, string> = {}): Promise<Raw> {
    const headers: Record<string, string> = { 'content-type': 'application/json', ...extra, ...as.headers };
    if (as.cookie) headers.cookie = as.cookie;
    if (as.bearer) headers.authorization = `Bearer ${as.bearer}`;
    const response = await fetch(`${t.url}/graphql`, { method: 'POST', headers, body: JSON.stringify({ query, variables }) });
    return { status: response.status, contentType: response.headers.get('content-type'), text: await response.text(), statements: Number(response.headers.get('x-sql-statements')) };
  }

  /** Apollo's answer (direct execution off; Apollo learns the document), then the same request with it on. */
  async function both(query: string, variables: Record<string, unknown> | undefined, as: As, extra?: Record<string, string>) {
    directExecutionSwitch.enabled = false;
    const apollo = await post(query, variables, as, extra);
    directExecutionSwitch.enabled = true;
    const before = directExecutionSwitch.answered;
    const direct = await post(query, variables, as, extra);
    return { apollo, direct, wasDirect: directExecutionSwitch.answered > before };
  }

  const strip = ({ statements: _statements, ...rest }: Raw) => rest;

  beforeAll(async () => {
    t = await startTestApp();
    const users = await createTestUsers(t.db);
    const swa = await t.login(users.swa, TEST_PASSWORD);
    [{ id: swaId }] = await t.db.dataSource.query(`SELECT id FROM organisation WHERE slug = 'swa'`);
    const key = async (scopes: string[]) =>
      dataOf(await t.gql(`mutation($input: CreateApiKeyInput!) { createApiKey(input: $input) { key } }`, { input: { organisationId: swaId, name: scopes.join(' ') || 'geen', scopes } }, { cookie: swa }))
        .createApiKey.key as string;
    roles = {
      anonymous: {},
      ORGANISATION: { cookie: swa },
      MUNICIPALITY: { cookie: await t.login(users.municipality, TEST_PASSWORD) },
      ADMIN: { cookie: await t.login(users.admin, TEST_PASSWORD) },
      'API key (READ_MAP)': { bearer: await key(['READ_MAP']) },
      'API key (REFERRALS only)': { bearer: await key(['REFERRALS']) },
    };
    await t.db.dataSource.query(`
      UPDATE service SET archived_at = now() WHERE id = (SELECT id FROM service WHERE organisation_id = '${swaId}' ORDER BY name LIMIT 1);
      UPDATE organisation SET archived_at = now() WHERE slug = 'riagg-amersfoort';
    `);
    const rows: { id: string }[] = await t.db.dataSource.query(`
      (SELECT o.id FROM organisation o ORDER BY (SELECT count(*) FROM service s WHERE s.organisation_id = o.id) DESC LIMIT 4)
      UNION ALL SELECT id FROM organisation WHERE slug = 'riagg-amersfoort'`);
    ids = [...rows.map((row) => row.id), '00000000-0000-4000-8000-000000000000'];
  });
  afterAll(async () => {
    directExecutionSwitch.enabled = true;
    await t.close();
  });

  it('answers generated selection sets of organisation(id) per role byte for byte as Apollo does', async () => {
    const next = random(61207);
    let direct = 0;
    for (const [role, as] of Object.entries(roles)) {
      for (let i = 0; i < 40; i++) {
        const query = `query O($id: ID!) { ${next() < 0.3 ? '__typename ' : ''}${next() < 0.3 ? 'org: ' : ''}organisation(id: $id) { ${selectionOf(organisationType, next, { aliases: true })} } }`;
        const variables = { id: ids[i % ids.length] };
        const answers = await both(query, variables, as);
        expect({ role, query, ...strip(answers.direct) }).toEqual({ role, query, ...strip(answers.apollo) });
        if (answers.wasDirect) direct += 1;
        // The public map's rule: an API key without READ_MAP is refused, by Apollo.
        if (role === 'API key (REFERRALS only)') {
          expect(answers.wasDirect).toBe(false);
          expect(JSON.parse(answers.direct.text).errors[0].extensions.code).toBe('FORBIDDEN');
        } else {
          expect(answers.wasDirect).toBe(true);
          expect(JSON.parse(answers.direct.text).errors).toBeUndefined();
        }
      }
    }
    expect(direct).toBe(5 * 40);
  });

  it('answers generated pages of organisations(…) per role byte for byte as Apollo does, in one statement', async () => {
    const next = random(71206);
    const pick = <T>(items: readonly T[]) => items[Math.floor(next() * items.length)];
    const query = `query P($sector: Sector, $status: OrganisationStatus, $first: Int, $after: String, $includeArchived: Boolean) {
      organisations(sector: $sector, status: $status, first: $first, after: $after, includeArchived: $includeArchived) { SELECTION } }`;
    for (const [role, as] of Object.entries(roles)) {
      if (role.includes('REFERRALS')) continue;
      for (let i = 0; i < 20; i++) {
        const parts = [`edges { ${next() < 0.5 ? 'cursor ' : ''}${next() < 0.2 ? '__typename ' : ''}node { ${selectionOf(organisationType, next, { aliases: true })} } }`];
        if (next() < 0.6) parts.push(next() < 0.3 ? 'count: totalCount' : 'totalCount');
        if (next() < 0.6) parts.push(`pageInfo { ${['hasNextPage', 'endCursor', 'startCursor', 'hasPreviousPage', '__typename'].filter(() => next() < 0.6).join(' ') || 'hasNextPage'} }`);
        const document = query.replace('SELECTION', parts.sort(() => next() - 0.5).join(' '));
        const variables: Record<string, unknown> = { first: 1 + Math.floor(next() * 12) };
        if (next() < 0.7) variables.sector = pick(['WELFARE', 'MENTAL_HEALTH_CARE', 'HOUSING', 'MUNICIPALITY', 'EDUCATION']);
        if (next() < 0.2) variables.includeArchived = true;
        if (next() < 0.2) variables.status = 'ACTIVE';
        if (next() < 0.4) variables.after = dataOf(await t.gql(`query { organisations(first: 2) { pageInfo { endCursor } } }`)).organisations.pageInfo.endCursor;
        const answers = await both(document, variables, as);
        expect({ role, document, variables, ...strip(answers.direct) }).toEqual({ role, document, variables, ...strip(answers.apollo) });
        expect(answers.wasDirect).toBe(true);
        if (role === 'anonymous') expect(answers.direct.statements).toBe(1);
      }
    }
  });

  it('hands Apollo what it does not answer, and Apollo answers it as before', async () => {
    const id = ids[0];
    const cases: Array<{ name: string; query: string; variables?: Record<string, unknown>; headers?: Record<string, string>; code?: string }> = [
      { name: 'a bad id', query: `query O($id: ID!) { organisation(id: $id) { name } }`, variables: { id: 'not-a-uuid' }, code: 'BAD_USER_INPUT' },
      { name: 'first over the maximum (class-validator)', query: `query { organisations(first: 1000) { totalCount } }`, code: 'BAD_USER_INPUT' },
      { name: 'a variable of the wrong type', query: `query P($first: Int) { organisations(first: $first) { totalCount } }`, variables: { first: 'many' }, code: 'BAD_USER_INPUT' },
      { name: 'slug instead of id', query: `query { organisation(slug: "swa") { name } }` },
      { name: 'id and slug', query: `query O($id: ID!) { organisation(id: $id, slug: "swa") { name } }`, variables: { id }, code: 'BAD_USER_INPUT' },
      { name: 'a fragment', query: `query O($id: ID!) { organisation(id: $id) { ...F } } fragment F on Organisation { name }`, variables: { id } },
      { name: 'a directive', query: `query O($id: ID!, $yes: Boolean!) { organisation(id: $id) { name @include(if: $yes) } }`, variables: { id, yes: false } },
      { name: 'a field the compiler does not know', query: `query O($id: ID!) { organisation(id: $id) { name lastVerifiedAt } }`, variables: { id } },
      { name: 'a root field without a direct read', query: `query O($id: ID!) { organisation(id: $id) { name } areas(first: 1) { totalCount } }`, variables: { id } },
      { name: 'a search argument', query: `query { organisations(search: "welzijn", first: 3) { edges { node { name } } } }` },
      { name: 'the graphql-response media type', query: `query O($id: ID!) { organisation(id: $id) { name } }`, variables: { id }, headers: { accept: 'application/graphql-response+json' } },
    ];
    for (const c of cases) {
      const answers = await both(c.query, c.variables, {}, c.headers);
      expect({ name: c.name, ...strip(answers.direct) }).toEqual({ name: c.name, ...strip(answers.apollo) });
      expect({ name: c.name, direct: answers.wasDirect }).toEqual({ name: c.name, direct: false });
      const errors = JSON.parse(answers.direct.text).errors as Array<{ extensions: { code: string } }> | undefined;
      expect({ name: c.name, code: errors?.[0].extensions.code }).toEqual({ name: c.name, code: c.code });
    }
    // A document this process has not seen goes to Apollo first, and is direct from then on.
    const unseen = `query Unseen($id: ID!) { organisation(id: $id) { slug name } }`;
    const before = directExecutionSwitch.answered;
    await post(unseen, { id }, {});
    expect(directExecutionSwitch.answered).toBe(before);
    await post(unseen, { id }, {});
    expect(directExecutionSwitch.answered).toBe(before + 1);
  });

  it('answers several root fields (aliased) in one request, one statement each', async () => {
    const query = `query Two($a: ID!, $b: ID!) { a: organisation(id: $a) { name } b: organisation(id: $b) { slug } page: organisations(first: 2) { totalCount } }`;
    const answers = await both(query, { a: ids[0], b: ids[1] }, {});
    expect(answers.wasDirect).toBe(true);
    expect(strip(answers.direct)).toEqual(strip(answers.apollo));
    expect(answers.direct.statements).toBe(3);
  });

  it('answers an unknown id with null, directly', async () => {
    const answers = await both(`query O($id: ID!) { organisation(id: $id) { name } }`, { id: '00000000-0000-4000-8000-000000000001' }, {});
    expect(answers.wasDirect).toBe(true);
    expect(answers.direct.text).toBe('{"data":{"organisation":null}}\n');
    expect(answers.direct.text).toBe(answers.apollo.text);
  });

  it('names the operation in the request log and counts it, as Apollo does', async () => {
    const query = `query OrganisationForLog($id: ID!) { organisation(id: $id) { name } }`;
    const answers = await both(query, { id: ids[0] }, {});
    expect(answers.wasDirect).toBe(true);
    const lines = t.logLines.map((line) => JSON.parse(line) as Record<string, unknown>).filter((line) => line.operation === 'OrganisationForLog');
    expect(lines).toHaveLength(2);
    expect(lines.every((line) => line.operationType === 'query' && line.sqlStatements === 1)).toBe(true);
  });
});
