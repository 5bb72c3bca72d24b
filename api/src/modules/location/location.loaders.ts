import type DataLoader from 'dataloader';
import type { EntityManager } from 'typeorm';
import { byForeignKeyLoader, byIdLoader } from '../../common/loaders';
import { Phone, Schedule } from '../hsds/hsds-detail.entity';
import { Location } from './location.entity';

export interface LocationLoaders {
  locationById: DataLoader<string, Location | null>;
  locationsByOrganisation: DataLoader<string, Location[]>;
  schedulesByLocation: DataLoader<string, Schedule[]>;
  phonesByLocation: DataLoader<string, Phone[]>;
}

export function createLocationLoaders(manager: EntityManager): LocationLoaders {
  return {
    locationById: byIdLoader(manager, Location),
    locationsByOrganisation: byForeignKeyLoader(manager, Location, 'organisationId', 'name'),
    schedulesByLocation: byForeignKeyLoader(manager, Schedule, 'locationId', 'position'),
    phonesByLocation: byForeignKeyLoader(manager, Phone, 'locationId', 'position'),
  };
}

// Part of every request's `ctx.loaders` (declaration merging into the kernel's Loaders, common/loaders.ts).
declare module '../../common/loaders' {
  interface Loaders extends LocationLoaders {}
}
