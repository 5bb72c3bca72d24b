import { ANONYMOUS, type Viewer } from './viewer';
import { UserRole } from './roles';
import { inMunicipalityScope, municipalityAreaIds } from './municipality-scope';

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
