import { fullFormats } from 'ajv-formats/dist/formats';
import type { EntityManager } from 'typeorm';
import { WEEKDAYS, calendarDate } from './hsds-detail.rules';
import { derivedId } from './hsds.mapping';

/*
 * Opening hours (HSDS schedule) and phone numbers of a service, a location or a service at a
 * location (tables `schedule` and `phone`, hsds-detail.entity.ts): read for the export and the
 * import in one statement, turned into HSDS objects, and read from HSDS objects with the limits
 * the columns set. One home for both directions, so that import → export → import is stable.
 *
 * | Schakel (schedule / phone)                  | HSDS 3.0                                             |
 * |---------------------------------------------|------------------------------------------------------|
 * | schedule.* (valid_from … notes)             | schedule.* of the same name: dates YYYY-MM-DD, times |
 * |                                             |   HH:MM:SS, wkst/freq upper case                     |
 * | schedule/phone.service_id / location_id /   | the record it is published under; its id field       |
 * |   service_location_id                       |   (service_id, location_id, service_at_location_id)  |
 * | phone.number, extension, type, description  | phone.number, extension, type, description           |
 * | phone.languages[]                           | phone.languages[] {id: derived, phone_id, name}      |
 */

export type DetailOwnerType = 'service' | 'location' | 'service_at_location';

const OWNER_COLUMN: Record<DetailOwnerType, 'service_id' | 'location_id' | 'service_location_id'> = {
  service: 'service_id',
  location: 'location_id',
  service_at_location: 'service_location_id',
};
/** The HSDS field that names the owner. */
const OWNER_FIELD: Record<DetailOwnerType, 'service_id' | 'location_id' | 'service_at_location_id'> = {
  service: 'service_id',
  location: 'location_id',
  service_at_location: 'service_at_location_id',
};

export const ownerKey = (type: DetailOwnerType, id: string) => `${type}:${id}`;
export const ownerColumn = (type: DetailOwnerType) => OWNER_COLUMN[type];

/** The kept fields of a schedule, by column, in a fixed order (nulls included): compared as JSON. */
export const SCHEDULE_COLUMNS = [
  'valid_from', 'valid_to', 'dtstart', 'timezone', 'until', 'count', 'wkst', 'freq', 'interval', 'byday', 'byweekno', 'bymonthday', 'byyearday',
  'description', 'opens_at', 'closes_at', 'schedule_link', 'attending_type', 'notes',
] as const;
export const PHONE_COLUMNS = ['number', 'extension', 'type', 'description', 'languages'] as const;

export type ScheduleValues = Record<(typeof SCHEDULE_COLUMNS)[number], string | number | null>;
export type PhoneValues = { number: string; extension: number | null; type: string | null; description: string | null; languages: string[] };

export interface DetailRow<V> {
  id: string;
  values: V;
}

export interface OwnerDetails {
  schedules: DetailRow<ScheduleValues>[];
  phones: DetailRow<PhoneValues>[];
}

const pick = <K extends string>(row: Record<string, unknown>, columns: readonly K[]) =>
  Object.fromEntries(columns.map((column) => [column, row[column] ?? null])) as Record<K, unknown>;

/** Every schedule and phone of the given owners, in one statement: owner key → details in publication order. */
export async function loadDetails(manager: EntityManager, ids: Partial<Record<DetailOwnerType, string[]>>): Promise<Map<string, OwnerDetails>> {
  const rows: Array<{ kind: 'schedule' | 'phone'; row: Record<string, unknown> }> = await manager.query(
    `SELECT 'schedule' AS kind, to_jsonb(s) AS row, s.position, s.id FROM schedule s
      WHERE s.service_id = ANY($1::uuid[]) OR s.location_id = ANY($2::uuid[]) OR s.service_location_id = ANY($3::uuid[])
     UNION ALL
     SELECT 'phone', to_jsonb(p), p.position, p.id FROM phone p
      WHERE p.service_id = ANY($1::uuid[]) OR p.location_id = ANY($2::uuid[]) OR p.service_location_id = ANY($3::uuid[])
     ORDER BY position, id`,
    [ids.service ?? [], ids.location ?? [], ids.service_at_location ?? []],
  );
  const details = new Map<string, OwnerDetails>();
  for (const { kind, row } of rows) {
    const type: DetailOwnerType = row.service_id ? 'service' : row.location_id ? 'location' : 'service_at_location';
    const key = ownerKey(type, String(row[OWNER_COLUMN[type]]));
    let entry = details.get(key);
    if (!entry) details.set(key, (entry = { schedules: [], phones: [] }));
    if (kind === 'schedule') entry.schedules.push({ id: String(row.id), values: pick(row, SCHEDULE_COLUMNS) as ScheduleValues });
    else entry.phones.push({ id: String(row.id), values: pick(row, PHONE_COLUMNS) as PhoneValues });
  }
  return details;
}

export const emptyDetails = (): OwnerDetails => ({ schedules: [], phones: [] });

/** The details as the history shows them (values only, in order). */
export function detailsSnapshot(details: OwnerDetails): { schedules: ScheduleValues[]; phones: PhoneValues[] } {
  return { schedules: details.schedules.map((row) => row.values), phones: details.phones.map((row) => row.values) };
}

// ---------------------------------------------------------------------------------------------
// Export

const defined = (object: Record<string, unknown>) => Object.fromEntries(Object.entries(object).filter(([, value]) => value !== null && value !== undefined));

export function toHsdsSchedule(row: DetailRow<ScheduleValues>, owner: DetailOwnerType, ownerId: string): Record<string, unknown> {
  return { id: row.id, [OWNER_FIELD[owner]]: ownerId, ...defined(row.values) };
}

export function toHsdsPhone(row: DetailRow<PhoneValues>, owner: DetailOwnerType, ownerId: string): Record<string, unknown> {
  const { languages, ...rest } = row.values;
  return {
    id: row.id,
    [OWNER_FIELD[owner]]: ownerId,
    ...defined(rest),
    languages: languages.map((name) => ({ id: derivedId('phone-language', row.id, name), phone_id: row.id, name })),
  };
}

/** The HSDS schedules and phones of one owner, as the export publishes them. */
export function hsdsDetailsOf(details: Map<string, OwnerDetails>, owner: DetailOwnerType, ownerId: string) {
  const entry = details.get(ownerKey(owner, ownerId)) ?? emptyDetails();
  return {
    schedules: entry.schedules.map((row) => toHsdsSchedule(row, owner, ownerId)),
    phones: entry.phones.map((row) => toHsdsPhone(row, owner, ownerId)),
  };
}

// ---------------------------------------------------------------------------------------------
// Import: HSDS → the columns, with what is not kept named

const uriFormat = fullFormats.uri as (value: string) => boolean;
const text = (value: unknown) => (typeof value === 'string' && value.trim() ? value.trim() : undefined);

function isoDate(value: unknown): string | null | undefined {
  const raw = text(value);
  if (raw === undefined) return undefined;
  const match = /^(\d{4}-\d{2}-\d{2})(?:$|T)/.exec(raw);
  return match ? calendarDate(match[1]) : null;
}

function clock(value: unknown): string | null | undefined {
  const raw = text(value);
  if (raw === undefined) return undefined;
  const match = /^([01]\d|2[0-3]):([0-5]\d)(?::([0-5]\d))?(?:\.\d+)?(?:Z|[+-]\d{2}:?\d{2})?$/.exec(raw);
  return match ? `${match[1]}:${match[2]}:${match[3] ?? '00'}` : null;
}

const wholeNumber = (value: unknown, min: number, max: number) =>
  value === undefined || value === null ? undefined : typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max ? value : null;

/** A schedule's columns from an HSDS schedule; `problems` names each field not kept. Null when nothing is left. */
export function scheduleValues(schedule: Record<string, unknown>, problems: string[]): ScheduleValues | null {
  const values = Object.fromEntries(SCHEDULE_COLUMNS.map((column) => [column, null])) as ScheduleValues;
  const keep = (column: (typeof SCHEDULE_COLUMNS)[number], value: string | number | null | undefined, why: string) => {
    if (value === null) problems.push(`${column} ${why}: not kept`);
    else if (value !== undefined) values[column] = value;
  };
  for (const column of ['valid_from', 'valid_to', 'dtstart', 'until'] as const) keep(column, isoDate(schedule[column]), 'is no date (YYYY-MM-DD)');
  for (const column of ['opens_at', 'closes_at'] as const) keep(column, clock(schedule[column]), 'is no time of day (HH:MM or HH:MM:SS)');
  const timezone = schedule.timezone;
  keep('timezone', timezone === undefined || timezone === null ? undefined : typeof timezone === 'number' && timezone >= -14 && timezone <= 14 ? timezone : null, 'is no UTC offset (-14 to 14)');
  keep('count', wholeNumber(schedule.count, 0, 2_147_483_647), 'is no whole number');
  keep('interval', wholeNumber(schedule.interval, 0, 2_147_483_647), 'is no whole number');
  for (const column of ['wkst', 'freq'] as const) {
    const value = text(schedule[column])?.toUpperCase();
    const allowed: readonly string[] = column === 'wkst' ? WEEKDAYS : ['WEEKLY', 'MONTHLY'];
    keep(column, value === undefined ? undefined : allowed.includes(value) ? value : null, `is not one of ${allowed.join(', ')}`);
  }
  const limits: Array<[(typeof SCHEDULE_COLUMNS)[number], number]> = [
    ['byday', 100],
    ['byweekno', 200],
    ['bymonthday', 200],
    ['byyearday', 500],
  ];
  for (const [column, max] of limits) {
    const value = text(schedule[column]);
    keep(column, value === undefined ? undefined : value.length <= max ? value : null, `is longer than ${max} characters`);
  }
  const link = text(schedule.schedule_link);
  keep('schedule_link', link === undefined ? undefined : link.length <= 500 && uriFormat(link) ? link : null, 'is no URI of at most 500 characters');
  for (const column of ['description', 'attending_type', 'notes'] as const) keep(column, text(schedule[column]), '');
  return Object.values(values).some((value) => value !== null) ? values : null;
}

/** A phone's columns from an HSDS phone; null (with a problem) when its number cannot be kept. */
export function phoneValues(phone: Record<string, unknown>, problems: string[]): PhoneValues | null {
  const number = text(phone.number);
  if (!number) {
    problems.push('a phone without a number: not kept');
    return null;
  }
  // Kept as published, within the column's limit: publications write numbers in many ways (the
  // official examples quote them), so the curators' phone rule (hsds-detail.rules.ts) is not applied.
  if (number.length > 50) {
    problems.push('a phone number longer than 50 characters: not kept');
    return null;
  }
  const extension = wholeNumber(phone.extension, 0, 2_147_483_647);
  if (extension === null) problems.push('phone extension is no whole number: not kept');
  const type = text(phone.type);
  if (type && type.length > 20) problems.push('phone type longer than 20 characters: not kept');
  const languages = Array.isArray(phone.languages)
    ? [...new Set(phone.languages.map((language) => (typeof language === 'object' && language !== null ? (text((language as Record<string, unknown>).name) ?? text((language as Record<string, unknown>).code)) : undefined)).filter((name): name is string => name !== undefined))]
    : [];
  return {
    number,
    extension: extension ?? null,
    type: type && type.length <= 20 ? type : null,
    description: text(phone.description) ?? null,
    languages,
  };
}
