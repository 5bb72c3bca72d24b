/**
 * The intervention-type feature's public face: what other features, the scripts and the benchmarks may use
 * (see the files below). Its entities (*.entity.ts) are imported directly, being the shared
 * data model; its resolvers and its module (intervention-type.module.ts) are not exported here: only features.ts
 * composes them (api/.dependency-cruiser.cjs, "feature-through-public-face").
 */
export { interventionTypeCuration } from './intervention-type.service';
