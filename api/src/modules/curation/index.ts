/**
 * The curation feature's public face: what other features, the scripts and the benchmarks may use
 * (the one write path of curated records, its helpers and shared inputs). Its entities (*.entity.ts) are imported directly, being the shared
 * data model; its resolvers and its module (curation.module.ts) are not exported here: only features.ts
 * composes them (api/.dependency-cruiser.cjs, "feature-through-public-face").
 */
export { actorName } from './actor-name';
export { applyFields, assertIdsExist, assertNoCycle, linkedIds, replaceLinks, slugify } from './curation.helpers';
export { SimilarRecordKind, VerifiableEntityType, VersionedIdArgs } from './curation.inputs';
export { recordsGoneStaleSql } from './freshness.service';
export { POSTCODE_SQL, assertNoExactDuplicate, postcodeKey, findExactDuplicate } from './duplicate.service';
export { SAME_NAME_SQL, nameKey } from './similar.rules';
export { CuratedWrite, assertVersion, createCurated, diff, eraseFromHistory, inTransaction, lockCuratedBy, lockForChange, recordChange, registerConstraintFields, setArchived, snapshot, translateDatabaseError, updateCurated, type ChangeVia, type CuratedWriteOutcome, type CurationSpec } from './curation.service';
