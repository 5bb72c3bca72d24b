import type { FeatureModule } from '../../common/feature';
import { AccessLog } from './access-log.entity';

/** The access log (NEN 7513): who read or changed which referral. Written by the referral feature; only its table lives here. */
export const accessLogModule: FeatureModule = {
  name: 'access-log',
  entities: [AccessLog],
};
