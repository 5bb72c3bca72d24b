export { migrations } from './migrations';
export { searchVectorSql } from './search-vectors';
export { seedAmersfoort, type SeedReport } from './seeds/amersfoort.seed';
