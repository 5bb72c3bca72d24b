/**
 * The user feature's public face: what other features, the scripts and the benchmarks may use
 * (accounts and the erasure of a data subject). Its entities (*.entity.ts) are imported directly, being the shared
 * data model; its resolvers and its module (user.module.ts) are not exported here: only features.ts
 * composes them (api/.dependency-cruiser.cjs, "feature-through-public-face").
 */
export { assertDataSubjectAdmin, eraseStoredResponses, erasureReason, erasuresOf, existingErasure, exportsOf, logDataExport, storedResponsesNaming, writeErasure } from './erasure';
export { ensureDemoUsers } from './demo-users';
export { createUser } from './user.service';
