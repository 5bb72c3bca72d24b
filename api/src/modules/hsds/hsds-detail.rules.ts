import { BadUserInputError } from '../../common/errors';
import { isPhoneNumber } from '../../common/phone.rules';

/*
 * The rules opening hours (HSDS schedule) and phone numbers of a service or a location must meet
 * when a curator writes them (service.service.ts, location.service.ts through
 * hsds-detail.service.ts); the HSDS import reads dates and weekdays through the same functions
 * (hsds.details.ts), keeping what passes and noting the rest, and keeps phone numbers as
 * published (a curator who saves such a number is told when it breaks the phone rule). Problems name the
 * GraphQL input field with its index (`input.schedules.1.closesAt`) and a rule the admin words:
 * `required`, `maxLength`, `weekday`, `timeOfDay`, `closesAfterOpens`, `isIso8601`, `dateOrder`,
 * `phoneNumber`, `min`, `arrayMaxSize`.
 */

/** RFC 5545 / HSDS weekday codes, Monday first. */
export const WEEKDAYS = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/** One `byday` entry: a weekday, optionally with its week of the month (`1MO`, `-1FR`: monthly). */
const BYDAY_ENTRY = /^([+-]?[1-5])?(MO|TU|WE|TH|FR|SA|SU)$/;
const TIME_OF_DAY = /^([01]\d|2[0-3]):([0-5]\d)(?::([0-5]\d))?$/;

/** `YYYY-MM-DD` of a day that exists, or null. */
export function calendarDate(value: string): string | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return null;
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  return date.toISOString().slice(0, 10) === value ? value : null;
}

/** `HH:MM` or `HH:MM:SS` (two-digit hours) → `HH:MM:SS`, or null. */
export function timeOfDay(value: string): string | null {
  const match = TIME_OF_DAY.exec(value.trim());
  return match ? `${match[1]}:${match[2]}:${match[3] ?? '00'}` : null;
}

/** `mo, tu` → `MO,TU`; null when an entry is not a weekday. */
export function weekdays(value: string): string | null {
  const entries = value.split(',').map((entry) => entry.trim().toUpperCase()).filter(Boolean);
  if (entries.length === 0 || !entries.every((entry) => BYDAY_ENTRY.test(entry))) return null;
  return [...new Set(entries)].join(',');
}

export interface ScheduleFields {
  byday?: string | null;
  opensAt?: string | null;
  closesAt?: string | null;
  validFrom?: string | null;
  validTo?: string | null;
  description?: string | null;
  notes?: string | null;
}

/** A schedule as it is stored: times `HH:MM:SS`, weekdays upper case, the frequency the weekdays imply. */
export interface ScheduleRow {
  byday: string | null;
  freq: 'WEEKLY' | 'MONTHLY' | null;
  opensAt: string | null;
  closesAt: string | null;
  validFrom: string | null;
  validTo: string | null;
  description: string | null;
  notes: string | null;
}

export interface PhoneFields {
  number?: string | null;
  extension?: number | null;
  type?: string | null;
  description?: string | null;
  languages?: string[] | null;
}

export interface PhoneRow {
  number: string;
  extension: number | null;
  type: string | null;
  description: string | null;
  languages: string[];
}

/** Limits the columns set (hsds-detail.entity.ts). */
export const DETAIL_LIMITS = { byday: 100, text: 2000, phoneType: 20, language: 100, languages: 30 } as const;

const trimmed = (value: string | null | undefined) => (typeof value === 'string' && value.trim() ? value.trim() : null);

function tooLong(problems: BadUserInputError[], field: string, value: string | null, max: number): boolean {
  if (value === null || value.length <= max) return false;
  problems.push(new BadUserInputError(field, `must be at most ${max} characters`, { rule: 'maxLength', params: { max } }));
  return true;
}

/** The schedules as they will be stored, with every problem of every row (`field`: `input.schedules`). */
export function readSchedules(list: readonly ScheduleFields[], field: string): { rows: ScheduleRow[]; problems: BadUserInputError[] } {
  const problems: BadUserInputError[] = [];
  const rows = list.map((given, i): ScheduleRow => {
    const at = (name: string) => `${field}.${i}.${name}`;
    const row: ScheduleRow = { byday: null, freq: null, opensAt: null, closesAt: null, validFrom: null, validTo: null, description: trimmed(given.description), notes: trimmed(given.notes) };
    const byday = trimmed(given.byday);
    if (byday !== null && !tooLong(problems, at('byday'), byday, DETAIL_LIMITS.byday)) {
      row.byday = weekdays(byday);
      if (row.byday === null) problems.push(new BadUserInputError(at('byday'), `"${byday}" is not a list of weekdays (MO, TU, WE, TH, FR, SA, SU)`, { rule: 'weekday', params: { value: byday } }));
      else row.freq = /\d/.test(row.byday) ? 'MONTHLY' : 'WEEKLY';
    }
    for (const name of ['opensAt', 'closesAt'] as const) {
      const value = trimmed(given[name]);
      if (value === null) continue;
      row[name] = timeOfDay(value);
      if (row[name] === null) problems.push(new BadUserInputError(at(name), `"${value}" is not a time of day (HH:MM)`, { rule: 'timeOfDay', params: { value } }));
    }
    if (row.opensAt && row.closesAt && row.closesAt <= row.opensAt) {
      problems.push(new BadUserInputError(at('closesAt'), `closesAt (${row.closesAt}) must be after opensAt (${row.opensAt})`, { rule: 'closesAfterOpens', params: { opensAt: row.opensAt, closesAt: row.closesAt } }));
    }
    for (const name of ['validFrom', 'validTo'] as const) {
      const value = trimmed(given[name]);
      if (value === null) continue;
      row[name] = calendarDate(value);
      if (row[name] === null) problems.push(new BadUserInputError(at(name), 'must be a date that exists (YYYY-MM-DD)', { rule: 'isIso8601' }));
    }
    if (row.validFrom && row.validTo && row.validFrom > row.validTo) {
      problems.push(new BadUserInputError(at('validTo'), `validFrom (${row.validFrom}) must not be after validTo (${row.validTo})`, { rule: 'dateOrder', params: { validFrom: row.validFrom, validTo: row.validTo } }));
    }
    tooLong(problems, at('description'), row.description, DETAIL_LIMITS.text);
    tooLong(problems, at('notes'), row.notes, DETAIL_LIMITS.text);
    if (!row.byday && !row.opensAt && !row.closesAt && !row.description && !row.notes && !problems.some((problem) => String(problem.extensions.field).startsWith(`${field}.${i}.`))) {
      problems.push(new BadUserInputError(at('byday'), 'an opening time needs weekdays, times or a description', { rule: 'required' }));
    }
    return row;
  });
  return { rows, problems };
}

/** The phones as they will be stored, with every problem of every row (`field`: `input.phones`). */
export function readPhones(list: readonly PhoneFields[], field: string): { rows: PhoneRow[]; problems: BadUserInputError[] } {
  const problems: BadUserInputError[] = [];
  const rows = list.map((given, i): PhoneRow => {
    const at = (name: string) => `${field}.${i}.${name}`;
    const number = trimmed(given.number);
    if (number === null) problems.push(new BadUserInputError(at('number'), 'number cannot be empty', { rule: 'required' }));
    else if (!isPhoneNumber(number)) problems.push(new BadUserInputError(at('number'), `"${number}" is not a phone number`, { rule: 'phoneNumber' }));
    const extension = given.extension ?? null;
    if (extension !== null && (!Number.isInteger(extension) || extension < 0)) problems.push(new BadUserInputError(at('extension'), 'must be a whole number of at least 0', { rule: 'min', params: { min: 0 } }));
    const row: PhoneRow = {
      number: number ?? '',
      extension,
      type: trimmed(given.type),
      description: trimmed(given.description),
      languages: [...new Set((given.languages ?? []).map((language) => language.trim()).filter(Boolean))],
    };
    tooLong(problems, at('type'), row.type, DETAIL_LIMITS.phoneType);
    tooLong(problems, at('description'), row.description, DETAIL_LIMITS.text);
    if (row.languages.length > DETAIL_LIMITS.languages) {
      problems.push(new BadUserInputError(at('languages'), `at most ${DETAIL_LIMITS.languages} languages`, { rule: 'arrayMaxSize', params: { max: DETAIL_LIMITS.languages } }));
    }
    for (const [j, language] of row.languages.entries()) tooLong(problems, `${at('languages')}.${j}`, language, DETAIL_LIMITS.language);
    return row;
  });
  return { rows, problems };
}
