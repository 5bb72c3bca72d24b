import { assertServiceRules, serviceProblems } from './service.rules';

const valid = { name: 'Buurtcirkel', minAge: 18, maxAge: 67, validFrom: '2025-01-01', validTo: '2025-12-31' };
const fields = (problems: ReturnType<typeof serviceProblems>) => problems.map((p) => [p.extensions.field, p.message]);

describe('the rules of a service record', () => {
  it('passes a complete, consistent record', () => {
    expect(serviceProblems(valid, {})).toEqual([]);
    expect(() => assertServiceRules(valid, {})).not.toThrow();
  });

  it('needs a name', () => {
    expect(fields(serviceProblems({ ...valid, name: null }, {}))).toEqual([['input.name', 'name cannot be empty']]);
    expect(fields(serviceProblems({ ...valid, name: '' }, {}))).toEqual([['input.name', 'name cannot be empty']]);
  });

  it('checks the ages by the age range rule', () => {
    expect(fields(serviceProblems({ ...valid, minAge: 70 }, { minAge: 70 }))).toEqual([['input.minAge', 'minAge (70) must not be above maxAge (67)']]);
  });

  it('needs the validity period in order, naming the bound given', () => {
    const period = { ...valid, validFrom: '2026-01-01' };
    expect(fields(serviceProblems(period, { validTo: '2025-12-31' }))).toEqual([['input.validTo', 'validFrom (2026-01-01) must not be after validTo (2025-12-31)']]);
    expect(fields(serviceProblems(period, { validFrom: '2026-01-01' }))).toEqual([['input.validFrom', 'validFrom (2026-01-01) must not be after validTo (2025-12-31)']]);
    expect(serviceProblems({ ...valid, validFrom: '2025-06-01', validTo: '2025-06-01' }, {})).toEqual([]);
  });

  it('lists every problem for an import, and throws the first for a form', () => {
    const bad = { name: null, minAge: 70, maxAge: 67, validFrom: '2026-01-01', validTo: '2025-12-31' };
    expect(fields(serviceProblems(bad, { maxAge: 67, validTo: '2025-12-31' })).map(([field]) => field)).toEqual(['input.name', 'input.maxAge', 'input.validTo']);
    expect(() => assertServiceRules(bad, {})).toThrow('name cannot be empty');
  });
});
