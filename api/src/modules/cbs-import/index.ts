/**
 * The cbs-import feature's public face, for the command-line scripts (scripts/import-cbs.ts):
 * reading the files and importing them. Its module (cbs-import.module.ts) is composed by
 * features.ts only (api/.dependency-cruiser.cjs, "feature-through-public-face").
 */
export { readCbsInputs, type CbsInput } from './cbs-import.files';
export { importCbsTable, type BadRowPolicy, type CbsImportOptions, type CbsImportReport } from './cbs-import.service';
export { importBoundaries, type BoundaryImportOptions, type BoundaryImportReport } from './boundaries.service';
