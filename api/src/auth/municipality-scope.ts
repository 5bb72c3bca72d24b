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

/** Is `areaId` (with its ancestors, e.g. from the `areaAncestorIds` loader) inside the scope? */
export function inMunicipalityScope(scopeAreaIds: readonly string[], areaId: string, ancestorIds: readonly string[]): boolean {
  return scopeAreaIds.includes(areaId) || ancestorIds.some((id) => scopeAreaIds.includes(id));
}
