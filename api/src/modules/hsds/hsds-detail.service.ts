import type { EntityManager } from 'typeorm';
import { BadUserInputError } from '../../common/errors';
import { Phone, Schedule } from './hsds-detail.entity';
import type { PhoneInput, ScheduleInput } from './hsds-detail.inputs';
import { type PhoneRow, type ScheduleRow, readPhones, readSchedules } from './hsds-detail.rules';
import { detailsSnapshot, emptyDetails, loadDetails, ownerKey } from './hsds.details';

/*
 * A curator's opening hours and phone numbers of a service or a location (GraphQL inputs
 * `schedules` and `phones`): read through the rules (hsds-detail.rules.ts), written in the
 * caller's transaction — the record's one write path (curation's CuratedWrite) — with replace-all
 * semantics, and shown in the record's history in the same shape as the HSDS import shows them
 * (hsds.details.ts `detailsSnapshot`), so an edit and an import compare.
 */

export type CuratedDetailOwner = 'service' | 'location';

export interface DetailsInput {
  schedules?: ScheduleInput[] | null;
  phones?: PhoneInput[] | null;
}

/** What a change will write: a list that is given replaces the record's (null and [] clear it). */
export interface PlannedDetails {
  schedules?: ScheduleRow[];
  phones?: PhoneRow[];
}

/** The input's lists as they will be stored; their problems are added to `problems`. */
export function planDetails(input: DetailsInput, problems: BadUserInputError[]): PlannedDetails {
  const planned: PlannedDetails = {};
  if (input.schedules !== undefined) {
    const read = readSchedules(input.schedules ?? [], 'input.schedules');
    problems.push(...read.problems);
    planned.schedules = read.rows;
  }
  if (input.phones !== undefined) {
    const read = readPhones(input.phones ?? [], 'input.phones');
    problems.push(...read.problems);
    planned.phones = read.rows;
  }
  return planned;
}

const OWNER_PROPERTY = { service: 'serviceId', location: 'locationId' } as const;

/** Replaces the record's lists the plan gives, keeping their order. */
export async function writeDetails(tx: EntityManager, owner: CuratedDetailOwner, ownerId: string, planned: PlannedDetails): Promise<void> {
  const property = OWNER_PROPERTY[owner];
  if (planned.schedules) {
    await tx.getRepository(Schedule).delete({ [property]: ownerId });
    if (planned.schedules.length > 0) await tx.getRepository(Schedule).insert(planned.schedules.map((row, position) => ({ ...row, [property]: ownerId, position })));
  }
  if (planned.phones) {
    await tx.getRepository(Phone).delete({ [property]: ownerId });
    if (planned.phones.length > 0) await tx.getRepository(Phone).insert(planned.phones.map((row, position) => ({ ...row, [property]: ownerId, position })));
  }
}

/** The record's schedules and phones as its history shows them (a curation spec's `links`). */
export async function detailsHistory(tx: EntityManager, owner: CuratedDetailOwner, ownerId: string) {
  const details = await loadDetails(tx, { [owner]: [ownerId] });
  return detailsSnapshot(details.get(ownerKey(owner, ownerId)) ?? emptyDetails());
}
