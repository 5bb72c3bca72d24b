import { NetworkKind } from './network.entity';
import { dateProblem, foundedOnProblem, memberProblems, switchModelProblem } from './network.rules';

describe('network rules', () => {
  it('founding day: a real date, today or earlier', () => {
    expect(dateProblem('2007-02-30', 'input.foundedOn')?.extensions).toMatchObject({ field: 'input.foundedOn', rule: 'isIso8601' });
    expect(dateProblem('2007-02-28', 'input.foundedOn')).toBeNull();
    expect(foundedOnProblem('2026-12-07', '2026-12-07')).toBeNull();
    expect(foundedOnProblem('2026-12-08', '2026-12-07')?.extensions).toMatchObject({ rule: 'foundedInFuture', params: { foundedOn: '2026-12-08', today: '2026-12-07' } });
    expect(foundedOnProblem(null, '2026-12-07')).toBeNull();
  });

  it('a switch model only on a switch team', () => {
    expect(switchModelProblem({ kind: NetworkKind.SWITCH_TEAM, switchModel: 'FRONTLINE' })).toBeNull();
    expect(switchModelProblem({ kind: NetworkKind.BROAD_NETWORK, switchModel: null })).toBeNull();
    expect(switchModelProblem({ kind: NetworkKind.BROAD_NETWORK, switchModel: 'FRONTLINE' })?.extensions).toMatchObject({ field: 'input.switchModel', rule: 'switchModelKind', params: { kind: 'BROAD_NETWORK' } });
  });

  it('a member is someone, and leaves no earlier than they joined; both problems together', () => {
    const nobody = { organisationId: null, keyPersonId: null, organisationName: null, joinedOn: '2010-05-01', leftOn: '2009-01-01' };
    expect(memberProblems(nobody, { leftOn: '2009-01-01' }).map((p) => [p.extensions.field, p.extensions.rule])).toEqual([
      ['input.organisationId', 'memberParty'],
      ['input.leftOn', 'leftBeforeJoined'],
    ]);
    // The date given in this change is the one named.
    expect(memberProblems({ ...nobody, organisationName: 'Wijkagent' }, {}).map((p) => p.extensions.field)).toEqual(['input.joinedOn']);
    expect(memberProblems({ ...nobody, organisationName: 'Wijkagent', leftOn: '2010-05-01' }, {})).toEqual([]);
  });
});
