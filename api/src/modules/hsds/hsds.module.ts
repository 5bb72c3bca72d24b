import type { FeatureModule } from '../../common/feature';
import { Phone, Schedule } from './hsds-detail.entity';
import { TaxonomyMapping } from './hsds-taxonomy-mapping.entity';
import { createHsdsRouter } from './hsds.router';

/** The Open Referral HSDS 3.0 read API (public data only) and the HSDS publication import (docs/api-guide.md). */
export const hsdsModule: FeatureModule = {
  name: 'hsds',
  entities: [Schedule, Phone, TaxonomyMapping],
  routes: [{ path: '/hsds', create: createHsdsRouter }],
};
