import { ArgsType, Field } from 'type-graphql';
import { ArchivableListArgs } from '../../common/connection';
import { NetworkKind, NetworkStatus } from './network.entity';

@ArgsType()
export class NetworksArgs extends ArchivableListArgs {
  @Field(() => String, { nullable: true, description: 'Covers this area (CBS code, slug or id), directly or through a parent or child area.' })
  area?: string | null;

  @Field(() => NetworkKind, { nullable: true })
  kind?: NetworkKind | null;

  @Field(() => NetworkStatus, { nullable: true })
  status?: NetworkStatus | null;

  @Field(() => String, { nullable: true, description: 'Target group code.' })
  targetGroup?: string | null;
}
