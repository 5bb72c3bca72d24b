import type { FeatureModule } from '../../common/feature';
import { KeyPerson, KeyPersonArea, KeyPersonRole, KeyPersonRoleOrganisation } from './key-person.entity';
import { createKeyPersonLoaders } from './key-person.loaders';
import { KeyPersonPrivacyResolver } from './key-person.privacy.resolver';
import {
  AreaKeyPersonsResolver,
  KeyPersonResolver,
  KeyPersonRoleResolver,
  NetworkMemberKeyPersonResolver,
  OrganisationKeyPersonsResolver,
} from './key-person.resolver';

/** Key persons and their roles in organisations and areas: personal data, for logged-in users only. */
export const keyPersonModule: FeatureModule = {
  name: 'key-person',
  entities: [KeyPersonRole, KeyPersonRoleOrganisation, KeyPerson, KeyPersonArea],
  resolvers: [KeyPersonResolver, KeyPersonRoleResolver, AreaKeyPersonsResolver, OrganisationKeyPersonsResolver, NetworkMemberKeyPersonResolver, KeyPersonPrivacyResolver],
  loaders: createKeyPersonLoaders,
};
