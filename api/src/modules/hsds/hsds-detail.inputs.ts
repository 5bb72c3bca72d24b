import { ArrayMaxSize, IsOptional } from 'class-validator';
import { Field, InputType, Int } from 'type-graphql';

/*
 * Opening hours and phone numbers as a curator gives them on a service or a location
 * (`schedules`, `phones` of UpdateServiceInput / UpdateLocationInput). Formats and limits are the
 * rules' (hsds-detail.rules.ts), so each problem names its row and field
 * (`input.schedules.1.closesAt`).
 */

@InputType({ description: 'Opening hours: weekdays and times, optionally only between two dates.' })
export class ScheduleInput {
  @Field(() => String, { nullable: true, description: 'Weekdays, comma-separated: MO, TU, WE, TH, FR, SA, SU (`1MO`: the first Monday of the month).' })
  byday?: string | null;

  @Field(() => String, { nullable: true, description: '`HH:MM`.' })
  opensAt?: string | null;

  @Field(() => String, { nullable: true, description: '`HH:MM`, after opensAt.' })
  closesAt?: string | null;

  @Field(() => String, { nullable: true, description: 'First day, `YYYY-MM-DD`.' })
  validFrom?: string | null;

  @Field(() => String, { nullable: true, description: 'Last day, `YYYY-MM-DD`, on or after validFrom.' })
  validTo?: string | null;

  @Field(() => String, { nullable: true, description: 'The opening hours in words ("op afspraak").' })
  description?: string | null;

  @Field(() => String, { nullable: true })
  notes?: string | null;
}

@InputType({ description: 'A phone number.' })
export class PhoneInput {
  @Field(() => String, { description: 'Digits, spaces, hyphens and brackets, optionally starting with + (`033 123 45 67`).' })
  number: string;

  @Field(() => Int, { nullable: true })
  extension?: number | null;

  @Field(() => String, { nullable: true, description: 'voice, fax, text, cell, video, pager, textphone.' })
  type?: string | null;

  @Field(() => String, { nullable: true })
  description?: string | null;

  @Field(() => [String], { nullable: true, description: 'Languages spoken on this number.' })
  languages?: string[] | null;
}

/**
 * The detail lists a service's and a location's input share (their input types inherit these
 * fields).
 */
@InputType()
export abstract class DetailListsInput {
  @Field(() => [ScheduleInput], { nullable: true, description: 'Opening hours; replaces the list (null or [] clears it).' })
  @IsOptional()
  @ArrayMaxSize(50)
  schedules?: ScheduleInput[] | null;

  @Field(() => [PhoneInput], { nullable: true, description: 'Phone numbers; replaces the list (null or [] clears it).' })
  @IsOptional()
  @ArrayMaxSize(20)
  phones?: PhoneInput[] | null;
}
