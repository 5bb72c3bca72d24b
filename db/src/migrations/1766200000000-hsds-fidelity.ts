import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * HSDS at full fidelity (issue 15): a service's own url and e-mail; opening hours (HSDS
 * schedule, its RFC 5545-like fields as typed columns) and phone numbers of a service, a
 * location or a service at a location. Each schedule and phone has exactly one owner: the
 * record it was published under (api/src/modules/hsds/hsds.import.map.details.ts).
 */
export class HsdsFidelity1766200000000 implements MigrationInterface {
  name = 'HsdsFidelity1766200000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    const q = (sql: string) => queryRunner.query(sql);
    await q(`ALTER TABLE "service" ADD "url" character varying(500)`);
    await q(`ALTER TABLE "service" ADD "email" character varying(254)`);
    const owner = `
        "service_id" uuid,
        "location_id" uuid,
        "service_location_id" uuid,`;
    await q(`CREATE TABLE "schedule" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),${owner}
        "position" smallint NOT NULL DEFAULT '0',
        "valid_from" date,
        "valid_to" date,
        "dtstart" date,
        "timezone" double precision,
        "until" date,
        "count" integer,
        "wkst" character varying(2),
        "freq" character varying(10),
        "interval" integer,
        "byday" character varying(100),
        "byweekno" character varying(200),
        "bymonthday" character varying(200),
        "byyearday" character varying(500),
        "description" text,
        "opens_at" TIME,
        "closes_at" TIME,
        "schedule_link" character varying(500),
        "attending_type" text,
        "notes" text,
        CONSTRAINT "PK_schedule" PRIMARY KEY ("id"),
        CONSTRAINT "CHK_schedule_owner" CHECK (num_nonnulls(service_id, location_id, service_location_id) = 1),
        CONSTRAINT "CHK_schedule_freq" CHECK (freq IS NULL OR freq IN ('WEEKLY', 'MONTHLY')),
        CONSTRAINT "CHK_schedule_wkst" CHECK (wkst IS NULL OR wkst IN ('MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'))
      )`);
    await q(`CREATE TABLE "phone" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),${owner}
        "position" smallint NOT NULL DEFAULT '0',
        "number" character varying(50) NOT NULL,
        "extension" integer,
        "type" character varying(20),
        "description" text,
        "languages" text array NOT NULL DEFAULT '{}',
        CONSTRAINT "PK_phone" PRIMARY KEY ("id"),
        CONSTRAINT "CHK_phone_owner" CHECK (num_nonnulls(service_id, location_id, service_location_id) = 1)
      )`);
    for (const table of ['schedule', 'phone']) {
      await q(`CREATE INDEX "IDX_${table}_service_id" ON "${table}" ("service_id")`);
      await q(`CREATE INDEX "IDX_${table}_location_id" ON "${table}" ("location_id")`);
      await q(`CREATE INDEX "IDX_${table}_service_location_id" ON "${table}" ("service_location_id")`);
      await q(`ALTER TABLE "${table}" ADD CONSTRAINT "FK_${table}_service" FOREIGN KEY ("service_id") REFERENCES "service"("id") ON DELETE CASCADE`);
      await q(`ALTER TABLE "${table}" ADD CONSTRAINT "FK_${table}_location" FOREIGN KEY ("location_id") REFERENCES "location"("id") ON DELETE CASCADE`);
      await q(`ALTER TABLE "${table}" ADD CONSTRAINT "FK_${table}_service_location" FOREIGN KEY ("service_location_id") REFERENCES "service_location"("id") ON DELETE CASCADE`);
    }
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    const q = (sql: string) => queryRunner.query(sql);
    await q(`DROP TABLE "phone"`);
    await q(`DROP TABLE "schedule"`);
    await q(`ALTER TABLE "service" DROP COLUMN "email"`);
    await q(`ALTER TABLE "service" DROP COLUMN "url"`);
  }
}
