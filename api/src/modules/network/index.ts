/**
 * The network feature's public face: what other features, the scripts and the benchmarks may use
 * (who is a current network member). Its entities (*.entity.ts) are imported directly, being the shared
 * data model; its resolvers and its module (network.module.ts) are not exported here: only features.ts
 * composes them (api/.dependency-cruiser.cjs, "feature-through-public-face").
 */
export {
  CORE_MEMBER_NETWORKS_SQL,
  NETWORK_MEMBERS_SQL,
  NETWORK_MEMBER_TIERS_SQL,
  coreTierSql,
  currentNetworkMemberSql,
  isCoreTier,
  isCurrentNetworkMember,
  membershipToday,
} from './network-membership.rules';
export { applyMemberInput, applyNetworkInput, networkCuration, networkMemberCuration, newNetworkMember, resolveTargetGroupIds } from './network.service';
export { CreateNetworkInput, NetworkMemberInput, UpdateNetworkInput } from './network.inputs';
