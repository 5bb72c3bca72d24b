/**
 * The organisation feature's public face: what other features, the scripts and the benchmarks may use
 * (organisation curation and its inputs). Its entities (*.entity.ts) are imported directly, being the shared
 * data model; its resolvers and its module (organisation.module.ts) are not exported here: only features.ts
 * composes them (api/.dependency-cruiser.cjs, "feature-through-public-face").
 */
export { CreateOrganisationInput, UpdateOrganisationInput } from './organisation.inputs';
export { createOrganisation, organisationCuration, updateOrganisation } from './organisation.service';
export { assertOrganisationRules, normalisedOrganisationValues, organisationProblems } from './organisation.rules';
