import type DataLoader from 'dataloader';
import type { EntityManager } from 'typeorm';
import { byForeignKeyLoader, byIdLoader, linkLoader } from '../../common/loaders';
import { Phone, Schedule } from '../hsds/hsds-detail.entity';
import { Service } from './service.entity';

export interface ServiceLoaders {
  serviceById: DataLoader<string, Service | null>;
  servicesByOrganisation: DataLoader<string, Service[]>;
  partnerIdsByService: DataLoader<string, string[]>;
  serviceIdsByPartner: DataLoader<string, string[]>;
  targetGroupIdsByService: DataLoader<string, string[]>;
  interventionTypeIdsByService: DataLoader<string, string[]>;
  areaIdsByService: DataLoader<string, string[]>;
  locationIdsByService: DataLoader<string, string[]>;
  serviceIdsByLocation: DataLoader<string, string[]>;
  schedulesByService: DataLoader<string, Schedule[]>;
  phonesByService: DataLoader<string, Phone[]>;
}

export function createServiceLoaders(manager: EntityManager): ServiceLoaders {
  return {
    serviceById: byIdLoader(manager, Service),
    servicesByOrganisation: byForeignKeyLoader(manager, Service, 'organisationId', 'name'),
    partnerIdsByService: linkLoader(manager, 'service_partner', 'service_id', 'organisation_id'),
    serviceIdsByPartner: linkLoader(manager, 'service_partner', 'organisation_id', 'service_id'),
    targetGroupIdsByService: linkLoader(manager, 'service_target_group', 'service_id', 'target_group_id'),
    interventionTypeIdsByService: linkLoader(manager, 'service_intervention_type', 'service_id', 'intervention_type_id'),
    areaIdsByService: linkLoader(manager, 'service_area', 'service_id', 'area_id'),
    locationIdsByService: linkLoader(manager, 'service_location', 'service_id', 'location_id'),
    serviceIdsByLocation: linkLoader(manager, 'service_location', 'location_id', 'service_id'),
    schedulesByService: byForeignKeyLoader(manager, Schedule, 'serviceId', 'position'),
    phonesByService: byForeignKeyLoader(manager, Phone, 'serviceId', 'position'),
  };
}

// Part of every request's `ctx.loaders` (declaration merging into the kernel's Loaders, common/loaders.ts).
declare module '../../common/loaders' {
  interface Loaders extends ServiceLoaders {}
}
