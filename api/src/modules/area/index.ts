/**
 * The area feature's public face: what other features, the scripts and the benchmarks may use
 * (area lookups and the area tree). Its entities (*.entity.ts) are imported directly, being the shared
 * data model; its resolvers and its module (area.module.ts) are not exported here: only features.ts
 * composes them (api/.dependency-cruiser.cjs, "feature-through-public-face").
 */
export { areaIdsServing, areaIdsWithin, areaReferenceKey, escapeLike, findAreasByReferences, resolveAreaArgument, resolveAreaIds } from './area.service';
