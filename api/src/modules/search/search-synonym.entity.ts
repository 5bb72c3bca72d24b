import { ObjectType } from 'type-graphql';
import { Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { BaseRecord, CuratedRecord } from '../../common/base.entity';

/**
 * Zoeksynoniemen: a group of terms (words or phrases) search treats as one ("senioren" ~
 * "ouderen" ~ "65-plussers"), kept by curators (search.rules.ts expands a query with them).
 */
@ObjectType({ description: 'A group of equivalent search terms (zoeksynoniemen): a search for one finds the others. Admins keep them.' })
@Entity('search_synonym')
export class SearchSynonym extends CuratedRecord {}

/** One term of a group; a term (by its key) belongs to one group at most. */
@Entity('search_synonym_term')
@Index('UQ_search_synonym_term_position', ['synonymId', 'position'], { unique: true })
export class SearchSynonymTerm extends BaseRecord {
  @Column({ type: 'uuid' })
  synonymId: string;

  @ManyToOne(() => SearchSynonym, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'synonym_id', foreignKeyConstraintName: 'FK_search_synonym_term_synonym' })
  synonym?: SearchSynonym;

  /** Its place in the group, as the curator listed them. */
  @Column({ type: 'smallint' })
  position: number;

  /** As the curator wrote it. */
  @Column({ type: 'varchar', length: 100 })
  term: string;

  /** searchTermKey(term): what makes two terms the same. */
  @Index('UQ_search_synonym_term_key', { unique: true })
  @Column({ type: 'varchar', length: 100 })
  termKey: string;
}
