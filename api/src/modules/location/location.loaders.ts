import type DataLoader from 'dataloader';
import type { EntityManager } from 'typeorm';
import { byForeignKeyLoader, byIdLoader } from '../../common/loaders';
import { Location } from './location.entity';

export interface LocationLoaders {
  locationById: DataLoader<string, Location | null>;
  locationsByOrganisation: DataLoader<string, Location[]>;
}

export function createLocationLoaders(manager: EntityManager): LocationLoaders {
  return {
    locationById: byIdLoader(manager, Location),
    locationsByOrganisation: byForeignKeyLoader(manager, Location, 'organisationId', 'name'),
  };
}
