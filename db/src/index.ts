export { migrations } from './migrations';
export { dutchOnlySearchVectorSql, searchVectorOf, searchVectorOn, searchVectorSql } from './search-vectors';
export { seedAmersfoort, type SeedReport } from './seeds/amersfoort.seed';
export { seedReferenceData } from './seeds/reference.seed';
