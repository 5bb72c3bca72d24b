import { IndicatorUnit } from '../indicator/indicator.entity';
import {
  KEY_FIGURE_NOTE_MAX,
  KEY_FIGURE_SOURCE_MAX,
  keyFigureNote,
  keyFigureSource,
  keyFigureValueMissing,
  keyFigureValueProblem,
  keyFigureYearProblem,
  roundKeyFigureValue,
} from './key-figure.rules';

describe('the rules of a key figure', () => {
  it("checks a value against its indicator's unit", () => {
    expect(keyFigureValueProblem(IndicatorUnit.PERCENT, 100)).toBeNull();
    expect(keyFigureValueProblem(IndicatorUnit.PERCENT, 100.1)).toBe("must be a percentage from 0 to 100 (the indicator's unit is PERCENT)");
    expect(keyFigureValueProblem(IndicatorUnit.RATING_10, 0.5)).toBe("must be a rating from 1 to 10 (the indicator's unit is RATING_10)");
    expect(keyFigureValueProblem(IndicatorUnit.COUNT, -1)).toBe("must be a count of 0 or more (the indicator's unit is COUNT)");
    expect(keyFigureValueProblem(IndicatorUnit.NUMBER, -1e6)).toBeNull();
    expect(keyFigureValueProblem(IndicatorUnit.NUMBER, 1e11)).toBe('is too large (at most 11 digits before the decimal point)');
    expect(keyFigureValueProblem(IndicatorUnit.NUMBER, Number.POSITIVE_INFINITY)).toBe('must be a number');
  });

  it('tells a missing value from a bad one, and rounds to three decimals', () => {
    expect([null, undefined].every(keyFigureValueMissing)).toBe(true);
    expect(keyFigureValueMissing(0)).toBe(false);
    expect(roundKeyFigureValue(12.34567)).toBe(12.346);
  });

  it('takes no year, or a whole year from 1800 to 2200', () => {
    expect([null, undefined, 1800, 2024, 2200].map(keyFigureYearProblem)).toEqual([null, null, null, null, null]);
    expect(keyFigureYearProblem(1799)).toBe('year must be a whole number from 1800 to 2200');
    expect(keyFigureYearProblem(2024.5)).toBe('year must be a whole number from 1800 to 2200');
  });

  it('needs a source of at most 300 characters, in the words of the channel', () => {
    expect(keyFigureSource('  CBS  ')).toEqual({ source: 'CBS' });
    expect(keyFigureSource('   ')).toEqual({ problem: 'source is required' });
    expect(keyFigureSource(null, 'cannot be empty')).toEqual({ problem: 'source cannot be empty' });
    expect(keyFigureSource('x'.repeat(KEY_FIGURE_SOURCE_MAX + 1))).toEqual({ problem: 'source must be at most 300 characters' });
  });

  it('stores a blank note as none and refuses one that is too long', () => {
    expect(keyFigureNote('  ')).toEqual({ note: null });
    expect(keyFigureNote(' peiling 2024 ')).toEqual({ note: 'peiling 2024' });
    expect(keyFigureNote('x'.repeat(KEY_FIGURE_NOTE_MAX + 1))).toEqual({ problem: 'note must be at most 10000 characters' });
  });
});
