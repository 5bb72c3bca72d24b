import { IndicatorUnit } from '../indicator/indicator.entity';

/*
 * The rules a key figure must meet (Schakels in de Buurt: the figures that describe a
 * neighbourhood), whichever way it is written: `createKeyFigure`, `updateKeyFigure` and the bulk
 * upsert behind GraphQL `upsertKeyFigures` and the CSV import (key-figure.service.ts). Each rule
 * answers why a value cannot be stored, or null; the caller names the field — `input.value`,
 * `input.3.value` or the CSV column `value` — at its edge. PostgreSQL checks the same
 * (CHK_key_figure_*) as a backstop.
 */

/** What a value of each unit may be; `text` completes "value must be …". */
export const UNIT_RANGE: Readonly<Record<IndicatorUnit, { min: number | null; max: number | null; text: string }>> = {
  [IndicatorUnit.PERCENT]: { min: 0, max: 100, text: 'a percentage from 0 to 100' },
  [IndicatorUnit.RATING_10]: { min: 1, max: 10, text: 'a rating from 1 to 10' },
  [IndicatorUnit.COUNT]: { min: 0, max: null, text: 'a count of 0 or more' },
  [IndicatorUnit.EUR]: { min: 0, max: null, text: 'an amount in euros of 0 or more' },
  [IndicatorUnit.NUMBER]: { min: null, max: null, text: 'a number' },
};

/** numeric(14,3): 11 digits before the decimal point. */
const MAX_ABS_VALUE = 1e11;

/** The years a figure may apply to (CHK_key_figure_year); the GraphQL inputs' @Min/@Max use the same. */
export const KEY_FIGURE_YEARS = { min: 1800, max: 2200 } as const;

/** Column lengths of `source` and `note`. */
export const KEY_FIGURE_SOURCE_MAX = 300;
export const KEY_FIGURE_NOTE_MAX = 10000;

/** Why `value` cannot be a figure of an indicator with `unit` ("must be …"), or null when it can. */
export function keyFigureValueProblem(unit: IndicatorUnit, value: number): string | null {
  if (typeof value !== 'number' || !Number.isFinite(value)) return 'must be a number';
  if (Math.abs(value) >= MAX_ABS_VALUE) return 'is too large (at most 11 digits before the decimal point)';
  const range = UNIT_RANGE[unit];
  if ((range.min !== null && value < range.min) || (range.max !== null && value > range.max)) return `must be ${range.text} (the indicator's unit is ${unit})`;
  return null;
}

/** A value given at all (an empty CSV cell, a JSON null) — before its unit can be checked. */
export function keyFigureValueMissing(value: unknown): boolean {
  return value === null || value === undefined;
}

/** Values are stored with three decimals. */
export function roundKeyFigureValue(value: number): number {
  return Math.round(value * 1000) / 1000;
}

/** Why `year` cannot be a figure's year, or null (no year is allowed: the source gives none). */
export function keyFigureYearProblem(year: number | null | undefined): string | null {
  if (year === null || year === undefined) return null;
  return Number.isInteger(year) && year >= KEY_FIGURE_YEARS.min && year <= KEY_FIGURE_YEARS.max
    ? null
    : `year must be a whole number from ${KEY_FIGURE_YEARS.min} to ${KEY_FIGURE_YEARS.max}`;
}

/** The source as stored (trimmed), or the problem with it; `missing` is the word the caller's channel uses for an absent value. */
export function keyFigureSource(source: unknown, missing: 'is required' | 'cannot be empty' = 'is required'): { source: string } | { problem: string } {
  const trimmed = typeof source === 'string' ? source.trim() : '';
  if (!trimmed) return { problem: `source ${missing}` };
  if (trimmed.length > KEY_FIGURE_SOURCE_MAX) return { problem: `source must be at most ${KEY_FIGURE_SOURCE_MAX} characters` };
  return { source: trimmed };
}

/** The note as stored (trimmed, blank is none), or the problem with it. */
export function keyFigureNote(note: unknown): { note: string | null } | { problem: string } {
  const trimmed = typeof note === 'string' ? note.trim() || null : null;
  if (trimmed && trimmed.length > KEY_FIGURE_NOTE_MAX) return { problem: `note must be at most ${KEY_FIGURE_NOTE_MAX} characters` };
  return { note: trimmed };
}
