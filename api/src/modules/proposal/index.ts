/**
 * The proposal feature's public face: what other features and scripts may use. Its entities are
 * the shared data model; its resolvers and its module (proposal.module.ts) are for features.ts only.
 */
export { ProposalKind, ProposalStatus } from './proposal.entity';
