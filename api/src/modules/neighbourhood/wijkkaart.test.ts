import { inflateSync } from 'node:zlib';
import { TEST_PASSWORD, type TestApp, createTestUsers, dataOf, startTestApp } from '../../test/app';
import { WIJKKAART_FORMAT, escapeHtml } from './wijkkaart';

/**
 * The text of a PDF as Chromium (Skia) writes it: every Flate stream inflated; each text object's
 * glyph strings (`<…> Tj`, `[<…> …] TJ`) decoded through each ToUnicode CMap of the file, one
 * reading per CMap (a text object's glyphs belong to one font, so one reading is its text).
 */
function pdfTexts(pdf: Buffer): string[] {
  const streams: string[] = [];
  const raw = pdf.toString('latin1');
  for (const match of raw.matchAll(/stream\r?\n/g)) {
    const start = match.index! + match[0].length;
    const end = raw.indexOf('endstream', start);
    try {
      streams.push(inflateSync(pdf.subarray(start, end)).toString('latin1'));
    } catch {
      // Not a Flate stream (an image, a font program): no text.
    }
  }
  const cmaps = streams.filter((s) => s.includes('begincmap')).map((cmap) => {
    const map = new Map<number, string>();
    const unicode = (hex: string) => String.fromCodePoint(...(hex.match(/..../g) ?? []).map((h) => parseInt(h, 16)));
    for (const block of cmap.matchAll(/beginbfchar([\s\S]*?)endbfchar/g))
      for (const [, from, to] of block[1].matchAll(/<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>/g)) map.set(parseInt(from, 16), unicode(to));
    for (const block of cmap.matchAll(/beginbfrange([\s\S]*?)endbfrange/g))
      for (const [, from, to, first] of block[1].matchAll(/<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>/g))
        for (let code = parseInt(from, 16); code <= parseInt(to, 16); code++) map.set(code, String.fromCodePoint(parseInt(first, 16) + code - parseInt(from, 16)));
    return map;
  });
  const texts: string[] = [];
  for (const content of streams.filter((s) => /\bBT\b/.test(s)))
    for (const [, block] of content.matchAll(/\bBT\b([\s\S]*?)\bET\b/g)) {
      const glyphs = [...block.matchAll(/<([0-9A-Fa-f]+)>/g)].flatMap(([, hex]) => (hex.match(/..../g) ?? []).map((h) => parseInt(h, 16)));
      // NFKC: Chromium sets ligatures (ﬁ) as one glyph.
      for (const map of cmaps) texts.push(glyphs.map((g) => map.get(g) ?? '\ufffd').join('').normalize('NFKC'));
    }
  return texts;
}

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
    expect(page).toMatch(/Inwoners met een niet-westerse migratieachtergrond \(%\)<\/td><td>2009<\/td><td class="getal">38%<\/td><td class="getal">33%<sup>\*<\/sup><\/td><td class="getal">14%<\/td>/);
    // 5: the residents' rating of the social quality (5,4 against 5,9).
    expect(page).toMatch(/<h2>5\. Sociale Index[\s\S]*5,4 \(rapportcijfer\)[\s\S]*5,9 \(rapportcijfer\)/);
    // 3.4 and 4.x from the social map.
    expect(page).toContain('De Roef');
    expect(page).toMatch(/<h3>4\.4 Kerken en moskeen<\/h3>/);
    // Key persons are personal data: not for anonymous readers.
    expect(page).toContain('Sleutelpersonen zijn persoonsgegevens: alleen zichtbaar voor ingelogde gebruikers.');
    // The analysis: the need statement once, the migrant families' gap under it.
    expect(page).toMatch(/<li>Hogere behoefte — [^<]+: 38% in Kruiskamp tegen 14% in Amersfoort \(2009\)\.<ul><li>allochtone gezinnen: geen actieve dienst\. Netwerken in het gebied voor deze doelgroep: Schakelteam Kruiskamp-Koppel\.<\/li><\/ul><\/li>/);
  });

  it('lays the page out for print, with only its own inline style allowed', async () => {
    const res = await get('/reports/wijkkaart/kruiskamp');
    const page = await res.text();
    expect(page).toContain('@media print');
    expect(page).toContain('@page { size: A4;');
    const nonce = /<style nonce="([^"]+)">/.exec(page)?.[1];
    expect(nonce).toBeTruthy();
    expect(res.headers.get('content-security-policy')).toContain(`style-src 'nonce-${nonce}'`);
    expect(res.headers.get('content-security-policy')).toContain(`script-src 'nonce-${nonce}'`);
    expect(res.headers.get('content-security-policy')).toContain("default-src 'none'");
    // One script, the print button's, under the nonce; a way back, the PDF; none of it printed.
    expect(page.match(/<script/gi)).toHaveLength(1);
    expect(page).toContain(`<script nonce="${nonce}">document.getElementById('afdrukken').addEventListener('click', function () { window.print(); });</script>`);
    expect(page).toContain('<a href="/wijken/kruiskamp">← Terug naar Kruiskamp</a>');
    expect(page).toContain('<button type="button" id="afdrukken">Afdrukken</button>');
    expect(page).toContain('<a href="/reports/wijkkaart/kruiskamp/pdf" download>Download als PDF</a>');
    expect(page).toMatch(/@media print \{[^}]*\{[^}]*\}[\s\S]*nav\.acties \{ display: none; \}/);
    // The date as a Dutch reader writes it.
    const today = new Intl.DateTimeFormat('nl-NL', { timeZone: 'Europe/Amsterdam', day: 'numeric', month: 'long', year: 'numeric' }).format(new Date());
    expect(today).toMatch(/^\d{1,2} (januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|december) \d{4}$/);
    expect(page).toContain(`gevuld uit de sociale kaart op ${today}`);
    const older = await (await get('/reports/wijkkaart/kruiskamp?year=2004')).text();
    expect(older).toContain('<a href="/reports/wijkkaart/kruiskamp/pdf?year=2004" download>Download als PDF</a>');
  });

  it('renders the wijkkaart as a PDF file holding the area’s name and its sections', async () => {
    const res = await get('/reports/wijkkaart/kruiskamp/pdf');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="wijkkaart-kruiskamp.pdf"');
    expect(res.headers.get('cache-control')).toBe('no-store');
    const pdf = Buffer.from(await res.arrayBuffer());
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(pdf.subarray(-8).toString('latin1')).toMatch(/%%EOF\s*$/);
    expect(pdf.toString('latin1')).toContain('/Title (Wijkkaart Kruiskamp)');
    const texts = pdfTexts(pdf);
    expect(texts).toContain('Wijkkaart Kruiskamp');
    expect(texts.some((text) => text.includes('Socio-demografische kenmerken van de wijk'))).toBe(true);
    expect(texts.some((text) => text.includes('allochtone gezinnen: geen actieve dienst.'))).toBe(true);
    // Not the screen's buttons, and no key persons for an anonymous reader.
    expect(texts.some((text) => text.includes('Afdrukken') || text.includes('Download als PDF'))).toBe(false);
    expect(texts.some((text) => text.includes('Diaken Voorbeeld'))).toBe(false);
    const logged = pdfTexts(Buffer.from(await (await get('/reports/wijkkaart/randenbroek-schuilenburg/pdf', { cookie: swa })).arrayBuffer()));
    expect(logged.some((text) => text.includes('Diaken Voorbeeld'))).toBe(true);
    // Authorised and checked as the page.
    expect((await get('/reports/wijkkaart/atlantis/pdf')).status).toBe(404);
    expect((await get('/reports/wijkkaart/kruiskamp/pdf?year=twintig')).status).toBe(400);
  }, 60_000);

  it('answers 503 SERVICE_UNAVAILABLE for the PDF where Chromium is not installed or off', async () => {
    for (const chromium of ['/nonexistent/chromium', 'off']) {
      const other = await startTestApp({ env: { CHROMIUM_PATH: chromium }, sameDatabaseAs: t });
      try {
        const res = await fetch(`${other.url}/reports/wijkkaart/kruiskamp/pdf`);
        expect(res.status).toBe(503);
        const body = (await res.json()) as { error: { code: string; message: string } };
        expect(body.error.code).toBe('SERVICE_UNAVAILABLE');
        expect(body.error.message).toContain(chromium === 'off' ? 'CHROMIUM_PATH=off' : 'niet geïnstalleerd op /nonexistent/chromium');
        // The page itself still prints from the browser.
        expect((await fetch(`${other.url}/reports/wijkkaart/kruiskamp`)).status).toBe(200);
      } finally {
        await other.close();
      }
    }
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
    expect((await get('/reports/wijkkaart/kruiskamp/pdf', { authorization: `Bearer ${referralsKey}` })).status).toBe(403);
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
