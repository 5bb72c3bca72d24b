import type { Viewer } from './viewer';
import { UserRole } from './roles';

/**
 * Which areas a MUNICIPALITY user may touch (docs/security.md): the areas they are responsible
 * for and everything below them. Their key figures are curated there, and the neighbourhood view
 * shows referral flow there. The user's own areas are stored unexpanded (`user_area`), so an area
 * is in scope when it, or one of its ancestors, is one of them.
 */

/** The areas a MUNICIPALITY user is responsible for (unexpanded), or null for every other caller. */
export function municipalityAreaIds(viewer: Viewer): readonly string[] | null {
  return viewer.kind === 'user' && viewer.role === UserRole.MUNICIPALITY ? viewer.areaIds : null;
}

/**
 * The whole scope for list queries (`area_id = ANY($1)`): the user's areas and every area below
 * them, from `descendantsOf` (the area feature's `areaDescendantIds` loader; the kernel knows no
 * feature's loaders). null for every caller who is not a MUNICIPALITY user.
 */
export async function municipalityScopeAreaIds(
  viewer: Viewer,
  descendantsOf: { loadMany(ids: readonly string[]): Promise<Array<readonly string[] | Error>> },
): Promise<string[] | null> {
  const scope = municipalityAreaIds(viewer);
  if (!scope) return null;
  const ids = new Set(scope);
  for (const below of await descendantsOf.loadMany(scope)) {
    if (below instanceof Error) throw below;
    for (const id of below) ids.add(id);
  }
  return [...ids];
}

/** Is `areaId` (with its ancestors, e.g. from the `areaAncestorIds` loader) inside the scope? */
export function inMunicipalityScope(scopeAreaIds: readonly string[], areaId: string, ancestorIds: readonly string[]): boolean {
  return scopeAreaIds.includes(areaId) || ancestorIds.some((id) => scopeAreaIds.includes(id));
}
