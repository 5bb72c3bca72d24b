import type { FeatureModule } from '../../common/feature';
import { IdempotencyKey } from './idempotency-key.entity';
import { createIdempotencyPlugin } from './idempotency.plugin';

/** Idempotency-Key on referral mutations (docs/api-guide.md, "Retrying safely: Idempotency-Key"): one transaction per request, the response stored with the key. */
export const idempotencyModule: FeatureModule = {
  name: 'idempotency',
  entities: [IdempotencyKey],
  graphqlPlugins: ({ config, dataSource, logger }) => [createIdempotencyPlugin({ dataSource, settings: config.idempotency, logger })],
};
