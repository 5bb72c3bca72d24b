import type { FeatureModule } from '../../common/feature';
import { createCsvRouter } from './csv.router';

/** CSV import and export of key figures, organisations, services, locations, key persons and areas (docs/api-guide.md, "CSV: key figures, organisations and services"), text/csv bodies up to 20 MB. */
export const csvModule: FeatureModule = {
  name: 'csv',
  routes: [{ path: '/csv', create: createCsvRouter }],
};
