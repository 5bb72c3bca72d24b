import { Check, Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { BaseRecord } from '../../common/base.entity';
import { Location } from '../location/location.entity';
import { Service, ServiceLocation } from '../service/service.entity';

/*
 * The HSDS details Schakel keeps beside its own records (migration 1766200000000): opening hours
 * (HSDS schedule) and phone numbers of a service, a location or a service at a location. Each
 * row has one owner, the record it was published under; `position` keeps the publication's order.
 * Written by the HSDS import (hsds.import.map.details.ts), read by the HSDS export.
 */

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

  @Column({ type: 'date', nullable: true })
  validFrom: string | null;

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

  @Column({ type: 'varchar', length: 10, nullable: true })
  freq: string | null;

  @Column({ type: 'integer', nullable: true })
  interval: number | null;

  @Column({ type: 'varchar', length: 100, nullable: true })
  byday: string | null;

  @Column({ type: 'varchar', length: 200, nullable: true })
  byweekno: string | null;

  @Column({ type: 'varchar', length: 200, nullable: true })
  bymonthday: string | null;

  @Column({ type: 'varchar', length: 500, nullable: true })
  byyearday: string | null;

  @Column({ type: 'text', nullable: true })
  description: string | null;

  @Column({ type: 'time', nullable: true })
  opensAt: string | null;

  @Column({ type: 'time', nullable: true })
  closesAt: string | null;

  @Column({ type: 'varchar', length: 500, nullable: true })
  scheduleLink: string | null;

  @Column({ type: 'text', nullable: true })
  attendingType: string | null;

  @Column({ type: 'text', nullable: true })
  notes: string | null;
}

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

  @Column({ type: 'varchar', length: 50 })
  number: string;

  @Column({ type: 'integer', nullable: true })
  extension: number | null;

  @Column({ type: 'varchar', length: 20, nullable: true })
  type: string | null;

  @Column({ type: 'text', nullable: true })
  description: string | null;

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  languages: string[];
}
