import { ArgsType, Field, ID } from 'type-graphql';
import { ArchivableListArgs } from '../../common/connection';
import { AreaLevel } from './area.entity';

@ArgsType()
export class AreasArgs extends ArchivableListArgs {
  @Field(() => AreaLevel, { nullable: true })
  level?: AreaLevel | null;

  @Field(() => String, { nullable: true, description: 'Only the direct children of this area (CBS code, slug or id).' })
  parent?: string | null;

  @Field(() => Boolean, { nullable: true, description: 'Only top-level areas (municipalities without a parent).' })
  rootsOnly?: boolean | null;

  @Field(() => String, { nullable: true, description: 'Case-insensitive part of the name.' })
  search?: string | null;
}

@ArgsType()
export class AreaLookupArgs {
  @Field(() => ID, { nullable: true })
  id?: string | null;

  @Field(() => String, { nullable: true, description: 'CBS code: GM + 4, WK + 6 or BU + 8 digits.' })
  code?: string | null;

  @Field(() => String, { nullable: true })
  slug?: string | null;
}
