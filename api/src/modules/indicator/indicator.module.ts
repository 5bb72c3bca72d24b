import type { FeatureModule } from '../../common/feature';
import { Indicator } from './indicator.entity';

/** The indicators key figures are measured on. Only the table: key figures curate and show them. */
export const indicatorModule: FeatureModule = {
  name: 'indicator',
  entities: [Indicator],
};
