import { GraphQLJSONObject } from 'graphql-scalars';
import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Check, Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { CuratedRecord } from '../../common/base.entity';
import { sqlValues } from '../../common/sql';
import { Organisation } from '../organisation/organisation.entity';
import { User } from '../user/user.entity';

/** The kinds of record an organisation may propose a change to, or a new one of. */
export enum ProposalKind {
  ORGANISATION = 'ORGANISATION',
  SERVICE = 'SERVICE',
  LOCATION = 'LOCATION',
  KEY_PERSON = 'KEY_PERSON',
}

/** PENDING until a curator accepts or rejects it, or the proposing organisation withdraws it; then final. */
export enum ProposalStatus {
  PENDING = 'PENDING',
  ACCEPTED = 'ACCEPTED',
  REJECTED = 'REJECTED',
  WITHDRAWN = 'WITHDRAWN',
}

registerEnumType(ProposalKind, { name: 'ProposalKind', description: 'The kind of record a proposal is about.' });
registerEnumType(ProposalStatus, {
  name: 'ProposalStatus',
  valuesConfig: {
    PENDING: { description: 'Waiting for a curator.' },
    ACCEPTED: { description: 'A curator accepted it: the change was made (`resultId`).' },
    REJECTED: { description: 'A curator rejected it, with a reason.' },
    WITHDRAWN: { description: 'The proposing organisation withdrew it.' },
  },
});

/**
 * Voorstel: an organisation user's proposed change to a record it may not change itself, or a
 * proposed new record, as the input of that kind's create or update mutation (`payload`); a
 * curator (an admin) accepts it — the real write runs — or rejects it with a reason
 * (docs/api-guide.md, "Proposals").
 */
@ObjectType('Proposal', { description: "An organisation's proposed change to a record (or a new record) for a curator to accept or reject." })
@Entity('proposal')
@Check('CHK_proposal_kind', `kind IN (${sqlValues(ProposalKind)})`)
@Check('CHK_proposal_status', `status IN (${sqlValues(ProposalStatus)})`)
@Check('CHK_proposal_target', `(target_id IS NULL) = (target_version IS NULL)`)
@Check('CHK_proposal_motivation', `length(btrim(motivation)) > 0`)
@Check(
  'CHK_proposal_decision',
  `CASE WHEN status = 'PENDING' THEN decided_at IS NULL AND decision_reason IS NULL AND result_id IS NULL
        WHEN status = 'REJECTED' THEN decided_at IS NOT NULL AND length(btrim(decision_reason)) > 0 AND result_id IS NULL
        WHEN status = 'ACCEPTED' THEN decided_at IS NOT NULL AND result_id IS NOT NULL
        ELSE decided_at IS NOT NULL AND result_id IS NULL END`,
)
@Index('IDX_proposal_status', ['status', 'createdAt'])
@Index('IDX_proposal_target', ['kind', 'targetId'])
export class Proposal extends CuratedRecord {
  @Field(() => ProposalKind)
  @Column({ type: 'varchar', length: 20 })
  kind: ProposalKind;

  @Field(() => ID, { nullable: true, description: 'The record to change; null: a proposed new record.' })
  @Column({ type: 'uuid', nullable: true })
  targetId: string | null;

  @Field(() => Int, { nullable: true, description: 'The version of the record the proposal was made against; accepting answers CONFLICT once the record has moved on.' })
  @Column({ type: 'integer', nullable: true })
  targetVersion: number | null;

  @Field(() => GraphQLJSONObject, { description: "The proposed input, exactly that of the kind's create mutation (new record) or update mutation (change)." })
  @Column({ type: 'jsonb' })
  payload: Record<string, unknown>;

  @Field(() => String, { description: 'Why the organisation proposes it.' })
  @Column({ type: 'text' })
  motivation: string;

  @Index('IDX_proposal_proposer_user_id')
  @Column({ type: 'uuid', nullable: true })
  proposerUserId: string | null;

  @ManyToOne(() => User, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'proposer_user_id', foreignKeyConstraintName: 'FK_proposal_proposer_user' })
  proposerUser?: User | null;

  @Field(() => ID)
  @Index('IDX_proposal_proposer_organisation_id')
  @Column({ type: 'uuid' })
  proposerOrganisationId: string;

  @ManyToOne(() => Organisation, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'proposer_organisation_id', foreignKeyConstraintName: 'FK_proposal_proposer_organisation' })
  proposerOrganisation?: Organisation;

  @Field(() => ProposalStatus)
  @Column({ type: 'varchar', length: 20, default: ProposalStatus.PENDING })
  status: ProposalStatus;

  @Index('IDX_proposal_decided_by_user_id')
  @Column({ type: 'uuid', nullable: true })
  decidedByUserId: string | null;

  @ManyToOne(() => User, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'decided_by_user_id', foreignKeyConstraintName: 'FK_proposal_decided_by_user' })
  decidedByUser?: User | null;

  @Field(() => Date, { nullable: true, description: 'When it was accepted, rejected or withdrawn.' })
  @Column({ type: 'timestamptz', nullable: true })
  decidedAt: Date | null;

  @Field(() => String, { nullable: true, description: "The curator's reason (required on reject; optional on accept)." })
  @Column({ type: 'text', nullable: true })
  decisionReason: string | null;

  @Field(() => ID, { nullable: true, description: 'The record created or changed when the proposal was accepted.' })
  @Column({ type: 'uuid', nullable: true })
  resultId: string | null;
}
