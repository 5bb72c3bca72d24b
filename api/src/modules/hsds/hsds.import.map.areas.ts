import { randomUUID } from 'node:crypto';
import { areaNameKey, cbsCodesIn } from './hsds.import.area-names';
import type { ImportStore } from './hsds.import.store';
import { type Item, isObject, normalizeId, text } from './hsds.import.types';

/*
 * service.service_areas → service_area: each HSDS service area is matched to one of Schakel's
 * areas, in this order:
 * 1. its id is a service_area row of this service (our own export read back in: unchanged);
 * 2. a CBS code (GM0307, WK030701, BU03070101) as its name, or as a word in its name or description;
 * 3. its name (or one of an area's alternative names), case and spacing aside, when exactly one
 *    current area has it; several areas of that name (two municipalities' "Centrum") is no match.
 * A service area that matches nothing is noted and not kept. The matched areas are the service's
 * whole set of areas, like its attributes; only when none of a non-empty list matched are the
 * service's areas left as they are (a foreign publication's regions do not erase ours).
 */

type Match = { areaId: string } | { problem: string };

function matchArea(store: ImportStore, serviceId: string, area: Record<string, unknown>): Match {
  const rowId = normalizeId(area.id);
  const own = rowId ? store.serviceAreaRows.get(rowId) : undefined;
  if (own && own.serviceId === serviceId) return { areaId: own.areaId };
  const name = text(area.name) ?? '(no name)';
  const current = [...store.areaCandidates.values()].filter((candidate) => !candidate.archived);
  for (const code of cbsCodesIn(area)) {
    const byCode = current.find((candidate) => candidate.code === code);
    if (byCode) return { areaId: byCode.id };
  }
  const key = text(area.name) ? areaNameKey(name) : undefined;
  const byName = key ? current.filter((candidate) => [candidate.name, ...candidate.alternativeNames].some((value) => areaNameKey(value) === key)) : [];
  if (byName.length === 1) return { areaId: byName[0].id };
  if (byName.length > 1) return { problem: `"${name}" is the name of ${byName.length} areas (${byName.map((candidate) => candidate.code ?? candidate.name).join(', ')}); give its CBS code` };
  return { problem: `"${name}" matches no area by CBS code or name` };
}

/** Area id → preferred service_area row id, or null when the service's areas stay as they are. */
export function wantedServiceAreas(store: ImportStore, item: Item, serviceAreas: unknown[]): Map<string, string | undefined> | null {
  const wanted = new Map<string, string | undefined>();
  const problems: string[] = [];
  for (const area of serviceAreas) {
    if (!isObject(area)) continue;
    const match = matchArea(store, item.id, area);
    if ('problem' in match) problems.push(match.problem);
    else if (!wanted.has(match.areaId)) wanted.set(match.areaId, normalizeId(area.id));
  }
  if (problems.length > 0) item.notes.push(`service_areas not matched, not kept: ${problems.join('; ')}`);
  if (wanted.size === 0 && problems.length > 0) {
    item.notes.push('No service area matched: the service keeps the areas it has');
    return null;
  }
  return wanted;
}

/** Replaces the service's service_area rows by `wanted`, keeping the rows of areas it keeps. */
export async function replaceServiceAreas(store: ImportStore, serviceId: string, wanted: Map<string, string | undefined>): Promise<void> {
  const have = store.serviceAreasOf(serviceId);
  const remove = [...have.keys()].filter((areaId) => !wanted.has(areaId));
  if (remove.length > 0) {
    await store.tx.query(`DELETE FROM service_area WHERE service_id = $1 AND area_id = ANY($2::uuid[])`, [serviceId, remove]);
    for (const areaId of remove) store.serviceAreaRows.delete(have.get(areaId)!);
  }
  for (const [areaId, preferred] of wanted) {
    if (have.has(areaId)) continue;
    const id = preferred && !store.serviceAreaRows.has(preferred) ? preferred : randomUUID();
    await store.tx.query(`INSERT INTO service_area (id, service_id, area_id) VALUES ($1, $2, $3)`, [id, serviceId, areaId]);
    store.serviceAreaRows.set(id, { id, serviceId, areaId });
  }
}
