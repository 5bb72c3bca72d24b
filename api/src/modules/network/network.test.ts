import { type TestApp, dataOf, startTestApp } from '../../test/app';

describe('networks over HTTP', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('shows the Buurtnetwerk 55+ with core and shell members', async () => {
    const data = dataOf(
      await t.gql(`{ network(slug: "buurtnetwerk-55plus") {
        name kind meetingIntervalWeeks areas { slug } coordinatorOrganisation { slug }
        members { role tier contribution organisationName organisation { slug } }
      } }`),
    );
    const network = data.network;
    expect(network).toMatchObject({ name: 'Buurtnetwerk 55+', kind: 'SIGNALLING_NETWORK', meetingIntervalWeeks: 6, coordinatorOrganisation: { slug: 'swa' } });
    expect(network.areas.map((a: any) => a.slug)).toEqual(['randenbroek-schuilenburg']);
    const tiers = new Set(network.members.map((m: any) => m.tier));
    expect(tiers).toEqual(new Set(['CORE', 'SHELL']));
    // Riagg and Symfora are the shell partners consulted on call (book §4.4).
    const shell = network.members.filter((m: any) => m.tier === 'SHELL').map((m: any) => m.organisation?.slug);
    expect(shell).toEqual(expect.arrayContaining(['riagg-amersfoort', 'symfora']));
  });

  it('filters by area (including the district of a neighbourhood) and kind', async () => {
    const data = dataOf(await t.gql(`{ networks(area: "schuilenburg", first: 100) { edges { node { slug } } } }`));
    const slugs = data.networks.edges.map((e: any) => e.node.slug);
    expect(slugs).toEqual(expect.arrayContaining(['buurtnetwerk-55plus', 'schakelteam-randenbroek-schuilenburg']));
    expect(slugs).not.toContain('schakelteam-schothorst');
    const teams = dataOf(await t.gql(`{ networks(kind: SWITCH_TEAM, first: 100) { totalCount edges { node { kind } } } }`));
    expect(teams.networks.totalCount).toBe(3);
  });

  it('does not give anonymous visitors the key persons of members', async () => {
    const res = await t.gql(`{ networks(first: 5) { edges { node { name members { role keyPerson { name } } } } } }`);
    expect(res.body.errors?.length).toBeGreaterThan(0);
    for (const error of res.body.errors ?? []) expect(error.extensions?.code).toBe('UNAUTHENTICATED');
  });
});
