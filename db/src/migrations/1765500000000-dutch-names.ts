import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Names sort in Dutch: the name columns of the records people pick from lists (organisations,
 * services, locations, networks, target groups, intervention types) get the ICU collation
 * `nl-x-icu` (api/src/common/collation.ts). With the database's default collation "gemeente
 * Amersfoort" sorted after every capitalised name; now it sorts among the g's, in every ORDER BY
 * name and in the keyset pagination on (name, id), whose indexes PostgreSQL rebuilds with the
 * column. Deterministic, so equality and unique indexes are unchanged. Needs PostgreSQL built
 * with ICU (the Debian and official images, and the embedded server, are).
 */
const COLUMNS: ReadonlyArray<[table: string, column: string, type: string]> = [
  ['organisation', 'name', 'varchar(300)'],
  ['service', 'name', 'varchar(300)'],
  ['location', 'name', 'varchar(300)'],
  ['network', 'name', 'varchar(300)'],
  ['target_group', 'name_nl', 'varchar(300)'],
  ['intervention_type', 'name_nl', 'varchar(300)'],
];

export class DutchNames1765500000000 implements MigrationInterface {
  name = 'DutchNames1765500000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    for (const [table, column, type] of COLUMNS) {
      await queryRunner.query(`ALTER TABLE "${table}" ALTER COLUMN "${column}" TYPE ${type} COLLATE "nl-x-icu"`);
    }
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    for (const [table, column, type] of COLUMNS) {
      await queryRunner.query(`ALTER TABLE "${table}" ALTER COLUMN "${column}" TYPE ${type} COLLATE "default"`);
    }
  }
}
