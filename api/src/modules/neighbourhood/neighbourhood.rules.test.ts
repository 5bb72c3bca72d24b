import { DEFAULT_NEIGHBOURHOOD_THRESHOLDS, neighbourhoodThresholdsFromEnv } from '../../config';
import { KnowledgeArea } from '../network/network.entity';
import { coverageMatrix } from './neighbourhood.rules.coverage';
import { type AreaFigures, compareFigure, derivedValue } from './neighbourhood.rules.figures';
import { freshness } from './neighbourhood.rules.freshness';
import { assessNeed, findGaps } from './neighbourhood.rules.gaps';
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
    const figures = (areaId: string, value: number): AreaFigures => ({ areaId, childIds: [], rows: [{ areaId, indicatorId: 'nw', code: 'nw', unit: 'PERCENT', year: 2009, value, source: 's', note: null }] });
    const needMigrant = assessNeed({ id: 'nw', code: 'nw', unit: 'PERCENT' }, null, figures('k', 38), figures('m', 14), T);
    expect(needMigrant).toMatchObject({ status: 'ABOVE_MUNICIPALITY', value: 38, municipalityValue: 14, difference: 24 });
    const needOld = assessNeed({ id: 'nw', code: 'nw', unit: 'PERCENT' }, null, figures('k', 12), figures('m', 12), T);
    expect(needOld.status).toBe('NOT_ABOVE');
    const gaps = findGaps(matrix, new Map([['migrant', needMigrant], ['old', needOld]]), { targetGroup: (id) => id, basicFunction: (id) => (id === 'signal' ? 4 : 3) });
    expect(gaps.map((g) => [g.targetGroupId, g.level, g.status, g.need.status])).toEqual([
      ['migrant', 'TARGET_GROUP', 'EMPTY', 'ABOVE_MUNICIPALITY'],
      ['psy', 'TARGET_GROUP', 'THIN', 'NO_INDICATOR'],
      ['old', 'BASIC_FUNCTION', 'THIN', 'NOT_ABOVE'],
    ]);
  });

  it('counts the share of records verified since a date', () => {
    const since = new Date('2026-01-01');
    expect(freshness([new Date('2026-02-01'), new Date('2025-02-01'), null, new Date('2026-01-01')], since)).toEqual({ records: 4, verified: 2, share: 0.5 });
    expect(freshness([], since)).toEqual({ records: 0, verified: 0, share: null });
  });
});
