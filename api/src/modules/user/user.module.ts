import type { FeatureModule } from '../../common/feature';
import { ApiKey } from './api-key.entity';
import { DataSubjectErasure } from './erasure.entity';
import { User, UserArea } from './user.entity';
import { createUserLoaders } from './user.loaders';
import { ApiKeyResolver, UserResolver, ViewerResolver } from './user.resolver';

/** User accounts, API keys of organisation systems and the erasure of a data subject (docs/security.md). */
export const userModule: FeatureModule = {
  name: 'user',
  entities: [User, UserArea, ApiKey, DataSubjectErasure],
  resolvers: [ViewerResolver, UserResolver, ApiKeyResolver],
  loaders: createUserLoaders,
};
