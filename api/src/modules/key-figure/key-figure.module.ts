import type { FeatureModule } from '../../common/feature';
import { KeyFigure } from './key-figure.entity';
import { KeyFigureMissing } from './key-figure-missing.entity';
import { CountryKeyFigure } from './country-key-figure.entity';
import { createKeyFigureLoaders } from './key-figure.loaders';
import { AreaMissingKeyFiguresResolver, KeyFigureMissingResolver, KeyFigureResolver } from './key-figure.resolver';

/** Key figures: the indicators' values per area. */
export const keyFigureModule: FeatureModule = {
  name: 'key-figure',
  // Lag-tolerant, write-free reads a streaming replica may answer (graphql/read-routing.ts).
  replicaReads: ['keyFigures', 'indicators'],
  entities: [KeyFigure, KeyFigureMissing, CountryKeyFigure],
  resolvers: [KeyFigureResolver, KeyFigureMissingResolver, AreaMissingKeyFiguresResolver],
  loaders: createKeyFigureLoaders,
};
