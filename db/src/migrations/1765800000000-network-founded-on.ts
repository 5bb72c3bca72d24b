import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The day a network started (`network.founded_on`, NULL when not known). A case recorded
 * afterwards (book §4.5: written up after it ran) may not start before the network it was brought
 * into existed, as it may not start before its area existed (api/src/modules/referral/referral.rules.ts).
 */
export class NetworkFoundedOn1765800000000 implements MigrationInterface {
  name = 'NetworkFoundedOn1765800000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "network" ADD "founded_on" date`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "network" DROP COLUMN "founded_on"`);
  }
}
