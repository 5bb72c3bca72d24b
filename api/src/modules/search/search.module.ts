import type { FeatureModule } from '../../common/feature';
import { SearchSynonym, SearchSynonymTerm } from './search-synonym.entity';
import { createSearchLoaders } from './search.loaders';
import { SearchSynonymResolver } from './search.resolver';

/** Full-text search of the map: the query expansion every search path uses, and the curated synonyms. */
export const searchModule: FeatureModule = {
  name: 'search',
  entities: [SearchSynonym, SearchSynonymTerm],
  resolvers: [SearchSynonymResolver],
  loaders: createSearchLoaders,
};
