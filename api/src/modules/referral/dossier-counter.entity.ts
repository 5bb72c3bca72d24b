import { Check, Column, Entity, PrimaryColumn } from 'typeorm';

/** Per-year counter behind dossier numbers (`2026-00042`): the last number handed out. */
@Entity('dossier_counter')
@Check('CHK_dossier_counter_year', `year BETWEEN 2000 AND 9999`)
@Check('CHK_dossier_counter_last_number', `last_number >= 0`)
export class DossierCounter {
  @PrimaryColumn({ type: 'smallint' })
  year: number;

  @Column({ type: 'integer', default: 0 })
  lastNumber: number;
}
