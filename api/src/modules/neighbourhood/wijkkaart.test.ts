import { TEST_PASSWORD, type TestApp, createTestUsers, dataOf, startTestApp } from '../../test/app';
import { WIJKKAART_FORMAT, escapeHtml } from './wijkkaart';

/** The book's Format wijkkaart (§6.3) as a printable page: GET /reports/wijkkaart/:area. */
describe('wijkkaart report', () => {
  let t: TestApp;
  let swa: string;

  beforeAll(async () => {
    t = await startTestApp();
    await createTestUsers(t.db);
    swa = await t.login('swa@test.local', TEST_PASSWORD);
    const [person] = await t.db.dataSource.query(`INSERT INTO key_person (name, role_description, phone) VALUES ('Diaken Voorbeeld', 'diaken', '033-0000000') RETURNING id`);
    await t.db.dataSource.query(`INSERT INTO key_person_area (key_person_id, area_id) SELECT $1, id FROM area WHERE slug = 'randenbroek-schuilenburg'`, [person.id]);
  });
  afterAll(() => t.close());

  const get = (path: string, headers: Record<string, string> = {}) => fetch(`${t.url}${path}`, { headers });

  it('prints every section of the format, in the book’s words, with the figures of the area', async () => {
    const res = await get('/reports/wijkkaart/kruiskamp');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/html; charset=utf-8/);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(Number(res.headers.get('x-sql-statements'))).toBeGreaterThan(0);
    const page = await res.text();
    expect(page).toContain('<h1>Wijkkaart Kruiskamp</h1>');
    for (const section of WIJKKAART_FORMAT.sections) {
      expect(page).toContain(`<h2>${escapeHtml(`${section.number} ${section.title}`)}</h2>`);
      for (const sub of section.subsections) expect(page).toContain(`<h3>${escapeHtml(`${sub.number} ${sub.title}`)}</h3>`);
    }
    expect(WIJKKAART_FORMAT.sections.map((s) => s.subsections.length)).toEqual([2, 4, 4, 5, 0]);
    // 2.1: Kruiskamp beside Kruiskamp-Koppel and Amersfoort (§3.1): 38 % non-western against 14 %.
    expect(page).toMatch(/Aantal niet-westerse allochtonen[^<]*<\/td><td>2009<\/td><td class="getal">38%<\/td><td class="getal">33%<sup>\*<\/sup><\/td><td class="getal">14%<\/td>/);
    // 5: the residents' rating of the social quality (5,4 against 5,9).
    expect(page).toMatch(/<h2>5\. Sociale Index[\s\S]*5,4 \(rapportcijfer\)[\s\S]*5,9 \(rapportcijfer\)/);
    // 3.4 and 4.x from the social map.
    expect(page).toContain('De Roef');
    expect(page).toMatch(/<h3>4\.4 Kerken en moskeen<\/h3>/);
    // Key persons are personal data: not for anonymous readers.
    expect(page).toContain('Sleutelpersonen zijn persoonsgegevens: alleen zichtbaar voor ingelogde gebruikers.');
    // The analysis: the migrant families' gap.
    expect(page).toContain('Geen actieve dienst voor allochtone gezinnen in Kruiskamp');
  });

  it('lays the page out for print, with only its own inline style allowed', async () => {
    const res = await get('/reports/wijkkaart/kruiskamp');
    const page = await res.text();
    expect(page).toContain('@media print');
    expect(page).toContain('@page { size: A4;');
    const nonce = /<style nonce="([^"]+)">/.exec(page)?.[1];
    expect(nonce).toBeTruthy();
    expect(res.headers.get('content-security-policy')).toContain(`style-src 'nonce-${nonce}'`);
    expect(res.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect(page).not.toMatch(/<script/i);
  });

  it('escapes every value taken from the data', async () => {
    await t.db.dataSource.query(
      `UPDATE area SET history = $1, future_plans = $2 WHERE slug = 'schuilenburg'`,
      ['<script>alert("wijk")</script> & de "oude" buurt', "Plan <b>nieuw</b> 'wijkcentrum'"],
    );
    await t.db.dataSource.query(`UPDATE organisation SET name = 'Kerk <img src=x onerror=alert(1)>' WHERE slug = 'brugkerk'`);
    const page = await (await get('/reports/wijkkaart/schuilenburg')).text();
    expect(page).toContain('<p>&lt;script&gt;alert(&quot;wijk&quot;)&lt;/script&gt; &amp; de &quot;oude&quot; buurt</p>');
    expect(page).toContain('<p>Plan &lt;b&gt;nieuw&lt;/b&gt; &#39;wijkcentrum&#39;</p>');
    expect(page).toContain('Kerk &lt;img src=x onerror=alert(1)&gt;');
    expect(page).not.toContain('<script>');
    expect(page).not.toContain('<img');
  });

  it('shows the switch team against the norms, in Dutch', async () => {
    const page = await (await get('/reports/wijkkaart/schothorst')).text();
    expect(page).toContain('Schakelteam Schothorst');
    expect(page).toMatch(/Aantal leden: 5 tot 10 leden <span class="bron">\(§6\.3 Omvang; §9\.4\)<\/span><\/td><td class="getal">3<\/td><td>voldoet niet<\/td>/);
    expect(page).toContain('Onbekend: geen fte vastgelegd voor 3 van 3 leden.');
    // The district's population is computed from its two neighbourhoods, and says so.
    expect(page).toContain('12.818');
    expect(page).toContain('Berekend uit de cijfers van alle buurten');
  });

  it('lists key persons for logged-in users only', async () => {
    const anonymous = await (await get('/reports/wijkkaart/randenbroek-schuilenburg')).text();
    expect(anonymous).not.toContain('Diaken Voorbeeld');
    const page = await (await get('/reports/wijkkaart/randenbroek-schuilenburg', { cookie: swa })).text();
    expect(page).toContain('<strong>Diaken Voorbeeld</strong> — diaken');
    expect(page).toContain('033-0000000');
  });

  it('refuses API keys without READ_MAP, unknown areas and a malformed year', async () => {
    const [swaId] = await t.db.dataSource.query(`SELECT id FROM organisation WHERE slug = 'swa'`);
    const create = `mutation($input: CreateApiKeyInput!) { createApiKey(input: $input) { key } }`;
    const referralsKey = dataOf(await t.gql(create, { input: { organisationId: swaId.id, name: 'wijkkaart', scopes: ['REFERRALS'] } }, { cookie: swa })).createApiKey.key;
    const readKey = dataOf(await t.gql(create, { input: { organisationId: swaId.id, name: 'wijkkaart lezen', scopes: ['READ_MAP'] } }, { cookie: swa })).createApiKey.key;
    expect((await get('/reports/wijkkaart/kruiskamp', { authorization: `Bearer ${referralsKey}` })).status).toBe(403);
    const withKey = await get('/reports/wijkkaart/randenbroek-schuilenburg', { authorization: `Bearer ${readKey}` });
    expect(withKey.status).toBe(200);
    expect(await withKey.text()).not.toContain('Diaken Voorbeeld');
    const unknown = await get('/reports/wijkkaart/%3Cb%3Eatlantis');
    expect(unknown.status).toBe(404);
    expect(await unknown.text()).toContain('Onbekend gebied &quot;&lt;b&gt;atlantis&quot;.');
    expect((await get('/reports/wijkkaart/kruiskamp?year=twintig')).status).toBe(400);
    const older = await get('/reports/wijkkaart/randenbroek-schuilenburg?year=2004');
    expect(older.status).toBe(200);
    expect(await older.text()).toContain('kerncijfers van 2004');
  });
});
