import { type TestApp, dataOf, startTestApp } from '../../test/app';

describe('intervention types and basic functions over HTTP', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('lists the ten basic functions in the book order with their intervention types', async () => {
    const data = dataOf(await t.gql(`{ basicFunctions { number code nameEn interventionTypes { code } } }`));
    expect(data.basicFunctions.map((f: any) => f.number)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(data.basicFunctions[0]).toMatchObject({ code: 'presentie', nameEn: 'Presence' });
    const total = data.basicFunctions.reduce((n: number, f: any) => n + f.interventionTypes.length, 0);
    expect(total).toBe(63);
  });

  it('pages through the 63 intervention types and filters them', async () => {
    const all = dataOf(await t.gql(`{ interventionTypes(first: 100) { totalCount edges { node { code basicFunction { code } } } } }`));
    expect(all.interventionTypes.totalCount).toBe(63);
    for (const e of all.interventionTypes.edges) expect(e.node.basicFunction).not.toBeNull();

    const signalling = dataOf(await t.gql(`{ interventionTypes(basicFunction: "signaleren", first: 100) { edges { node { basicFunction { code } secondaryBasicFunction { code } } } } }`));
    expect(signalling.interventionTypes.edges.length).toBeGreaterThan(0);
    for (const e of signalling.interventionTypes.edges) {
      expect([e.node.basicFunction?.code, e.node.secondaryBasicFunction?.code]).toContain('signaleren');
    }
    const connecting = dataOf(await t.gql(`{ interventionTypes(category: CONNECTING, first: 100) { totalCount } }`));
    expect(connecting.interventionTypes.totalCount).toBe(22);
    const search = dataOf(await t.gql(`{ interventionTypes(search: "moskee", first: 100) { edges { node { nameNl } } } }`));
    for (const e of search.interventionTypes.edges) expect(e.node.nameNl.toLowerCase()).toContain('moskee');
  });

  it('fetches one by code', async () => {
    const data = dataOf(await t.gql(`{ interventionType(code: "schakelen-tussen-teamleden") { nameNl category } }`));
    expect(data.interventionType).toEqual({ nameNl: 'schakelen tussen teamleden onderling', category: 'CONNECTING' });
  });
});
