import { Max, Min } from 'class-validator';
import { ArgsType, Field, Int } from 'type-graphql';
import { ArchivableListArgs, PageArgs } from '../../common/connection';

@ArgsType()
export class KeyFiguresArgs extends PageArgs {
  @Field(() => String, { nullable: true, description: 'Area (CBS code, slug or id).' })
  area?: string | null;

  @Field(() => Int, { nullable: true })
  @Min(1800)
  @Max(2200)
  year?: number | null;

  @Field(() => String, { nullable: true, description: 'Indicator code.' })
  indicator?: string | null;
}

@ArgsType()
export class IndicatorsArgs extends ArchivableListArgs {}
