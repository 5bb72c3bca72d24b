import type { MigrationInterface, QueryRunner } from 'typeorm';

const ARCHIVABLE = ['area', 'indicator', 'intervention_type', 'target_group', 'organisation', 'location', 'service', 'network', 'key_person'];

/**
 * Curation: archiving instead of deleting (`archived_at` on every referenced curated table,
 * replacing key_person.archived), and the change history (HSDS "metadata"): who changed which
 * record when, with the fields before and after.
 */
export class Curation1764500000000 implements MigrationInterface {
  name = 'Curation1764500000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    for (const table of ARCHIVABLE) {
      await queryRunner.query(`ALTER TABLE "${table}" ADD "archived_at" TIMESTAMP WITH TIME ZONE`);
      await queryRunner.query(`CREATE INDEX "IDX_${table}_archived_at" ON "${table}" ("archived_at")`);
    }
    await queryRunner.query(`UPDATE "key_person" SET "archived_at" = "updated_at" WHERE "archived"`);
    await queryRunner.query(`ALTER TABLE "key_person" DROP COLUMN "archived"`);

    await queryRunner.query(`CREATE TABLE "change_record" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "occurred_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "entity_type" character varying(40) NOT NULL,
        "entity_id" uuid NOT NULL,
        "action" character varying(20) NOT NULL,
        "actor_user_id" uuid,
        "actor_api_key_id" uuid,
        "organisation_id" uuid,
        "via" character varying(40) NOT NULL DEFAULT 'graphql',
        "changes" jsonb NOT NULL DEFAULT '{}',
        CONSTRAINT "PK_change_record" PRIMARY KEY ("id"),
        CONSTRAINT "CHK_change_record_action" CHECK (action IN ('CREATE', 'UPDATE', 'ARCHIVE', 'RESTORE', 'DELETE', 'VERIFY')),
        CONSTRAINT "CHK_change_record_entity_type" CHECK (entity_type IN ('AREA', 'INDICATOR', 'KEY_FIGURE', 'INTERVENTION_TYPE', 'TARGET_GROUP', 'ORGANISATION', 'LOCATION', 'SERVICE', 'NETWORK', 'NETWORK_MEMBER', 'KEY_PERSON'))
      )`);
    await queryRunner.query(`CREATE INDEX "IDX_change_record_entity" ON "change_record" ("entity_type", "entity_id", "occurred_at")`);
    await queryRunner.query(`CREATE INDEX "IDX_change_record_entity_id" ON "change_record" ("entity_id")`);
    await queryRunner.query(`CREATE INDEX "IDX_change_record_actor_user_id" ON "change_record" ("actor_user_id")`);
    await queryRunner.query(`CREATE INDEX "IDX_change_record_actor_api_key_id" ON "change_record" ("actor_api_key_id")`);
    await queryRunner.query(`CREATE INDEX "IDX_change_record_occurred_at" ON "change_record" ("occurred_at")`);
    await queryRunner.query(
      `ALTER TABLE "change_record" ADD CONSTRAINT "FK_change_record_actor_user" FOREIGN KEY ("actor_user_id") REFERENCES "app_user"("id") ON DELETE SET NULL`,
    );
    await queryRunner.query(
      `ALTER TABLE "change_record" ADD CONSTRAINT "FK_change_record_actor_api_key" FOREIGN KEY ("actor_api_key_id") REFERENCES "api_key"("id") ON DELETE SET NULL`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "change_record"`);
    await queryRunner.query(`ALTER TABLE "key_person" ADD "archived" boolean NOT NULL DEFAULT false`);
    await queryRunner.query(`UPDATE "key_person" SET "archived" = ("archived_at" IS NOT NULL)`);
    for (const table of ARCHIVABLE) await queryRunner.query(`ALTER TABLE "${table}" DROP COLUMN "archived_at"`);
  }
}
