import type DataLoader from 'dataloader';
import type { EntityManager } from 'typeorm';
import { byForeignKeyLoader, byIdLoader, linkLoader } from '../../common/loaders';
import { Organisation } from './organisation.entity';

export interface OrganisationLoaders {
  organisationById: DataLoader<string, Organisation | null>;
  organisationChildren: DataLoader<string, Organisation[]>;
  areaIdsByOrganisation: DataLoader<string, string[]>;
}

export function createOrganisationLoaders(manager: EntityManager): OrganisationLoaders {
  return {
    organisationById: byIdLoader(manager, Organisation),
    organisationChildren: byForeignKeyLoader(manager, Organisation, 'parentId', 'name'),
    areaIdsByOrganisation: linkLoader(manager, 'organisation_area', 'organisation_id', 'area_id'),
  };
}

// Part of every request's `ctx.loaders` (declaration merging into the kernel's Loaders, common/loaders.ts).
declare module '../../common/loaders' {
  interface Loaders extends OrganisationLoaders {}
}
