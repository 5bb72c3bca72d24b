/**
 * The hsds feature's public face. What it shares with other features beyond its entities
 * (*.entity.ts, the shared data model, imported directly): the opening hours and phone numbers a
 * service's or location's write takes (inputs, rules, writing and history). Its module
 * (hsds.module.ts) is composed by features.ts only (api/.dependency-cruiser.cjs,
 * "feature-through-public-face"). What another feature comes to need is exported here, not
 * imported from the file that holds it.
 */
export { DetailListsInput } from './hsds-detail.inputs';
export { type PlannedDetails, detailsHistory, planDetails, writeDetails } from './hsds-detail.service';
