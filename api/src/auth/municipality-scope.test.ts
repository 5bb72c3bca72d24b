import { ANONYMOUS, type Viewer } from './viewer';
import { UserRole } from './roles';
import { inMunicipalityScope, municipalityAreaIds, municipalityScopeAreaIds } from './municipality-scope';

const user = (role: UserRole, areaIds: string[]): Viewer => ({ kind: 'user', userId: 'u', sessionId: 's', role, organisationId: null, areaIds });

describe('municipalityAreaIds', () => {
  it('gives the areas of municipality users only', () => {
    expect(municipalityAreaIds(user(UserRole.MUNICIPALITY, ['gm']))).toEqual(['gm']);
    expect(municipalityAreaIds(user(UserRole.ADMIN, ['gm']))).toBeNull();
    expect(municipalityAreaIds(user(UserRole.ORGANISATION, []))).toBeNull();
    expect(municipalityAreaIds({ kind: 'apiKey', apiKeyId: 'k', organisationId: 'o', scopes: [] })).toBeNull();
    expect(municipalityAreaIds(ANONYMOUS)).toBeNull();
  });
});

describe('inMunicipalityScope', () => {
  // gm ⊃ wk ⊃ bu; other is another municipality.
  it.each<[string, string, string[], boolean]>([
    ['the area itself', 'gm', [], true],
    ['a district below it', 'wk', ['gm'], true],
    ['a neighbourhood two levels below it', 'bu', ['wk', 'gm'], true],
    ['another municipality', 'other', [], false],
    ['an area below another municipality', 'bu2', ['other'], false],
  ])('%s', (_, areaId, ancestors, expected) => {
    expect(inMunicipalityScope(['gm'], areaId, ancestors)).toBe(expected);
  });

  it('never an area above the scope', () => {
    expect(inMunicipalityScope(['wk'], 'gm', [])).toBe(false);
  });
});

describe('municipalityScopeAreaIds', () => {
  // gm ⊃ wk ⊃ bu, as the areaDescendantIds loader answers.
  const below: Record<string, string[]> = { gm: ['wk', 'bu'], wk: ['bu'], bu: [] };
  const descendantsOf = { loadMany: async (ids: readonly string[]) => ids.map((id) => below[id] ?? []) };

  it("gives a municipality user's areas with everything below them, once each", async () => {
    expect(await municipalityScopeAreaIds(user(UserRole.MUNICIPALITY, ['gm', 'wk']), descendantsOf)).toEqual(['gm', 'wk', 'bu']);
  });

  it('is null for every other caller (admins: everything; others: no municipality scope)', async () => {
    expect(await municipalityScopeAreaIds(user(UserRole.ADMIN, []), descendantsOf)).toBeNull();
    expect(await municipalityScopeAreaIds(user(UserRole.ORGANISATION, []), descendantsOf)).toBeNull();
    expect(await municipalityScopeAreaIds(ANONYMOUS, descendantsOf)).toBeNull();
  });

  it('passes a failed lookup on', async () => {
    const failing = { loadMany: async (ids: readonly string[]) => ids.map(() => new Error('gone')) };
    await expect(municipalityScopeAreaIds(user(UserRole.MUNICIPALITY, ['gm']), failing)).rejects.toThrow('gone');
  });
});
