/**
 * The key-figure feature's public face: what other features, the scripts and the benchmarks may use
 * (key figures of an area, their bulk upsert, the marks of figures published without a value, and
 * indicators by code). Its entities (*.entity.ts) are imported directly, being the shared
 * data model; its resolvers and its module (key-figure.module.ts) are not exported here: only features.ts
 * composes them (api/.dependency-cruiser.cjs, "feature-through-public-face").
 */
export { importIndicator, keyFiguresOfArea, upsertKeyFigureRows, type KeyFigureRow, type KeyFigureRowProblem } from './key-figure.service';
export { syncMissingKeyFigures, type FigureKey, type MissingKeyFigureOutcome, type MissingKeyFigureRow } from './key-figure.missing';
export { upsertCountryKeyFigures, type CountryKeyFigureRow, type CountryKeyFigureOutcome } from './key-figure.country';
export { UNIT_RANGE, keyFigureValueProblem } from './key-figure.rules';
