/**
 * The area feature's public face: what other features, the scripts and the benchmarks may use
 * (area lookups, the area tree, the CBS code rules and the imports' write of an area by its code).
 * Its entities (*.entity.ts) are imported directly, being the shared
 * data model; its resolvers and its module (area.module.ts) are not exported here: only features.ts
 * composes them (api/.dependency-cruiser.cjs, "feature-through-public-face").
 */
export { applyAreaInput, areaCuration, areaIdsServing, areaIdsServingSql, areaIdsWithin, areaReferenceSql, areaReferenceKey, escapeLike, findAreasByReferences, municipalityIdsOf, resolveAreaArgument, resolveAreaIds } from './area.service';
export { CreateAreaInput, UpdateAreaInput } from './area.inputs';
export { endAreasMissingFromFile, importAreaByCode, type AreaImportRow } from './area.import';
export { ancestorCode, areaValidIn, codeParentProblem, describeValidity, levelOfCode, type AreaValidity } from './area.rules';
