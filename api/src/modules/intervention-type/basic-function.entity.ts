import { Field, Int, ObjectType } from 'type-graphql';
import { Check, Column, Entity, Index } from 'typeorm';
import { BaseRecord } from '../../common/base.entity';

/** Basisfunctie: one of the ten basic functions of a switch team (book §6.1). */
@ObjectType()
@Entity('basic_function')
@Check('CHK_basic_function_number', `number BETWEEN 1 AND 99`)
export class BasicFunction extends BaseRecord {
  @Field(() => String)
  @Index('UQ_basic_function_code', { unique: true })
  @Column({ type: 'varchar', length: 50 })
  code: string;

  @Field(() => Int)
  @Index('UQ_basic_function_number', { unique: true })
  @Column({ type: 'smallint' })
  number: number;

  @Field(() => String)
  @Column({ type: 'varchar', length: 200 })
  nameNl: string;

  @Field(() => String)
  @Column({ type: 'varchar', length: 200 })
  nameEn: string;

  @Field(() => String, { nullable: true })
  @Column({ type: 'text', nullable: true })
  description: string | null;

  @Field(() => String, { nullable: true })
  @Column({ type: 'text', nullable: true })
  source: string | null;
}
