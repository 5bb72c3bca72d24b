import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The neighbourhood view (issue 6) needs data the rules read and the wijkkaart prints:
 * - `network_member.knowledge_areas`: the knowledge areas a member brings to a team, from the
 *   eight of book §9.7 Praktijk 2 (English codes; Dutch labels in docs/neighbourhood-view.md);
 * - `network.knowledge_areas`: the knowledge the source states for a team as a whole (book
 *   §3.5: "Er was kennis aanwezig vanuit …"), when it names no member;
 * - `area.history` and `area.future_plans`: free text for sections 1.1 and 1.2 of the book's
 *   *Format wijkkaart* (§6.3).
 * NULL means "not recorded" (the team-norm check then answers UNKNOWN); an empty array means
 * "recorded: none of the eight".
 */
const KNOWLEDGE_AREAS = [
  'COMMUNITY_BUILDING',
  'SOCIAL_CULTURAL_WORK',
  'SOCIAL_WORK',
  'SOCIAL_LEGAL_SERVICES',
  'SOCIAL_HOUSING',
  'HEALTH_CARE',
  'ELDERLY_CARE',
  'DISABILITY_CARE',
];

const allowed = `knowledge_areas IS NULL OR knowledge_areas <@ ARRAY[${KNOWLEDGE_AREAS.map((code) => `'${code}'`).join(', ')}]::text[]`;

export class NeighbourhoodView1764800000000 implements MigrationInterface {
  name = 'NeighbourhoodView1764800000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    const q = (sql: string) => queryRunner.query(sql);
    await q(`ALTER TABLE "area" ADD "history" text`);
    await q(`ALTER TABLE "area" ADD "future_plans" text`);
    await q(`ALTER TABLE "network" ADD "knowledge_areas" text array`);
    await q(`ALTER TABLE "network" ADD CONSTRAINT "CHK_network_knowledge_areas" CHECK (${allowed})`);
    await q(`ALTER TABLE "network_member" ADD "knowledge_areas" text array`);
    await q(`ALTER TABLE "network_member" ADD CONSTRAINT "CHK_network_member_knowledge_areas" CHECK (${allowed})`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    const q = (sql: string) => queryRunner.query(sql);
    await q(`ALTER TABLE "network_member" DROP CONSTRAINT "CHK_network_member_knowledge_areas"`);
    await q(`ALTER TABLE "network_member" DROP COLUMN "knowledge_areas"`);
    await q(`ALTER TABLE "network" DROP CONSTRAINT "CHK_network_knowledge_areas"`);
    await q(`ALTER TABLE "network" DROP COLUMN "knowledge_areas"`);
    await q(`ALTER TABLE "area" DROP COLUMN "future_plans"`);
    await q(`ALTER TABLE "area" DROP COLUMN "history"`);
  }
}
