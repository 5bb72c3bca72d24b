/**
 * The key-figure feature's public face: what other features, the scripts and the benchmarks may use
 * (key figures of an area and their bulk upsert). Its entities (*.entity.ts) are imported directly, being the shared
 * data model; its resolvers and its module (key-figure.module.ts) are not exported here: only features.ts
 * composes them (api/.dependency-cruiser.cjs, "feature-through-public-face").
 */
export { keyFiguresOfArea, upsertKeyFigureRows, type KeyFigureRow } from './key-figure.service';
