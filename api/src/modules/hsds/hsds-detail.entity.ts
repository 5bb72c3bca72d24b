import { Field, Int, ObjectType } from 'type-graphql';
import { Check, Column, Entity, Index, JoinColumn, ManyToOne, type ValueTransformer } from 'typeorm';
import { BaseRecord } from '../../common/base.entity';
import { Location } from '../location/location.entity';
import { Service, ServiceLocation } from '../service/service.entity';

/*
 * The HSDS details Schakel keeps beside its own records (migration 1766200000000): opening hours
 * (HSDS schedule) and phone numbers of a service, a location or a service at a location. Each
 * row has one owner, the record it was published under; `position` keeps the publication's order.
 * Written by the HSDS import (hsds.import.map.details.ts) and by curators through the service's
 * and location's mutations (hsds-detail.service.ts), read by the HSDS export and in GraphQL
 * (`Service.schedules`, `Location.phones`, …; the fields that matter for display).
 */

/** A time of day as GraphQL shows it: `09:00`, or `09:00:30` when it has seconds (stored `09:00:00`). */
const clockTime: ValueTransformer = {
  from: (value: string | null) => (typeof value === 'string' && value.endsWith(':00') && value.length === 8 ? value.slice(0, 5) : value),
  to: (value: unknown) => value,
};

@ObjectType({ description: 'Opening hours (HSDS schedule): on these weekdays, from opensAt to closesAt, within the validity dates.' })
@Entity('schedule')
@Check('CHK_schedule_owner', `num_nonnulls(service_id, location_id, service_location_id) = 1`)
@Check('CHK_schedule_freq', `freq IS NULL OR freq IN ('WEEKLY', 'MONTHLY')`)
@Check('CHK_schedule_wkst', `wkst IS NULL OR wkst IN ('MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU')`)
export class Schedule extends BaseRecord {
  @Index('IDX_schedule_service_id')
  @Column({ type: 'uuid', nullable: true })
  serviceId: string | null;

  @ManyToOne(() => Service, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'service_id', foreignKeyConstraintName: 'FK_schedule_service' })
  service?: Service | null;

  @Index('IDX_schedule_location_id')
  @Column({ type: 'uuid', nullable: true })
  locationId: string | null;

  @ManyToOne(() => Location, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'location_id', foreignKeyConstraintName: 'FK_schedule_location' })
  location?: Location | null;

  @Index('IDX_schedule_service_location_id')
  @Column({ type: 'uuid', nullable: true })
  serviceLocationId: string | null;

  @ManyToOne(() => ServiceLocation, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'service_location_id', foreignKeyConstraintName: 'FK_schedule_service_location' })
  serviceLocation?: ServiceLocation | null;

  /** The publication's order. */
  @Column({ type: 'smallint', default: 0 })
  position: number;

  @Field(() => String, { nullable: true, description: 'First day, `YYYY-MM-DD`.' })
  @Column({ type: 'date', nullable: true })
  validFrom: string | null;

  @Field(() => String, { nullable: true, description: 'Last day, `YYYY-MM-DD`.' })
  @Column({ type: 'date', nullable: true })
  validTo: string | null;

  @Column({ type: 'date', nullable: true })
  dtstart: string | null;

  @Column({ type: 'double precision', nullable: true })
  timezone: number | null;

  @Column({ type: 'date', nullable: true })
  until: string | null;

  @Column({ type: 'integer', nullable: true })
  count: number | null;

  @Column({ type: 'varchar', length: 2, nullable: true })
  wkst: string | null;

  @Field(() => String, { nullable: true, description: 'WEEKLY or MONTHLY (with a week of the month in byday, e.g. `1MO`).' })
  @Column({ type: 'varchar', length: 10, nullable: true })
  freq: string | null;

  @Column({ type: 'integer', nullable: true })
  interval: number | null;

  @Field(() => String, { nullable: true, description: 'Weekdays, comma-separated: MO, TU, WE, TH, FR, SA, SU.' })
  @Column({ type: 'varchar', length: 100, nullable: true })
  byday: string | null;

  @Column({ type: 'varchar', length: 200, nullable: true })
  byweekno: string | null;

  @Column({ type: 'varchar', length: 200, nullable: true })
  bymonthday: string | null;

  @Column({ type: 'varchar', length: 500, nullable: true })
  byyearday: string | null;

  @Field(() => String, { nullable: true })
  @Column({ type: 'text', nullable: true })
  description: string | null;

  @Field(() => String, { nullable: true, description: '`HH:MM` (or `HH:MM:SS`).' })
  @Column({ type: 'time', nullable: true, transformer: clockTime })
  opensAt: string | null;

  @Field(() => String, { nullable: true, description: '`HH:MM` (or `HH:MM:SS`), after opensAt.' })
  @Column({ type: 'time', nullable: true, transformer: clockTime })
  closesAt: string | null;

  @Column({ type: 'varchar', length: 500, nullable: true })
  scheduleLink: string | null;

  @Column({ type: 'text', nullable: true })
  attendingType: string | null;

  @Field(() => String, { nullable: true })
  @Column({ type: 'text', nullable: true })
  notes: string | null;
}

@ObjectType({ description: 'A phone number (HSDS phone).' })
@Entity('phone')
@Check('CHK_phone_owner', `num_nonnulls(service_id, location_id, service_location_id) = 1`)
export class Phone extends BaseRecord {
  @Index('IDX_phone_service_id')
  @Column({ type: 'uuid', nullable: true })
  serviceId: string | null;

  @ManyToOne(() => Service, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'service_id', foreignKeyConstraintName: 'FK_phone_service' })
  service?: Service | null;

  @Index('IDX_phone_location_id')
  @Column({ type: 'uuid', nullable: true })
  locationId: string | null;

  @ManyToOne(() => Location, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'location_id', foreignKeyConstraintName: 'FK_phone_location' })
  location?: Location | null;

  @Index('IDX_phone_service_location_id')
  @Column({ type: 'uuid', nullable: true })
  serviceLocationId: string | null;

  @ManyToOne(() => ServiceLocation, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'service_location_id', foreignKeyConstraintName: 'FK_phone_service_location' })
  serviceLocation?: ServiceLocation | null;

  /** The publication's order. */
  @Column({ type: 'smallint', default: 0 })
  position: number;

  @Field(() => String)
  @Column({ type: 'varchar', length: 50 })
  number: string;

  @Field(() => Int, { nullable: true })
  @Column({ type: 'integer', nullable: true })
  extension: number | null;

  @Field(() => String, { nullable: true, description: 'voice, fax, text, cell, video, pager or textphone (HSDS), or as the source names it.' })
  @Column({ type: 'varchar', length: 20, nullable: true })
  type: string | null;

  @Field(() => String, { nullable: true })
  @Column({ type: 'text', nullable: true })
  description: string | null;

  @Field(() => [String], { description: 'Languages spoken on this number.' })
  @Column({ type: 'text', array: true, default: () => "'{}'" })
  languages: string[];
}
