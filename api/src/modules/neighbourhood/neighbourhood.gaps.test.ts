import { type TestApp, dataOf, errorCodes, startTestApp } from '../../test/app';

/**
 * The gaps of Randenbroek-Schuilenburg checked against the book's own account of the district
 * ("Schakels in de Buurt", chapter 4; the demo data in db/data/amersfoort-2009.json cite it):
 *
 * - §4.1 (table): 65+ is 17 % in Randenbroek and 23 % in Schuilenburg against 12 % in Amersfoort
 *   ("naar Amersfoortse maatstaven behoorlijk vergrijsd"); non-western migrants 24 % and 37 %
 *   against 14 % ("door het grote aandeel sociale woningbouw veel mensen van allochtone afkomst").
 *   Both are a need above the city: two need statements, each written once.
 * - §1.1, §4.4: the project, the switch team and the Buurtnetwerk 55+ worked for elderly in
 *   (threatening) social isolation; §4.4 and §4.6 describe ASIS, Sensor, Vriendschapsbemiddeling
 *   55+, the Eetclub and the wijkinformatiepunt for them; §4.2 names the risk groups for
 *   loneliness among the elderly those services reach. Neither group may be reported as a whole
 *   row gap. With the services classified by what the book says they do
 *   (db/data/amersfoort-2009-classification.json), three of their basic functions have one
 *   service each: knowledge (the digital social map, §4.6), analysing (ASIS's case discussions,
 *   §4.4) and directing/coordinating (the wijkinformatiepunt's referrals, §4.6) — thin cells.
 *   The book puts that work in the switch team and the Buurtnetwerk 55+, networks, not services.
 * - The book describes no service for migrant families in the district (their projects are in
 *   Kruiskamp-Koppel, §3.3): a gap under the non-western share, no service at all.
 * - §4.6 Eetclub, for single elderly who do not like to eat alone; §4.5 Weer naar School, for
 *   low-literate seniors (55+); §4.5 Wel thuis (Riagg), for elderly living at home with
 *   (beginning) psychological problems: one project each, so each group is thinly served — a
 *   gap under the 65+ statement naming that group, its one service the one the book describes.
 */
const GROUPS = `query($area: String!, $above: Boolean) {
  neighbourhoodView(area: $area) {
    gapGroups(needAboveMunicipalityOnly: $above) {
      rank statement statementNl score uncoveredTargetGroups targetGroupCount
      need { status value municipalityValue year derived indicator { code } }
      gaps { rank level status serviceCount line lineNl reasonNl targetGroup { code } basicFunction { number } }
    }
    gaps { rank targetGroup { code } }
    coverage { rows { targetGroup { code } total { status services { slug } } cells { services { slug } } } }
  }
}`;

describe('gaps grouped under need statements (Randenbroek-Schuilenburg against the book, §4)', () => {
  let t: TestApp;
  let view: Record<string, any>;

  beforeAll(async () => {
    t = await startTestApp();
    view = dataOf(await t.gql(GROUPS, { area: 'randenbroek-schuilenburg' })).neighbourhoodView;
  });
  afterAll(() => t.close());

  const servicesOf = (code: string) => view.coverage.rows.find((r: any) => r.targetGroup.code === code).total.services.map((s: any) => s.slug);

  it('states the two needs above the city the book reports (§4.1), each once, ranked', async () => {
    const above = view.gapGroups.filter((g: any) => g.need.status === 'ABOVE_MUNICIPALITY');
    expect(above.map((g: any) => [g.rank, g.need.indicator.code, g.need.value, g.need.municipalityValue, g.need.year, g.need.derived])).toEqual([
      // Ranked by the rule (neighbourhood.rules.gaps.ts): 19.2 / 12 − 1 = 0.6 × (three thin groups and
      // two groups with thin function cells, ½ each) = 1.5, against 28.8 / 14 − 1 = 1.0571 × one group
      // without service. The book itself ranks neither.
      [1, 'pct_age_65_plus', 19.2, 12, 2009, true],
      [2, 'pct_non_western_migrants', 28.8, 14, 2009, true],
    ]);
    expect(above.map((g: any) => [g.score, g.uncoveredTargetGroups, g.targetGroupCount])).toEqual([
      [1.5, 2.5, 5],
      [1.0571, 1, 1],
    ]);
    // The indicator's Dutch name between the dash and the colon (its wording is curated elsewhere).
    expect(above[0].statementNl).toMatch(/^Hogere behoefte — .+: 19,2% in Randenbroek-Schuilenburg tegen 12% in Amersfoort \(2009, berekend uit de buurten\)\.$/);
    expect(above[0].statement).toContain('19.2% in Randenbroek-Schuilenburg against 12% in Amersfoort');
    // Written once: no gap under it repeats the figures.
    for (const group of above) for (const gap of group.gaps) expect(`${gap.line} ${gap.lineNl}`).not.toMatch(/19[.,]2|28[.,]8/);
    const statements = view.gapGroups.map((g: any) => g.statementNl);
    expect(new Set(statements).size).toBe(statements.length);
    // The filter keeps exactly these two.
    const filtered = dataOf(await t.gql(GROUPS, { area: 'randenbroek-schuilenburg', above: true })).neighbourhoodView.gapGroups;
    expect(filtered.map((g: any) => g.need.indicator.code)).toEqual(['pct_age_65_plus', 'pct_non_western_migrants']);
  });

  it('lists migrant families as uncovered: the book describes no service for them in this district', () => {
    const migrants = view.gapGroups.find((g: any) => g.need.indicator?.code === 'pct_non_western_migrants');
    expect(migrants.gaps).toEqual([
      expect.objectContaining({ level: 'TARGET_GROUP', status: 'EMPTY', serviceCount: 0, targetGroup: { code: 'allochtone-gezinnen' }, basicFunction: null, lineNl: 'allochtone gezinnen: geen actieve dienst.' }),
    ]);
    expect(servicesOf('allochtone-gezinnen')).toEqual([]);
  });

  it('names under the 65+ statement the three elderly groups the book gives one project each (§4.5, §4.6)', () => {
    const elderly = view.gapGroups.find((g: any) => g.need.indicator?.code === 'pct_age_65_plus');
    expect(elderly.gaps.filter((g: any) => g.level === 'TARGET_GROUP').map((g: any) => [g.targetGroup.code, g.level, g.status, g.serviceCount])).toEqual([
      ['alleenstaande-ouderen', 'TARGET_GROUP', 'THIN', 1],
      ['laaggeletterde-senioren', 'TARGET_GROUP', 'THIN', 1],
      ['ouderen-beginnende-psychische-problematiek', 'TARGET_GROUP', 'THIN', 1],
    ]);
    // Whole rows first (the rule's order), then the thin function cells of the isolated elderly.
    expect(elderly.gaps.slice(0, 3).every((g: any) => g.level === 'TARGET_GROUP')).toBe(true);
    expect(servicesOf('alleenstaande-ouderen')).toEqual(['eetclub']);
    expect(servicesOf('laaggeletterde-senioren')).toEqual(['weer-naar-school']);
    expect(servicesOf('ouderen-beginnende-psychische-problematiek')).toEqual(['wel-thuis']);
    expect(elderly.gaps[0].lineNl).toBe('alleenstaande ouderen: slechts 1 actieve dienst (dun: minder dan 2).');
  });

  it('reports the isolated elderly and the risk groups for loneliness, whom the services of §4.4 and §4.6 serve, only for the functions one service fills', () => {
    const gaps = view.gapGroups.flatMap((g: any) => g.gaps);
    for (const code of ['kwetsbare-ouderen-sociaal-isolement', 'risicogroepen-eenzaamheid-ouderen']) {
      const own = gaps.filter((gap: any) => gap.targetGroup.code === code);
      // No gap for the whole row: eleven services serve them.
      expect(own.map((gap: any) => [gap.level, gap.status, gap.serviceCount, gap.basicFunction.number])).toEqual([
        ['BASIC_FUNCTION', 'THIN', 1, 2],
        ['BASIC_FUNCTION', 'THIN', 1, 5],
        ['BASIC_FUNCTION', 'THIN', 1, 8],
      ]);
    }
    const cell = (code: string, number: number) =>
      view.coverage.rows.find((r: any) => r.targetGroup.code === code).cells[number - 1].services.map((s: any) => s.slug);
    expect([cell('kwetsbare-ouderen-sociaal-isolement', 2), cell('kwetsbare-ouderen-sociaal-isolement', 5), cell('kwetsbare-ouderen-sociaal-isolement', 8)]).toEqual([
      ['digitale-sociale-kaart-senioren'],
      ['asis'],
      ['wijkinformatiepunt-activiteit'],
    ]);
    for (const code of ['kwetsbare-ouderen-sociaal-isolement', 'risicogroepen-eenzaamheid-ouderen']) {
      expect(servicesOf(code)).toEqual(expect.arrayContaining(['asis', 'sensor', 'vriendschapsbemiddeling-55plus', 'eetclub', 'wijkinformatiepunt-activiteit']));
    }
    // Every service the book describes for the district's elderly fills some row: none is a gap's only cause.
    const served = new Set(view.coverage.rows.flatMap((r: any) => r.total.services.map((s: any) => s.slug)));
    for (const slug of ['asis', 'sensor', 'vriendschapsbemiddeling-55plus', 'eetclub', 'wijkinformatiepunt-activiteit', 'weer-naar-school', 'wel-thuis']) expect(served.has(slug)).toBe(true);
  });

  it('puts the groups without a need indicator after the needs above the city, in one statement', () => {
    const rest = view.gapGroups.filter((g: any) => g.need.status !== 'ABOVE_MUNICIPALITY');
    expect(rest.map((g: any) => [g.rank, g.need.status, g.need.indicator, g.score])).toEqual([[3, 'NO_INDICATOR', null, null]]);
    expect(rest[0].statementNl).toBe('De behoefte is niet te wegen: deze doelgroepen hebben geen behoefte-indicator.');
    expect(rest[0].gaps.map((g: any) => g.targetGroup.code)).toEqual(expect.arrayContaining(['jongeren', 'zorgmijders', 'multiprobleemgezinnen']));
    expect(rest[0].gaps.every((g: any) => g.status === 'EMPTY' || g.status === 'THIN')).toBe(true);
  });

  it('keeps the flat list of gaps in the same order, group after group', () => {
    const flat = view.gapGroups.flatMap((g: any) => g.gaps.map((gap: any) => [gap.rank, gap.targetGroup.code]));
    expect(view.gaps.map((g: any) => [g.rank, g.targetGroup.code])).toEqual(flat);
    expect(flat.map(([rank]: [number]) => rank)).toEqual(flat.map((_: unknown, i: number) => i + 1));
  });

  it('refuses first outside 1–1000', async () => {
    const answer = await t.gql(`{ neighbourhoodView(area: "randenbroek-schuilenburg") { gapGroups(first: 0) { rank } } }`);
    expect(errorCodes(answer)).toEqual(['BAD_USER_INPUT']);
    const first = dataOf(await t.gql(`{ neighbourhoodView(area: "randenbroek-schuilenburg") { gapGroups(first: 1) { rank need { indicator { code } } } } }`));
    expect(first.neighbourhoodView.gapGroups).toEqual([{ rank: 1, need: { indicator: { code: 'pct_age_65_plus' } } }]);
  });
});
