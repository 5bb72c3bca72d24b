import { normalisedOrganisationValues, organisationProblems } from './organisation.rules';

const fields = (change: Parameters<typeof organisationProblems>[0]) => organisationProblems(change).map((p) => [p.extensions.field, p.message]);

describe('the rules of an organisation record', () => {
  it('refuses clearing a required field, each one named', () => {
    expect(fields({ name: null })).toEqual([['input.name', 'name cannot be empty']]);
    expect(fields({ name: null, sector: null, slug: null }).map(([field]) => field)).toEqual(['input.name', 'input.sector', 'input.slug']);
  });

  it('leaves fields the change does not give alone', () => {
    expect(fields({})).toEqual([]);
    expect(fields({ name: 'Welzijn Eemland', sector: 'WELZIJN' })).toEqual([]);
  });

  it('stores trimmed lists without empty entries and one spelling of the e-mail address', () => {
    expect(normalisedOrganisationValues({ aliases: [' WE ', '', 'Eemland'], fundingStreams: null, email: ' Info@Welzijn.NL ' })).toEqual({
      aliases: ['WE', 'Eemland'],
      fundingStreams: [],
      email: 'info@welzijn.nl',
    });
    expect(normalisedOrganisationValues({})).toEqual({});
  });
});
