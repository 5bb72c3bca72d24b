import { type Item, isObject, text } from './hsds.import.types';

/* How a publication's service areas name an area (a CBS code, a name), for the store's loading and hsds.import.map.areas.ts. */

export interface AreaCandidate {
  id: string;
  code: string | null;
  name: string;
  alternativeNames: string[];
  archived: boolean;
}

export interface ServiceAreaRow {
  id: string;
  serviceId: string;
  areaId: string;
}

const CBS_CODE = /\b(?:GM\d{4}|WK\d{6}|BU\d{8})\b/gi;

export const areaNameKey = (name: string) => name.normalize('NFC').trim().replace(/\s+/g, ' ').toLocaleLowerCase('nl');

/** The CBS codes written in a service area's name or description, upper-cased. */
export function cbsCodesIn(area: Record<string, unknown>): string[] {
  return [text(area.name), text(area.description)].flatMap((value) => (value ? (value.match(CBS_CODE) ?? []).map((code) => code.toUpperCase()) : []));
}

/** Names and codes the publication's service areas could match (for ImportStore.load). */
export function serviceAreaReferences(items: Item[]): { codes: string[]; names: string[] } {
  const codes = new Set<string>();
  const names = new Set<string>();
  for (const item of items) {
    if (item.type !== 'service' || !Array.isArray(item.data.service_areas)) continue;
    for (const area of item.data.service_areas) {
      if (!isObject(area)) continue;
      for (const code of cbsCodesIn(area)) codes.add(code);
      const name = text(area.name);
      if (name) names.add(areaNameKey(name));
    }
  }
  return { codes: [...codes], names: [...names] };
}
