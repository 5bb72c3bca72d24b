/**
 * CSV import and export of key figures (long format), organisations, services, locations, key
 * persons and areas
 * (docs/api-guide.md, "CSV: key figures, organisations and services"); the router (csv.router.ts)
 * mounts these.
 *
 * Reading: UTF-8 (a BOM is fine), a header row, comma or semicolon separated (the separator is
 * the one the header uses most; Dutch Excel writes semicolons and decimal commas, so with `;`
 * a value may be `12,5`). Rows are numbered as in a spreadsheet: the header is row 1
 * (csv.read.ts).
 *
 * Importing: an upsert by natural key (key figures: area, indicator, year, source;
 * organisations and services: slug) in ONE transaction. Every row is checked; any problem
 * means nothing is written, and the answer lists each as `{ row, column, message }`
 * (csv.report.ts). A dry run checks everything the same way and writes nothing. Each change
 * gets a history entry with `via: 'csv-import'`, written by the curation module's write path
 * (csv.records.ts) or the key figures' bulk upsert (csv.key-figures.ts). Optimistic locking
 * does not apply: an import is "make it so".
 *
 * Each record type has its file: csv.key-figures.ts, csv.organisations.ts, csv.services.ts,
 * csv.locations.ts (also positions only), csv.key-persons.ts (by id), csv.areas.ts.
 */

export type { Separator } from './csv.cells';
export { ACCESS_LOG_CSV_COLUMNS, exportAccessLog } from './csv.access-log';
export { KEY_FIGURE_COLUMNS, type KeyFigureExportFilters, exportKeyFigures, importKeyFigures } from './csv.key-figures';
export { AREA_CSV_COLUMNS, exportAreas, importAreas } from './csv.areas';
export { KEY_PERSON_CSV_COLUMNS, exportKeyPersons, importKeyPersons, mayReadKeyPersons } from './csv.key-persons';
export { LOCATION_CSV_COLUMNS, exportLocations, importLocations } from './csv.locations';
export { NETWORK_CSV_COLUMNS, NETWORK_MEMBER_CSV_COLUMNS, exportNetworkMembers, exportNetworks, importNetworkMembers, importNetworks } from './csv.networks';
export { ORGANISATION_CSV_COLUMNS, exportOrganisations, importOrganisations } from './csv.organisations';
export { type CsvImportBody, type CsvImportResponse, type CsvRowError } from './csv.report';
export { SERVICE_CSV_COLUMNS, exportServices, importServices } from './csv.services';
