import DataLoader from 'dataloader';
import type { EntityManager } from 'typeorm';
import { byIdLoader, groupBy, linkLoader } from '../../common/loaders';
import { KeyPerson, KeyPersonRole } from './key-person.entity';

export interface KeyPersonLoaders {
  keyPersonById: DataLoader<string, KeyPerson | null>;
  keyPersonRoleById: DataLoader<string, KeyPersonRole | null>;
  /** Current (not archived) key persons per organisation, by name. */
  keyPersonsByOrganisation: DataLoader<string, KeyPerson[]>;
  keyPersonIdsByArea: DataLoader<string, string[]>;
  areaIdsByKeyPerson: DataLoader<string, string[]>;
  organisationIdsByKeyPersonRole: DataLoader<string, string[]>;
}

export function createKeyPersonLoaders(manager: EntityManager): KeyPersonLoaders {
  return {
    keyPersonById: byIdLoader(manager, KeyPerson),
    keyPersonRoleById: byIdLoader(manager, KeyPersonRole),
    keyPersonsByOrganisation: new DataLoader(async (ids) => {
      const rows = await manager
        .getRepository(KeyPerson)
        .createQueryBuilder('kp')
        .where('kp.organisationId = ANY(:ids)', { ids: [...ids] })
        .andWhere('kp.archivedAt IS NULL')
        .orderBy('kp.name')
        .addOrderBy('kp.id')
        .getMany();
      return groupBy(ids, rows, (row) => row.organisationId as string);
    }),
    keyPersonIdsByArea: linkLoader(manager, 'key_person_area', 'area_id', 'key_person_id'),
    areaIdsByKeyPerson: linkLoader(manager, 'key_person_area', 'key_person_id', 'area_id'),
    organisationIdsByKeyPersonRole: linkLoader(manager, 'key_person_role_organisation', 'key_person_role_id', 'organisation_id'),
  };
}

// Part of every request's `ctx.loaders` (declaration merging into the kernel's Loaders, common/loaders.ts).
declare module '../../common/loaders' {
  interface Loaders extends KeyPersonLoaders {}
}
