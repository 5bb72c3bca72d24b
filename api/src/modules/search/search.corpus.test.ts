import { TEST_PASSWORD, type TestApp, createTestUsers, dataOf, startTestApp } from '../../test/app';
import { expandSearch, forgetSynonymGroups, searchMatchSql } from './search.service';

/**
 * Search that finds what people mean (issue 16), on a small corpus of services written as the
 * demo data writes them, through the real migrations (the seeded synonyms, the indexes) and the
 * real GraphQL API: each query with the corpus services it must find and those it must not.
 */
const CORPUS: Record<string, [name: string, description: string]> = {
  ouderenwerk: ['Ouderenwerk Corpus', 'Het ouderenwerk ondersteunt thuiswonende ouderen met activiteiten en advies.'],
  ouderKind: ['Ouder-kindgroep Corpus', 'Wekelijkse ouder-kindochtend in het buurthuis met spel en koffie.'],
  ouderenadviseur: ['Ouderenadviseur Corpus', 'Een adviseur komt thuis voor vragen over wonen, welzijn en zorg.'],
  seniorensoos: ['Soos Corpus', 'Gezellige middag voor senioren uit de wijk.'],
  mantelzorgsteunpunt: ['Steunpunt Corpus', 'Mantelzorgondersteuning: advies en respijtzorg voor wie voor een naaste zorgt.'],
  informeleZorg: ['Burenhulp Corpus', 'Vrijwilligers bieden informele zorg aan buurtbewoners die even hulp nodig hebben.'],
  mantelzorgerscafe: ['Mantelzorgerscafé Corpus', 'Maandelijkse ontmoeting voor mantelzorgers bij de bibliotheek.'],
  jeugdhonk: ['Jeugdhonk Corpus', 'Inloop voor de jeugd van 12 tot 18 jaar, met sport en muziek.'],
  huisbezoek: ['Huisbezoeken Corpus', 'Huisbezoeken aan bewoners in sociaal isolement.'],
  schuldhulp: ['Schuldhulpverlening Corpus', 'Schuldhulpverlening en budgetcoaching bij geldzorgen.'],
  taalcafe: ['Taalcafé Corpus', 'Nederlands oefenen in gesprek, voor mensen met een migratieachtergrond.'],
  taalcursus: ['Taalcursus Corpus', 'Cursus Nederlandse taal in twaalf lessen.'],
  thuiszorg: ['Thuiszorg Corpus', 'Verpleging en verzorging bij u thuis.'],
  opvoeden: ['Opvoedondersteuning Corpus', 'Gesprekken over opvoeden voor ouders van pubers.'],
  vrijwilligerscentrale: ['Vrijwilligerscentrale Corpus', 'Vacaturebank voor vrijwilligerswerk in de buurt.'],
  begeleiding: ['Ambulant team Corpus', 'Wij begeleiden bewoners met psychische klachten in hun eigen huis.'],
};
type Key = keyof typeof CORPUS;

/** [query, the corpus services it finds (all of them, no others)]. */
const QUERIES: [string, Key[]][] = [
  ['ouderen', ['ouderenwerk', 'ouderenadviseur', 'seniorensoos']], // compounds, synonym; never "ouder-kind" or "ouders"
  ['senioren', ['ouderenwerk', 'ouderenadviseur', 'seniorensoos']],
  ['65-plussers', ['ouderenwerk', 'ouderenadviseur', 'seniorensoos']],
  ['ouderenadviseur', ['ouderenadviseur']],
  ['ouders', ['ouderKind', 'opvoeden']],
  ['mantelzorg', ['mantelzorgsteunpunt', 'informeleZorg', 'mantelzorgerscafe']],
  ['informele zorg', ['mantelzorgsteunpunt', 'informeleZorg', 'mantelzorgerscafe']],
  ['"informele zorg"', ['informeleZorg']], // a quoted phrase: those words, no synonyms
  ['mantelzorgers', ['mantelzorgerscafe']],
  ['jongeren', ['jeugdhonk']],
  ['eenzaamheid', ['huisbezoek']],
  ['schuldhulp', ['schuldhulp']],
  ['allochtonen', ['taalcafe']],
  ['taal -cursus', ['taalcafe']],
  ['vrijwilligers', ['informeleZorg', 'vrijwilligerscentrale']],
  ['begeleiding', ['begeleiding']], // by the Dutch stem: "begeleiden"
  ['jeugd or schuldhulpverlening', ['jeugdhonk', 'schuldhulp']],
  ['hulp bij opvoeden', ['opvoeden']],
  ['thuiszorg', ['thuiszorg']],
  ['buurthuis', ['ouderKind']],
  ['de het een', []], // stop words only: nothing to look for
];

const SEARCH = `query($q: String!, $org: ID!) { services(search: $q, organisation: $org, first: 50) { edges { node { id } } } }`;

describe('search finds what people mean (corpus)', () => {
  let t: TestApp;
  let organisationId: string;
  const ids = {} as Record<Key, string>;

  beforeAll(async () => {
    t = await startTestApp();
    const [organisation] = await t.db.asOwner(
      `INSERT INTO organisation (slug, name, sector, description) VALUES ('corpus-welzijn', 'Stichting Seniorenwelzijn Corpus', 'WELFARE', 'Welzijn voor ouderen in de wijk') RETURNING id`,
    );
    organisationId = organisation.id;
    await t.db.asOwner(`INSERT INTO organisation (slug, name, sector, description) VALUES ('corpus-ouder-kind', 'Ouder-kindcentrum Corpus', 'WELFARE', 'Voor ouders en kinderen')`);
    for (const [key, [name, description]] of Object.entries(CORPUS)) {
      const [row] = await t.db.asOwner(`INSERT INTO service (slug, name, description, organisation_id) VALUES ($1, $2, $3, $4) RETURNING id`, [`corpus-${key.toLowerCase()}`, name, description, organisationId]);
      ids[key as Key] = row.id;
    }
  });
  afterAll(() => t.close());

  it.each(QUERIES)('%s', async (q, expected) => {
    const found = dataOf(await t.gql(SEARCH, { q, org: organisationId })).services.edges.map((edge: any) => edge.node.id);
    const byId = new Map(Object.entries(ids).map(([key, id]) => [id, key]));
    expect(found.map((id: string) => byId.get(id)).sort()).toEqual([...expected].sort());
  });

  it('finds organisations the same way', async () => {
    const names = async (q: string) =>
      dataOf(await t.gql(`query($q: String!) { organisations(search: $q, first: 50) { edges { node { name } } } }`, { q })).organisations.edges.map((e: any) => e.node.name);
    expect(await names('senioren')).toContain('Stichting Seniorenwelzijn Corpus');
    expect(await names('ouderen')).not.toContain('Ouder-kindcentrum Corpus');
    expect(await names('ouders')).toContain('Ouder-kindcentrum Corpus');
  });

  it('answers with one statement for the expansion beside the search itself, and none while groups and stems are kept', async () => {
    forgetSynonymGroups();
    const plain = await t.gql(SEARCH, { q: 'mantelzorg', org: organisationId });
    const none = await t.gql(`query($org: ID!) { services(organisation: $org, first: 50) { edges { node { id } } } }`, { org: organisationId });
    expect(plain.sqlStatements - none.sqlStatements).toBe(1);
    const again = await t.gql(SEARCH, { q: 'mantelzorg', org: organisationId });
    expect(again.sqlStatements).toBe(none.sqlStatements);
    // A word not seen before needs its stem: one statement again.
    const unseen = await t.gql(SEARCH, { q: 'mantelzorgkoffie', org: organisationId });
    expect(unseen.sqlStatements - none.sqlStatements).toBe(1);
  });

  it('sees a change to the synonyms at once in the process that made it', async () => {
    const before = dataOf(await t.gql(`query($q: String!) { services(search: $q, first: 50) { edges { node { name } } } }`, { q: 'koffiekring' })).services.edges.length;
    const admin = await t.login((await createTestUsers(t.db)).admin, TEST_PASSWORD);
    dataOf(await t.gql(`mutation($input: SearchSynonymInput!) { createSearchSynonym(input: $input) { id } }`, { input: { terms: ['koffiekring', 'corpus'] } }, { cookie: admin }));
    const after = dataOf(await t.gql(`query($q: String!) { services(search: $q, first: 50) { edges { node { name } } } }`, { q: 'koffiekring' })).services.edges.length;
    expect(after).toBeGreaterThan(before);
  });

  it('uses the GIN index on generated data', async () => {
    // A vocabulary as varied as real descriptions (the planner's statistics depend on it): a few
    // common words and many rare ones.
    await t.db.asOwner(
      `INSERT INTO service (slug, name, description)
       SELECT 'gen-' || i, 'Dienst ' || i,
              (ARRAY['Hulp bij het huishouden', 'Sport en spel in de wijk', 'Advies over wonen', 'Koffie-ochtend in het buurthuis'])[1 + i % 4]
              || ' ' || substr(md5(i::text), 1, 7) || ' ' || substr(md5((i * 7)::text), 1, 9) || ' ' || substr(md5((i * 13)::text), 1, 6)
         FROM generate_series(1, 20000) i`,
    );
    await t.db.asOwner(`ANALYZE service`);
    for (const q of ['mantelzorg', 'ouderen', 'senioren', '"informele zorg"', 'schuldhulp -budgetcoaching']) {
      const tsquery = await expandSearch((sql, params) => t.db.dataSource.query(sql, params), q);
      const plan: { 'QUERY PLAN': string }[] = await t.db.asOwner(
        `EXPLAIN SELECT s.id FROM service s WHERE s.archived_at IS NULL AND ${searchMatchSql('service', 's', '$1')} ORDER BY s.name, s.id LIMIT 21`,
        [tsquery],
      );
      expect(plan.map((row) => row['QUERY PLAN']).join('\n')).toMatch(/Bitmap Index Scan on "?IDX_service_search/);
    }
  });
});

describe('curating search synonyms', () => {
  let t: TestApp;
  let admin: string;
  let municipality: string;
  let swa: string;
  const LIST = `{ searchSynonyms { id version terms } }`;
  const CREATE = `mutation($input: SearchSynonymInput!) { createSearchSynonym(input: $input) { id version terms } }`;
  const UPDATE = `mutation($id: ID!, $version: Int!, $input: SearchSynonymInput!) { updateSearchSynonym(id: $id, version: $version, input: $input) { id version terms } }`;
  const DELETE = `mutation($id: ID!, $version: Int!) { deleteSearchSynonym(id: $id, version: $version) }`;

  beforeAll(async () => {
    t = await startTestApp();
    await createTestUsers(t.db);
    admin = await t.login('admin@test.local', TEST_PASSWORD);
    municipality = await t.login('gemeente@test.local', TEST_PASSWORD);
    swa = await t.login('swa@test.local', TEST_PASSWORD);
  });
  afterAll(() => t.close());

  it('lists the seeded groups to admins only', async () => {
    const groups = dataOf(await t.gql(LIST, {}, { cookie: admin })).searchSynonyms;
    expect(groups).toContainEqual(expect.objectContaining({ terms: ['mantelzorg', 'informele zorg'] }));
    expect(groups).toContainEqual(expect.objectContaining({ terms: ['ouderen', 'senioren', '65-plussers'] }));
    for (const [as, code] of [[{ cookie: municipality }, 'FORBIDDEN'], [{ cookie: swa }, 'FORBIDDEN'], [{}, 'UNAUTHENTICATED']] as const) {
      const res = await t.gql(LIST, {}, as);
      expect(res.body.errors?.[0].extensions?.code).toBe(code);
    }
    const res = await t.gql(CREATE, { input: { terms: ['buurtsport', 'sport in de wijk'] } }, { cookie: swa });
    expect(res.body.errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });

  it('creates, updates and deletes a group, and search follows at once', async () => {
    const count = async (q: string) => dataOf(await t.gql(`query($q: String!) { services(search: $q, first: 100) { edges { node { id } } } }`, { q })).services.edges.length;
    const before = await count('wijkrestaurant');
    const created = dataOf(await t.gql(CREATE, { input: { terms: [' Wijkrestaurant ', 'eetcafé'] } }, { cookie: admin })).createSearchSynonym;
    expect(created).toMatchObject({ version: 1, terms: ['Wijkrestaurant', 'eetcafé'] });
    const updated = dataOf(await t.gql(UPDATE, { id: created.id, version: 1, input: { terms: ['wijkrestaurant', 'maaltijd'] } }, { cookie: admin })).updateSearchSynonym;
    expect(updated).toMatchObject({ version: 2, terms: ['wijkrestaurant', 'maaltijd'] });
    expect(await count('wijkrestaurant')).toBe(await count('maaltijd'));
    expect(await count('maaltijd')).toBeGreaterThan(before);
    const stale = await t.gql(UPDATE, { id: created.id, version: 1, input: { terms: ['a1', 'b2'] } }, { cookie: admin });
    expect(stale.body.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', field: 'version' });
    expect(dataOf(await t.gql(DELETE, { id: created.id, version: 2 }, { cookie: admin })).deleteSearchSynonym).toBe(true);
    expect(await count('wijkrestaurant')).toBe(before);
    const gone = await t.gql(DELETE, { id: created.id, version: 2 }, { cookie: admin });
    expect(gone.body.errors?.[0].extensions?.code).toBe('NOT_FOUND');
  });

  it('reports every bad term at once, and a term of another group as CONFLICT', async () => {
    const bad = await t.gql(CREATE, { input: { terms: ['', 'zorg & welzijn', 'buurtzorg', 'Buurtzorg'] } }, { cookie: admin });
    expect(bad.body.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT' });
    expect(bad.body.errors?.[0].extensions?.errors.map((e: any) => [e.field, e.rule])).toEqual([
      ['input.terms.0', 'required'],
      ['input.terms.1', 'termCharacters'],
      ['input.terms.3', 'duplicateTerm'],
    ]);
    const taken = await t.gql(CREATE, { input: { terms: ['Senioren', 'oudjes', 'Mantelzorg'] } }, { cookie: admin });
    expect(taken.body.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', field: 'input.terms.0', rule: 'termInOtherGroup', params: { term: 'Senioren' } });
    expect(taken.body.errors?.[0].extensions?.errors.map((e: any) => e.field)).toEqual(['input.terms.0', 'input.terms.2']);
    // Each listed like BAD_USER_INPUT's: field, English message, rule and params.
    expect(taken.body.errors?.[0].extensions?.errors[1]).toEqual({ field: 'input.terms.2', message: '"Mantelzorg" is already a term of another synonym group', rule: 'termInOtherGroup', params: { term: 'Mantelzorg', synonymId: expect.any(String) } });
    expect(dataOf(await t.gql(LIST, {}, { cookie: admin })).searchSynonyms.some((g: any) => g.terms.includes('oudjes'))).toBe(false);
  });
});
