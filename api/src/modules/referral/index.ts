/**
 * The referral feature's public face: what other features, the scripts and the benchmarks may use
 * (referral rules, the access log and statistics). Its entities (*.entity.ts) are imported directly, being the shared
 * data model; its resolvers and its module (referral.module.ts) are not exported here: only features.ts
 * composes them (api/.dependency-cruiser.cjs, "feature-through-public-face").
 */
export { ACCESS_LOG_EXPORT_MAX_ROWS, type AccessLogFilter, IDENTITY_LAYER_FIELDS, accessLogForExport, accessLogRow } from './referral.access';
export { AccessEventType, insertAccessLog } from './referral.access-log';
export { purgeClosedReferrals } from './referral.retention';
export { referralStatistics } from './referral.statistics';
export { ReferralParty, findTransition, isTerminal } from './referral.transitions';
export { ReferralAreaCount, ReferralStatisticsNode } from './referral.types';
