/**
 * The idempotency feature's public face: what other features, the scripts and the benchmarks may use
 * (which referrals a request changed). Its entities (*.entity.ts) are imported directly, being the shared
 * data model; its resolvers and its module (idempotency.module.ts) are not exported here: only features.ts
 * composes them (api/.dependency-cruiser.cjs, "feature-through-public-face").
 */
export { noteReferralChanged } from './idempotency.tracking';
