/**
 * The target-group feature's public face: what other features, the scripts and the benchmarks may use
 * (see the files below). Its entities (*.entity.ts) are imported directly, being the shared
 * data model; its resolvers and its module (target-group.module.ts) are not exported here: only features.ts
 * composes them (api/.dependency-cruiser.cjs, "feature-through-public-face").
 */
export { targetGroupCuration } from './target-group.service';
export { type TargetGroupLinks, countsFor, coverageReach } from './target-group.rules';
