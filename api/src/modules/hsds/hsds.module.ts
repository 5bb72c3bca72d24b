import type { FeatureModule } from '../../common/feature';
import { createHsdsRouter } from './hsds.router';

/** The Open Referral HSDS 3.0 read API (public data only) and the HSDS publication import (docs/api-guide.md). */
export const hsdsModule: FeatureModule = {
  name: 'hsds',
  routes: [{ path: '/hsds', create: createHsdsRouter }],
};
