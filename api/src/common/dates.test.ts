import { addDays, dutchDate } from './dates';

describe('dutchDate', () => {
  it('is the date in Europe/Amsterdam, not in UTC', () => {
    expect(dutchDate(new Date('2026-01-15T22:59:59Z'))).toBe('2026-01-15');
    expect(dutchDate(new Date('2026-01-15T23:00:00Z'))).toBe('2026-01-16'); // CET, UTC+1
    expect(dutchDate(new Date('2026-07-15T21:59:59Z'))).toBe('2026-07-15');
    expect(dutchDate(new Date('2026-07-15T22:00:00Z'))).toBe('2026-07-16'); // CEST, UTC+2
  });
});

describe('addDays', () => {
  it('counts calendar days across months, years and the clock change', () => {
    expect(addDays('2026-01-31', 1)).toBe('2026-02-01');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2026-03-28', 2)).toBe('2026-03-30');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
    expect(addDays('2026-01-01', 42)).toBe('2026-02-12');
  });
});
