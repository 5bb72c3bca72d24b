/**
 * The key-person feature's public face. Its rules for one key person's input (the CSV import applies the same) and its entities
 * (*.entity.ts, the shared data model, imported directly) are shared; its module (key-person.module.ts) is composed
 * by features.ts only (api/.dependency-cruiser.cjs, "feature-through-public-face"). What another
 * feature comes to need is exported here, not imported from the file that holds it.
 */
export { applyKeyPersonInput, createKeyPerson, keyPersonCuration, updateKeyPerson } from './key-person.service';
export { CreateKeyPersonInput, UpdateKeyPersonInput } from './key-person.inputs';
