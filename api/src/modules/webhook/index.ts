/**
 * The webhook feature's public face: what other features, the scripts and the benchmarks may use
 * (the outbox referral events are queued in). Its entities (*.entity.ts) are imported directly, being the shared
 * data model; its resolvers and its module (webhook.module.ts) are not exported here: only features.ts
 * composes them (api/.dependency-cruiser.cjs, "feature-through-public-face").
 */
export { enqueueWebhookDeliveries } from './webhook.outbox';
