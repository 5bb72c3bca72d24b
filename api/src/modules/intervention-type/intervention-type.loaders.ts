import type DataLoader from 'dataloader';
import type { EntityManager } from 'typeorm';
import { byForeignKeyLoader, byIdLoader } from '../../common/loaders';
import { BasicFunction } from './basic-function.entity';
import { InterventionType } from './intervention-type.entity';

export interface InterventionTypeLoaders {
  basicFunctionById: DataLoader<string, BasicFunction | null>;
  interventionTypeById: DataLoader<string, InterventionType | null>;
  interventionTypesByBasicFunction: DataLoader<string, InterventionType[]>;
  interventionTypeChildren: DataLoader<string, InterventionType[]>;
}

export function createInterventionTypeLoaders(manager: EntityManager): InterventionTypeLoaders {
  return {
    basicFunctionById: byIdLoader(manager, BasicFunction),
    interventionTypeById: byIdLoader(manager, InterventionType),
    interventionTypesByBasicFunction: byForeignKeyLoader(manager, InterventionType, 'basicFunctionId', 'nameNl'),
    interventionTypeChildren: byForeignKeyLoader(manager, InterventionType, 'parentId', 'nameNl'),
  };
}

// Part of every request's `ctx.loaders` (declaration merging into the kernel's Loaders, common/loaders.ts).
declare module '../../common/loaders' {
  interface Loaders extends InterventionTypeLoaders {}
}
