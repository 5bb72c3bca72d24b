/**
 * The csv feature's public face. Nothing of it is shared with other features beyond its entities
 * (*.entity.ts, the shared data model, imported directly) and the input validation every import
 * channel asks (csv.validation.ts: the HSDS import uses it too); its module (csv.module.ts) is composed
 * by features.ts only (api/.dependency-cruiser.cjs, "feature-through-public-face"). What another
 * feature comes to need is exported here, not imported from the file that holds it.
 */
export { inputProblems } from './csv.validation';
