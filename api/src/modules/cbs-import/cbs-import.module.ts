import type { FeatureModule } from '../../common/feature';
import { createCbsImportRouter } from './cbs-import.router';

/**
 * Adopting Schakel from CBS's and PDOK's published files (docs/adopting.md): the Kerncijfers wijken
 * en buurten (areas, indicators, key figures) and the wijk- en buurtkaart (boundaries), by REST
 * (/imports) and `npm run import:cbs` / `import:boundaries`. No tables of its own: it writes
 * through the area and key-figure features.
 */
export const cbsImportModule: FeatureModule = {
  name: 'cbs-import',
  routes: [{ path: '/imports', create: createCbsImportRouter }],
};
