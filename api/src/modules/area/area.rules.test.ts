import { AreaLevel } from './area.entity';
import { ancestorCode, areaValidIn, areaValidityProblem, codeParentProblem, describeValidity, levelOfCode, validityAfterFile } from './area.rules';

describe('area rules: CBS codes and their years', () => {
  it('knows the level of a code and the codes above it', () => {
    expect(levelOfCode('GM0307')).toBe(AreaLevel.MUNICIPALITY);
    expect(levelOfCode('WK030701')).toBe(AreaLevel.DISTRICT);
    expect(levelOfCode('BU03070101')).toBe(AreaLevel.NEIGHBOURHOOD);
    expect(levelOfCode('WK0307')).toBeNull();
    expect(ancestorCode('BU03070101', AreaLevel.DISTRICT)).toBe('WK030701');
    expect(ancestorCode('BU03070101', AreaLevel.MUNICIPALITY)).toBe('GM0307');
    expect(ancestorCode('WK030701', AreaLevel.MUNICIPALITY)).toBe('GM0307');
    expect(ancestorCode('GM0307', AreaLevel.DISTRICT)).toBeNull();
  });

  it('refuses a code that does not continue its parent’s (an Amersfoort wijk under Utrecht)', () => {
    expect(codeParentProblem('WK030701', 'GM0307')).toBeNull();
    expect(codeParentProblem('BU03070101', 'WK030701')).toBeNull();
    expect(codeParentProblem('BU03070101', 'GM0307')).toBeNull();
    expect(codeParentProblem('WK030701', 'GM0344')).toBe('The CBS code WK030701 lies in GM0307, not in GM0344');
    expect(codeParentProblem('BU03070101', 'WK030702')).toBe('The CBS code BU03070101 lies in WK030701, not in WK030702');
    // Areas without codes (the demo data) are kept as they are.
    expect(codeParentProblem(null, 'GM0344')).toBeNull();
    expect(codeParentProblem('WK030701', null)).toBeNull();
  });

  it('checks validity years and whether an area is valid in a year', () => {
    expect(areaValidityProblem({ validFromYear: 2019, validToYear: 2022 })).toBeNull();
    expect(areaValidityProblem({ validFromYear: 2023, validToYear: 2022 })).toEqual({ field: 'validToYear', message: 'validToYear (2022) cannot be before validFromYear (2023)' });
    expect(areaValidityProblem({ validFromYear: 1700, validToYear: null })?.field).toBe('validFromYear');
    const v = { validFromYear: 2019, validToYear: 2022 };
    expect([2018, 2019, 2022, 2023].map((y) => areaValidIn(v, y))).toEqual([false, true, true, false]);
    expect(areaValidIn(v, null)).toBe(true);
    expect(areaValidIn({ validFromYear: null, validToYear: null }, 1900)).toBe(true);
    expect(describeValidity(v)).toBe('valid from 2019 to 2022');
    expect(describeValidity({ validFromYear: 2023, validToYear: null })).toBe('valid from 2023');
  });

  it('moves the years after a file of a year lists an area or leaves it out', () => {
    // Listed: a known first year moves back; an unknown one stays unknown; an ended area is current again.
    expect(validityAfterFile({ validFromYear: 2024, validToYear: null }, 2023, true)).toEqual({ validFromYear: 2023, validToYear: null });
    expect(validityAfterFile({ validFromYear: 2023, validToYear: null }, 2024, true)).toEqual({ validFromYear: 2023, validToYear: null });
    expect(validityAfterFile({ validFromYear: null, validToYear: null }, 2024, true)).toEqual({ validFromYear: null, validToYear: null });
    expect(validityAfterFile({ validFromYear: 2019, validToYear: 2021 }, 2024, true)).toEqual({ validFromYear: 2019, validToYear: null });
    // Left out while valid: it ended the year before; not yet begun or already ended: as it was.
    expect(validityAfterFile({ validFromYear: 2019, validToYear: null }, 2024, false)).toEqual({ validFromYear: 2019, validToYear: 2023 });
    expect(validityAfterFile({ validFromYear: null, validToYear: null }, 2024, false)).toEqual({ validFromYear: null, validToYear: 2023 });
    expect(validityAfterFile({ validFromYear: 2024, validToYear: null }, 2024, false)).toEqual({ validFromYear: 2024, validToYear: null });
    expect(validityAfterFile({ validFromYear: 2024, validToYear: null }, 2023, false)).toEqual({ validFromYear: 2024, validToYear: null });
    expect(validityAfterFile({ validFromYear: 2019, validToYear: 2021 }, 2024, false)).toEqual({ validFromYear: 2019, validToYear: 2021 });
  });
});
