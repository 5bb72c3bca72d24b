/**
 * The key-person feature's public face. Nothing of it is shared with other features beyond its entities
 * (*.entity.ts, the shared data model, imported directly); its module (key-person.module.ts) is composed
 * by features.ts only (api/.dependency-cruiser.cjs, "feature-through-public-face"). What another
 * feature comes to need is exported here, not imported from the file that holds it.
 */
export {};
