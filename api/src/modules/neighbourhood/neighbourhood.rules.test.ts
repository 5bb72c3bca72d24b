import { DEFAULT_NEIGHBOURHOOD_THRESHOLDS, neighbourhoodThresholdsFromEnv } from '../../config';
import { KnowledgeArea } from '../network/network.entity';
import { coverageMatrix } from './neighbourhood.rules.coverage';
import { type AreaFigures, compareFigure, countryValueFor, derivedValue } from './neighbourhood.rules.figures';
import { freshness } from './neighbourhood.rules.freshness';
import { type NeedData, assessNeed, findGaps, gapLine, groupGaps, nameBesideFigure, needScore, needStatement } from './neighbourhood.rules.gaps';
import { type TeamMemberFacts, assessTeam } from './neighbourhood.rules.team';

/** Pure rules, no database: the edge cases the Amersfoort data do not reach. */
const T = DEFAULT_NEIGHBOURHOOD_THRESHOLDS;
const TODAY = '2026-06-01';

function member(id: string, fte: number | null, knowledgeAreas: KnowledgeArea[] | null = null, extra: Partial<TeamMemberFacts> = {}): TeamMemberFacts {
  return { id, tier: 'CORE', fte, knowledgeAreas, joinedOn: null, leftOn: null, ...extra };
}

function check(assessment: ReturnType<typeof assessTeam>, norm: string) {
  return assessment.checks.find((c) => c.norm === norm)!;
}

describe('team norms (book §9.7 Beleid 4, §6.3 Omvang, §9.7 Praktijk 2)', () => {
  const all = Object.values(KnowledgeArea);

  it('passes a team of five at 0.4 fte for 10,000 inhabitants holding all eight knowledge areas', () => {
    const members = ['a', 'b', 'c', 'd', 'e'].map((id, i) => member(id, 0.4, i === 0 ? all : []));
    const result = assessTeam({ population: 10000, populationYear: 2009, members, teamKnowledge: null }, T, TODAY);
    expect(result.checks.map((c) => [c.norm, c.status, c.value])).toEqual([
      ['MEMBERS_PER_10000_INHABITANTS', 'PASS', 5],
      ['MEMBER_MIN_FTE', 'PASS', 0.4],
      ['TEAM_SIZE', 'PASS', 5],
      ['TEAM_TOTAL_FTE', 'PASS', 2],
      ['KNOWLEDGE_AREAS', 'PASS', 8],
    ]);
    expect(result.overall).toBe('PASS');
  });

  it('answers UNKNOWN, never a guess, when fte or population are not recorded', () => {
    const result = assessTeam({ population: null, populationYear: null, members: [member('a', null), member('b', 0.5)], teamKnowledge: null }, T, TODAY);
    expect(check(result, 'MEMBERS_PER_10000_INHABITANTS')).toMatchObject({ status: 'UNKNOWN', value: null });
    expect(check(result, 'MEMBER_MIN_FTE')).toMatchObject({ status: 'UNKNOWN', value: 0.5, explanation: 'Unknown: no fte recorded for 1 of 2 members.' });
    expect(check(result, 'TEAM_TOTAL_FTE')).toMatchObject({ status: 'UNKNOWN', value: null });
    expect(check(result, 'KNOWLEDGE_AREAS')).toMatchObject({ status: 'UNKNOWN', value: null });
    expect(check(result, 'TEAM_SIZE')).toMatchObject({ status: 'FAIL', value: 2 });
    expect(result.overall).toBe('FAIL');
  });

  it('fails a member below 0.4 fte even when others are unknown, and passes the total once known fte reach 2', () => {
    const result = assessTeam({ population: 8000, populationYear: 2009, members: [member('a', 0.2), member('b', 1.0), member('c', 1.0), member('d', null), member('e', null)], teamKnowledge: null }, T, TODAY);
    expect(check(result, 'MEMBER_MIN_FTE')).toMatchObject({ status: 'FAIL', value: 0.2 });
    expect(check(result, 'TEAM_TOTAL_FTE')).toMatchObject({ status: 'PASS', value: 2.2 });
    expect(check(result, 'MEMBERS_PER_10000_INHABITANTS')).toMatchObject({ status: 'PASS', value: 6.25 });
  });

  it('counts current members outside the shell only', () => {
    const members = [
      member('core', 0.5),
      member('untiered', 0.5, null, { tier: null }),
      member('shell', 0.5, null, { tier: 'SHELL' }),
      member('left', 0.5, null, { leftOn: '2025-01-01' }),
      member('future', 0.5, null, { joinedOn: '2027-01-01' }),
    ];
    const result = assessTeam({ population: 10000, populationYear: null, members, teamKnowledge: null }, T, TODAY);
    expect(result.teamMemberIds).toEqual(['core', 'untiered']);
    expect(check(result, 'TEAM_SIZE')).toMatchObject({ status: 'FAIL', value: 2 });
  });

  it('fails a team of eleven (the book suggests a core team with a shell)', () => {
    const members = Array.from({ length: 11 }, (_, i) => member(String(i), 0.4));
    expect(check(assessTeam({ population: 20000, populationYear: null, members, teamKnowledge: null }, T, TODAY), 'TEAM_SIZE')).toMatchObject({ status: 'FAIL', value: 11, minimum: 5, maximum: 10 });
  });

  it('lists missing knowledge; FAIL when the team as a whole is described, UNKNOWN while members are unrecorded', () => {
    const stated = assessTeam({ population: null, populationYear: null, members: [member('a', null)], teamKnowledge: [KnowledgeArea.SOCIAL_WORK] }, T, TODAY);
    expect(stated.knowledgePresent).toEqual([KnowledgeArea.SOCIAL_WORK]);
    expect(stated.knowledgeMissing).toHaveLength(7);
    expect(check(stated, 'KNOWLEDGE_AREAS')).toMatchObject({ status: 'FAIL', value: 1 });
    const partial = assessTeam({ population: null, populationYear: null, members: [member('a', null, [KnowledgeArea.HEALTH_CARE]), member('b', null)], teamKnowledge: null }, T, TODAY);
    expect(check(partial, 'KNOWLEDGE_AREAS')).toMatchObject({ status: 'UNKNOWN', value: 1 });
    const everyone = assessTeam({ population: null, populationYear: null, members: [member('a', null, [KnowledgeArea.HEALTH_CARE]), member('b', null, [])], teamKnowledge: null }, T, TODAY);
    expect(check(everyone, 'KNOWLEDGE_AREAS')).toMatchObject({ status: 'FAIL' });
  });

  it('takes its thresholds from the environment, defaults from the book', () => {
    expect(neighbourhoodThresholdsFromEnv({})).toEqual(T);
    expect(T).toMatchObject({ membersPer10000: 5, memberMinFte: 0.4, teamMinMembers: 5, teamMaxMembers: 10, teamMinTotalFte: 2, normNetworkKinds: ['SWITCH_TEAM'] });
    const strict = neighbourhoodThresholdsFromEnv({ TEAM_NORM_MIN_MEMBERS: '3', TEAM_NORM_MEMBER_MIN_FTE: '0.5', COVERAGE_THIN_BELOW: '3', TEAM_NORM_NETWORK_KINDS: 'switch_team, outreach_team' });
    expect(strict).toMatchObject({ teamMinMembers: 3, memberMinFte: 0.5, coverageThinBelow: 3, normNetworkKinds: ['SWITCH_TEAM', 'OUTREACH_TEAM'] });
    expect(() => neighbourhoodThresholdsFromEnv({ TEAM_NORM_MIN_MEMBERS: '12' })).toThrow(/must not exceed/);
    expect(() => neighbourhoodThresholdsFromEnv({ TEAM_NORM_MEMBER_MIN_FTE: 'veel' })).toThrow(/non-negative number/);
  });
});

describe('key figures: own, derived from all child areas, compared', () => {
  const row = (areaId: string, code: string, year: number | null, value: number, indicatorId = code) => ({ areaId, indicatorId, code, unit: code === 'population' ? 'COUNT' : 'PERCENT', year, value, source: 'test', note: null });
  const district: AreaFigures = {
    areaId: 'd',
    childIds: ['n1', 'n2'],
    rows: [row('n1', 'population', 2009, 7021), row('n2', 'population', 2009, 4177), row('n1', 'pct_age_65_plus', 2009, 17), row('n2', 'pct_age_65_plus', 2009, 23)],
  };

  it('sums counts and weights shares by population (Randenbroek 17 %, Schuilenburg 23 % → 19.2 %)', () => {
    expect(derivedValue(district, 'population', 2009)).toMatchObject({ value: 11198, derivedFrom: ['n1', 'n2'] });
    expect(derivedValue(district, 'pct_age_65_plus', 2009)?.value).toBe(19.2);
  });

  it('derives nothing when one child area lacks the value, or for indicators that do not add up', () => {
    expect(derivedValue({ ...district, childIds: ['n1', 'n2', 'n3'] }, 'population', 2009)).toBeNull();
    expect(derivedValue({ ...district, rows: [...district.rows, row('n1', 'social_quality_rating', 2009, 5.4), row('n2', 'social_quality_rating', 2009, 5.2)] }, 'social_quality_rating', 2009)).toBeNull();
  });

  it('prefers the latest year, keeps the previous one, and compares with parent and municipality for the same year', () => {
    const area: AreaFigures = { areaId: 'n1', childIds: [], rows: [row('n1', 'pct_age_65_plus', 2009, 17), row('n1', 'pct_age_65_plus', 2005, 15)] };
    const municipality: AreaFigures = { areaId: 'm', childIds: [], rows: [row('m', 'pct_age_65_plus', 2009, 12), row('m', 'pct_age_65_plus', 2005, 11)] };
    const indicator = { id: 'pct_age_65_plus', code: 'pct_age_65_plus', unit: 'PERCENT' };
    expect(compareFigure(indicator, null, area, district, municipality)).toMatchObject({
      year: 2009,
      current: { value: 17 },
      parent: { value: 19.2 },
      municipality: { value: 12 },
      differenceFromMunicipality: 5,
      differenceFromParent: -2.2,
      previous: { year: 2005, value: 15 },
      changeFromPrevious: 2,
    });
    expect(compareFigure(indicator, 2005, area, district, municipality)).toMatchObject({ year: 2005, current: { value: 15 }, parent: null, municipality: { value: 11 }, previous: null });
    expect(compareFigure(indicator, 2010, area, district, municipality)).toBeNull();
  });
});

describe("the country's value beside an area's figure", () => {
  const country = [
    { year: 2024, value: 18000000, source: 'CBS 2024' },
    { year: 2023, value: 17811291, source: 'CBS 2023' },
    { year: 2023, value: 17800000, source: 'Eigen raming' },
  ];
  it('takes the same year, from the figure’s own source when the country has several', () => {
    expect(countryValueFor(country, 2023, 'Eigen raming')).toBe(17800000);
    expect(countryValueFor(country, 2023, 'Wijkmonitor')).toBe(17811291);
    expect(countryValueFor(country, 2024, null)).toBe(18000000);
  });
  it('compares with nothing in another year or without a year', () => {
    expect(countryValueFor(country, 2022, 'CBS 2023')).toBeNull();
    expect(countryValueFor(country, null, 'CBS 2023')).toBeNull();
    expect(countryValueFor([], 2023, null)).toBeNull();
  });
});

describe('coverage and gaps', () => {
  const services = [
    { id: 's1', targetGroupIds: ['old'], basicFunctionIds: ['signal'] },
    { id: 's2', targetGroupIds: ['old'], basicFunctionIds: ['signal', 'inform'] },
    { id: 's3', targetGroupIds: ['psy'], basicFunctionIds: [] },
    { id: 's4', targetGroupIds: [], basicFunctionIds: ['inform'] },
  ];
  const matrix = coverageMatrix(services, ['old', 'psy', 'migrant'], ['signal', 'inform'], 2);

  it('counts a service in every cell of its target groups and basic functions; a cell is UNKNOWN while services are unclassified', () => {
    const [old, psy, migrant] = matrix.rows;
    expect(old.total).toMatchObject({ serviceIds: ['s1', 's2'], status: 'COVERED' });
    expect(old.cells.map((c) => [c.serviceIds, c.status])).toEqual([
      [['s1', 's2'], 'COVERED'],
      [['s2'], 'THIN'],
    ]);
    expect(psy.total.status).toBe('THIN');
    expect(psy.cells.map((c) => c.status)).toEqual(['UNKNOWN', 'UNKNOWN']);
    expect(psy.unclassified.serviceIds).toEqual(['s3']);
    expect(migrant.total.status).toBe('EMPTY');
    expect(matrix.withoutTargetGroup).toEqual(['s4']);
    expect(matrix.withoutBasicFunction).toEqual(['s3']);
  });

  it('ranks gaps by need: above the municipality first (highest ratio first), then unknown, then not above', () => {
    const figures = (areaId: string, value: number, indicatorId = 'nw'): AreaFigures => ({ areaId, childIds: [], rows: [{ areaId, indicatorId, code: indicatorId, unit: 'PERCENT', year: 2009, value, source: 's', note: null }] });
    const needMigrant = assessNeed({ id: 'nw', code: 'nw', unit: 'PERCENT' }, null, figures('k', 38), figures('m', 14), T);
    expect(needMigrant).toMatchObject({ status: 'ABOVE_MUNICIPALITY', value: 38, municipalityValue: 14, difference: 24 });
    const needOld = assessNeed({ id: 'age', code: 'age', unit: 'PERCENT' }, null, figures('k', 12, 'age'), figures('m', 12, 'age'), T);
    expect(needOld.status).toBe('NOT_ABOVE');
    const gaps = findGaps(matrix, new Map([['migrant', needMigrant], ['old', needOld]]), { targetGroup: (id) => id, basicFunction: (id) => (id === 'signal' ? 4 : 3), indicator: (id) => id });
    expect(gaps.map((g) => [g.targetGroupId, g.level, g.status, g.need.status])).toEqual([
      ['migrant', 'TARGET_GROUP', 'EMPTY', 'ABOVE_MUNICIPALITY'],
      ['psy', 'TARGET_GROUP', 'THIN', 'NO_INDICATOR'],
      ['old', 'BASIC_FUNCTION', 'THIN', 'NOT_ABOVE'],
    ]);
  });

  describe('one need statement per indicator, ranked', () => {
    const order = { targetGroup: (id: string) => id, basicFunction: (id: string) => (id === 'signal' ? 4 : 3), indicator: (id: string) => id };
    const need = (indicatorId: string | null, value: number | null, municipalityValue: number | null): NeedData => {
      if (indicatorId === null) return { status: 'NO_INDICATOR', indicatorId: null, year: null, value: null, municipalityValue: null, difference: null, ratio: null, derived: false };
      const ratio = value !== null && municipalityValue ? Math.round((value / municipalityValue) * 10000) / 10000 : null;
      const difference = value !== null && municipalityValue !== null ? Math.round((value - municipalityValue) * 1000) / 1000 : null;
      const status = difference === null ? 'UNKNOWN' : difference > 0 ? 'ABOVE_MUNICIPALITY' : 'NOT_ABOVE';
      return { status, indicatorId, year: 2009, value, municipalityValue, difference, ratio, derived: false };
    };
    // Randenbroek-Schuilenburg's shape: three elderly groups with one service each (thin), migrant families with none.
    const elderly = ['single', 'literacy', 'psychic'];
    const thinOnes = elderly.map((id, i) => ({ id: `e${i}`, targetGroupIds: [id], basicFunctionIds: ['signal'] }));
    const needs = (extra: Array<[string, NeedData]> = []) =>
      new Map<string, NeedData>([...elderly.map((id) => [id, need('age', 19.2, 12)] as [string, NeedData]), ['migrant', need('nw', 28.8, 14)], ['youth', need(null, null, null)], ...extra]);

    it('writes the statement once per indicator and lists each uncovered target group under it', () => {
      const groups = groupGaps(coverageMatrix(thinOnes, [...elderly, 'migrant', 'youth'], ['signal', 'inform'], 2), needs(), order);
      expect(groups.map((g) => [g.indicatorId, g.targetGroupCount, g.uncoveredTargetGroups, g.gaps.map((gap) => gap.targetGroupId)])).toEqual([
        ['nw', 1, 1, ['migrant']],
        ['age', 3, 1.5, ['literacy', 'psychic', 'single']],
        [null, 1, 1, ['youth']],
      ]);
      // findGaps is the same ranking, read group after group.
      expect(findGaps(coverageMatrix(thinOnes, [...elderly, 'migrant', 'youth'], ['signal', 'inform'], 2), needs(), order).map((g) => g.targetGroupId)).toEqual(['migrant', 'literacy', 'psychic', 'single', 'youth']);
    });

    it('ranks by how far the need is above the municipality times the target groups uncovered', () => {
      // 28.8 against 14: 1.0571 above × 1 empty group; 19.2 against 12: 0.6 above × 3 thin groups (½ each) = 0.9.
      const before = groupGaps(coverageMatrix(thinOnes, [...elderly, 'migrant'], ['signal', 'inform'], 2), needs(), order);
      expect(before.map((g) => [g.indicatorId, g.score])).toEqual([
        ['nw', 1.0571],
        ['age', 0.9],
      ]);
      // A fourth elderly group with no service at all: 0.6 × 2.5 = 1.5 now outranks the migrant families.
      const after = groupGaps(coverageMatrix(thinOnes, [...elderly, 'carers', 'migrant'], ['signal', 'inform'], 2), needs([['carers', need('age', 19.2, 12)]]), order);
      expect(after.map((g) => [g.indicatorId, g.score, g.gaps[0].targetGroupId])).toEqual([
        ['age', 1.5, 'carers'],
        ['nw', 1.0571, 'migrant'],
      ]);
    });

    it('puts an indicator the municipality has 0 of first, then unknown or no indicator, then need not above', () => {
      const groups = groupGaps(
        coverageMatrix([], ['migrant', 'youth', 'old', 'rare', 'unknown'], ['signal'], 2),
        new Map([
          ['migrant', need('nw', 28.8, 14)],
          ['youth', need(null, null, null)],
          ['old', need('age', 12, 12)],
          ['rare', need('zero', 3, 0)],
          ['unknown', need('gone', null, 5)],
        ]),
        order,
      );
      expect(groups.map((g) => [g.indicatorId, g.need.status, g.score])).toEqual([
        ['zero', 'ABOVE_MUNICIPALITY', null],
        ['nw', 'ABOVE_MUNICIPALITY', 1.0571],
        ['gone', 'UNKNOWN', null],
        [null, 'NO_INDICATOR', null],
        ['age', 'NOT_ABOVE', null],
      ]);
      expect(needScore(need('age', 12, 12), 3)).toBeNull();
    });

    it('counts a covered group with empty function cells as half uncovered, its cells listed under the statement', () => {
      const services = [
        { id: 's1', targetGroupIds: ['old'], basicFunctionIds: ['signal'] },
        { id: 's2', targetGroupIds: ['old'], basicFunctionIds: ['signal'] },
      ];
      const [group] = groupGaps(coverageMatrix(services, ['old'], ['signal', 'inform'], 2), new Map([['old', need('age', 18, 12)]]), order);
      expect(group).toMatchObject({ indicatorId: 'age', targetGroupCount: 1, uncoveredTargetGroups: 0.5, score: 0.25 });
      expect(group.gaps.map((g) => [g.level, g.basicFunctionId, g.status])).toEqual([['BASIC_FUNCTION', 'inform', 'EMPTY']]);
    });

    it('says the need once, in both languages, and each gap without repeating it', () => {
      const words = { areaName: 'Randenbroek-Schuilenburg', municipalityName: 'Amersfoort', indicator: { nl: '65 jaar en ouder', en: 'Aged 65 and over', unit: 'PERCENT' } };
      expect(needStatement({ need: { ...need('age', 19.2, 12), derived: true } }, words)).toEqual({
        en: 'Higher need — aged 65 and over: 19.2% in Randenbroek-Schuilenburg against 12% in Amersfoort (2009, computed from its neighbourhoods).',
        nl: 'Hogere behoefte — 65 jaar en ouder: 19,2% in Randenbroek-Schuilenburg tegen 12% in Amersfoort (2009, berekend uit de buurten).',
      });
      expect(needStatement({ need: need('age', 12, 12) }, words).nl).toBe('Geen hogere behoefte — 65 jaar en ouder: 12% in Randenbroek-Schuilenburg tegen 12% in Amersfoort (2009).');
      expect(needStatement({ need: need(null, null, null) }, words).nl).toBe('De behoefte is niet te wegen: deze doelgroepen hebben geen behoefte-indicator.');
      // A name that ends in its unit is said once, by the figure.
      const withUnit = { ...words, indicator: { nl: 'Inwoners van 65 jaar en ouder (%)', en: 'Residents aged 65 and over (%)', unit: 'PERCENT' } };
      expect(needStatement({ need: need('age', 12, 12) }, withUnit)).toEqual({
        en: 'No higher need — residents aged 65 and over: 12% in Randenbroek-Schuilenburg against 12% in Amersfoort (2009).',
        nl: 'Geen hogere behoefte — inwoners van 65 jaar en ouder: 12% in Randenbroek-Schuilenburg tegen 12% in Amersfoort (2009).',
      });
      expect(nameBesideFigure('Gemiddeld besteedbaar inkomen per huishouden (EUR)')).toBe('Gemiddeld besteedbaar inkomen per huishouden');
      expect(nameBesideFigure('Rapportcijfer sociale kwaliteit (1–10)')).toBe('Rapportcijfer sociale kwaliteit (1–10)');
      expect(needStatement({ need: need('age', null, 12) }, words).en).toBe('The need cannot be weighed: no figure of Aged 65 and over for Randenbroek-Schuilenburg.');
      const thin = { targetGroupId: 'single', basicFunctionId: null, level: 'TARGET_GROUP' as const, status: 'THIN' as const, serviceCount: 1, need: need('age', 19.2, 12) };
      const line = gapLine(thin, { targetGroup: { nl: 'alleenstaande ouderen', en: 'Single elderly people' }, basicFunction: null, thinBelow: 2, networks: [] });
      expect(line).toEqual({ en: 'single elderly people (alleenstaande ouderen): only 1 active service (thin: fewer than 2).', nl: 'alleenstaande ouderen: slechts 1 actieve dienst (dun: minder dan 2).' });
      const cell = gapLine(
        { ...thin, level: 'BASIC_FUNCTION', status: 'EMPTY', serviceCount: 0, basicFunctionId: 'signal' },
        { targetGroup: { nl: 'allochtone gezinnen', en: null }, basicFunction: { number: 4, nl: 'signaleren', en: 'signalling' }, thinBelow: 2, networks: ['Schakelteam Kruiskamp-Koppel'] },
      );
      expect(cell.nl).toBe('allochtone gezinnen, basisfunctie 4 (signaleren): geen actieve dienst. Netwerken in het gebied voor deze doelgroep: Schakelteam Kruiskamp-Koppel.');
      expect(line.nl).not.toContain('19,2');
    });
  });

  it('counts the share of records verified since a date', () => {
    const since = new Date('2026-01-01');
    expect(freshness([new Date('2026-02-01'), new Date('2025-02-01'), null, new Date('2026-01-01')], since)).toEqual({ records: 4, verified: 2, share: 0.5 });
    expect(freshness([], since)).toEqual({ records: 0, verified: 0, share: null });
  });
});
