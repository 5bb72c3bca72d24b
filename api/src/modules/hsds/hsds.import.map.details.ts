import { randomUUID } from 'node:crypto';
import { type DetailOwnerType, type OwnerDetails, type PhoneValues, type ScheduleValues, detailsSnapshot, emptyDetails, ownerColumn, ownerKey, phoneValues, scheduleValues } from './hsds.details';
import { derivedId } from './hsds.mapping';
import type { ImportStore } from './hsds.import.store';
import { type Item, isObject, normalizeId } from './hsds.import.types';

/*
 * schedules[] and phones[] of a service, a location or a service_at_location → the `schedule`
 * and `phone` rows of that record (hsds.details.ts says how each field is read). A list that is
 * given is the record's whole list, compared by content in order: the same list is unchanged
 * (whatever ids it carries), a different one replaces the rows. A publication may use one id for
 * the schedule of a service and of its location (the official examples do): a row takes the
 * publication's id when it is free, else an id derived from its owner and that id.
 */

interface Wanted<V> {
  id?: string;
  values: V;
}

export interface DetailsPlan {
  schedules?: Wanted<ScheduleValues>[];
  phones?: Wanted<PhoneValues>[];
}

/** What the record's schedules and phones should be; null when it gives neither list. */
export function plannedDetails(item: Item): DetailsPlan | null {
  const d = item.data;
  if (!Array.isArray(d.schedules) && !Array.isArray(d.phones)) return null;
  const problems: string[] = [];
  const plan: DetailsPlan = {};
  if (Array.isArray(d.schedules)) {
    plan.schedules = d.schedules.filter(isObject).flatMap((schedule) => {
      const values = scheduleValues(schedule, problems);
      return values ? [{ id: normalizeId(schedule.id), values }] : [];
    });
  }
  if (Array.isArray(d.phones)) {
    plan.phones = d.phones.filter(isObject).flatMap((phone) => {
      const values = phoneValues(phone, problems);
      return values ? [{ id: normalizeId(phone.id), values }] : [];
    });
  }
  if (problems.length > 0) item.notes.push(`Schedules and phones: ${[...new Set(problems)].join('; ')}`);
  return plan;
}

/** The snapshot the record will have once `plan` is written. */
export function plannedSnapshot(store: ImportStore, owner: DetailOwnerType, ownerId: string, plan: DetailsPlan) {
  const current = detailsSnapshot(store.detailsOf(owner, ownerId));
  return {
    schedules: plan.schedules ? plan.schedules.map((row) => row.values) : current.schedules,
    phones: plan.phones ? plan.phones.map((row) => row.values) : current.phones,
  };
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** Writes the planned lists of one record, leaving an unchanged list alone. Whether anything changed. */
export async function writeDetails(store: ImportStore, owner: DetailOwnerType, ownerId: string, plan: DetailsPlan): Promise<boolean> {
  const key = ownerKey(owner, ownerId);
  const current = store.details.get(key) ?? emptyDetails();
  const next: OwnerDetails = { schedules: current.schedules, phones: current.phones };
  let changed = false;
  for (const [table, list] of [
    ['schedule', plan.schedules],
    ['phone', plan.phones],
  ] as const) {
    const rows = table === 'schedule' ? current.schedules : current.phones;
    if (!list || same(rows.map((row) => row.values), list.map((row) => row.values))) continue;
    changed = true;
    await store.tx.query(`DELETE FROM "${table}" WHERE "${ownerColumn(owner)}" = $1`, [ownerId]);
    for (const row of rows) store.detailIds[table].delete(row.id);
    const written: Array<{ id: string; values: any }> = [];
    for (const [position, wanted] of list.entries()) {
      const id = freeId(store.detailIds[table], table, key, wanted.id);
      store.detailIds[table].add(id);
      if (table === 'schedule') {
        const v = wanted.values as ScheduleValues;
        await store.tx.query(
          `INSERT INTO schedule (id, "${ownerColumn(owner)}", position, valid_from, valid_to, dtstart, timezone, until, count, wkst, freq, "interval", byday, byweekno,
                                 bymonthday, byyearday, description, opens_at, closes_at, schedule_link, attending_type, notes)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22)`,
          [
            id, ownerId, position, v.valid_from, v.valid_to, v.dtstart, v.timezone, v.until, v.count, v.wkst, v.freq, v.interval, v.byday, v.byweekno,
            v.bymonthday, v.byyearday, v.description, v.opens_at, v.closes_at, v.schedule_link, v.attending_type, v.notes,
          ],
        );
      } else {
        const v = wanted.values as PhoneValues;
        await store.tx.query(
          `INSERT INTO phone (id, "${ownerColumn(owner)}", position, number, extension, type, description, languages) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
          [id, ownerId, position, v.number, v.extension, v.type, v.description, v.languages],
        );
      }
      written.push({ id, values: wanted.values });
    }
    if (table === 'schedule') next.schedules = written;
    else next.phones = written;
  }
  store.details.set(key, next);
  return changed;
}

function freeId(taken: Set<string>, table: string, key: string, given: string | undefined): string {
  if (given && !taken.has(given)) return given;
  const derived = given ? derivedId(table, key, given) : undefined;
  return derived && !taken.has(derived) ? derived : randomUUID();
}
