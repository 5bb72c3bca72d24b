import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The target-group taxonomy as the curator defines it, which coverage follows
 * (api/src/modules/target-group/target-group.rules.ts):
 * - `target_group.parent_id`: the broader group; a service for it counts for this narrower one.
 * - `target_group_counts_as`: a service for `target_group_id` also counts for `counts_as_id`
 *   (one direction; a synonym is a link each way).
 * The demo data's one link (the book's Amersfoort tables name two groups for the same elderly):
 * "kwetsbare ouderen in sociaal isolement" counts as "risicogroepen eenzaamheid onder ouderen",
 * added here for databases seeded before this migration (the seed adds it for new ones).
 */
export class TargetGroupHierarchy1765900000000 implements MigrationInterface {
  name = 'TargetGroupHierarchy1765900000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    const q = (sql: string) => queryRunner.query(sql);
    await q(`ALTER TABLE "target_group" ADD "parent_id" uuid`);
    await q(`ALTER TABLE "target_group" ADD CONSTRAINT "FK_target_group_parent" FOREIGN KEY ("parent_id") REFERENCES "target_group"("id") ON DELETE SET NULL`);
    await q(`ALTER TABLE "target_group" ADD CONSTRAINT "CHK_target_group_parent" CHECK (parent_id IS NULL OR parent_id <> id)`);
    await q(`CREATE INDEX "IDX_target_group_parent_id" ON "target_group" ("parent_id")`);
    await q(`CREATE TABLE "target_group_counts_as" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "target_group_id" uuid NOT NULL,
        "counts_as_id" uuid NOT NULL,
        CONSTRAINT "PK_target_group_counts_as" PRIMARY KEY ("id"),
        CONSTRAINT "UQ_target_group_counts_as" UNIQUE ("target_group_id", "counts_as_id"),
        CONSTRAINT "CHK_target_group_counts_as_other" CHECK (target_group_id <> counts_as_id),
        CONSTRAINT "FK_target_group_counts_as_target_group" FOREIGN KEY ("target_group_id") REFERENCES "target_group"("id") ON DELETE CASCADE,
        CONSTRAINT "FK_target_group_counts_as_counts_as" FOREIGN KEY ("counts_as_id") REFERENCES "target_group"("id") ON DELETE CASCADE
      )`);
    await q(`CREATE INDEX "IDX_target_group_counts_as_counts_as_id" ON "target_group_counts_as" ("counts_as_id")`);
    await q(`INSERT INTO "target_group_counts_as" (target_group_id, counts_as_id)
             SELECT a.id, b.id FROM target_group a, target_group b
              WHERE a.code = 'kwetsbare-ouderen-sociaal-isolement' AND b.code = 'risicogroepen-eenzaamheid-ouderen'
             ON CONFLICT DO NOTHING`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "target_group_counts_as"`);
    await queryRunner.query(`ALTER TABLE "target_group" DROP COLUMN "parent_id"`);
  }
}
