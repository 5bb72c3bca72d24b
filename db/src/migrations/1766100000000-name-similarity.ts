import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * pg_trgm (shipped with PostgreSQL, a trusted extension): the trigram similarity of names, for
 * the warning a curator gets when a new or renamed organisation, service or location is named
 * like one already on the map (api/src/modules/curation/similar.service.ts). The lists are a few
 * hundred names, so no trigram index: a scan is a millisecond.
 */
export class NameSimilarity1766100000000 implements MigrationInterface {
  name = 'NameSimilarity1766100000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE EXTENSION IF NOT EXISTS pg_trgm`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP EXTENSION IF EXISTS pg_trgm`);
  }
}
