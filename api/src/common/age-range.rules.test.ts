import { AGE_LIMITS, ageRangeProblems, agesOutOfOrder, isAge } from './age-range.rules';

const fields = (problems: ReturnType<typeof ageRangeProblems>) => problems.map((p) => [p.extensions.field, p.message]);

describe('the age range rule (services and target groups)', () => {
  it('takes whole years from 0 to 130 only', () => {
    expect([AGE_LIMITS.min, 18, AGE_LIMITS.max].every(isAge)).toBe(true);
    expect([-1, 131, 12.5, Number.NaN, '18', null].some(isAge)).toBe(false);
  });

  it('accepts an open or ordered range, equal bounds included', () => {
    expect(ageRangeProblems({ minAge: null, maxAge: null }, {})).toEqual([]);
    expect(ageRangeProblems({ minAge: 12, maxAge: null }, { minAge: 12 })).toEqual([]);
    expect(ageRangeProblems({ minAge: 18, maxAge: 18 }, { minAge: 18, maxAge: 18 })).toEqual([]);
    expect(agesOutOfOrder({ minAge: 18, maxAge: 18 })).toBe(false);
  });

  it('names the bound the change gave when the range is out of order', () => {
    expect(fields(ageRangeProblems({ minAge: 65, maxAge: 18 }, { maxAge: 18 }))).toEqual([['input.maxAge', 'minAge (65) must not be above maxAge (18)']]);
    expect(fields(ageRangeProblems({ minAge: 65, maxAge: 18 }, { minAge: 65 }))).toEqual([['input.minAge', 'minAge (65) must not be above maxAge (18)']]);
  });

  it('reports a bound outside 0–130 on its own field, and not also the order', () => {
    expect(fields(ageRangeProblems({ minAge: 140, maxAge: 18 }, { minAge: 140 }))).toEqual([['input.minAge', 'minAge must be a whole number from 0 to 130']]);
    expect(fields(ageRangeProblems({ minAge: 0, maxAge: -3 }, { maxAge: -3 }))).toEqual([['input.maxAge', 'maxAge must be a whole number from 0 to 130']]);
  });
});
