import { forbidden, unauthenticated } from '../../auth/auth.rules';
import { inMunicipalityScope, municipalityAreaIds } from '../../auth/municipality-scope';
import { isAdmin } from '../../auth/policy';
import type { RequestContext } from '../../context';

/**
 * Who may curate key figures (docs/security.md, "What each caller can see and do"). Kept with the
 * feature rather than in the kernel's policy (auth/policy.ts): it walks the area tree through the
 * area feature's `areaAncestorIds` loader, and the kernel knows no feature's loaders.
 */
/** Key figures: admins, and municipality users for their areas and everything below them. */
export async function assertMayCurateKeyFiguresOf(ctx: RequestContext, areaId: string): Promise<void> {
  if (ctx.viewer.kind === 'anonymous') throw unauthenticated();
  if (isAdmin(ctx)) return;
  const scope = municipalityAreaIds(ctx.viewer);
  if (scope && inMunicipalityScope(scope, areaId, scope.includes(areaId) ? [] : await ctx.loaders.areaAncestorIds.load(areaId))) return;
  throw forbidden("Only an admin or the municipality responsible for the area may change its key figures");
}
