/**
 * The service feature's public face: what other features, the scripts and the benchmarks may use
 * (service curation, its inputs, rules and search helpers). Its entities (*.entity.ts) are imported directly, being the shared
 * data model; its resolvers and its module (service.module.ts) are not exported here: only features.ts
 * composes them (api/.dependency-cruiser.cjs, "feature-through-public-face").
 */
export { CreateServiceInput, ServiceCriteriaArgs, UpdateServiceInput } from './service.inputs';
export { serviceProblems } from './service.rules';
export { areaReference, authoriseOwnedRecordChange, blankToNull, cleanList, freeSlug, createService, organisationOfNewRecord, resolveReferences, serviceCriteria, serviceCuration, updateService } from './service.service';
export { locationCompiledType, serviceCompiledType, targetGroupCompiledType } from './service.compiled';
