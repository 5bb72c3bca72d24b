import { type TestApp, dataOf, startTestApp } from '../../test/app';

describe('target groups over HTTP', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('lists the 21 target groups, with the need indicator of the elderly', async () => {
    const data = dataOf(await t.gql(`{ targetGroups(first: 100) { totalCount edges { node { code nameNl } } } }`));
    expect(data.targetGroups.totalCount).toBe(21);
    const elderly = dataOf(await t.gql(`{ targetGroup(code: "kwetsbare-ouderen-sociaal-isolement") { nameNl needIndicator { code } } }`));
    expect(elderly.targetGroup).toEqual({ nameNl: 'kwetsbare ouderen in sociaal isolement', needIndicator: { code: 'pct_age_65_plus' } });
  });
});
