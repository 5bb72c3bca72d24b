import type { EntityManager } from 'typeorm';
import { NotificationKind } from './notification.entity';

/**
 * Notices about a proposal (modules/proposal), in the caller's transaction: the kind and the
 * proposal's id only, so an e-mail counts them by kind and names nothing (a key person
 * proposal's private fields never reach a notice, an e-mail or a log).
 * - PROPOSAL_SUBMITTED: every active admin (the curators);
 * - PROPOSAL_ACCEPTED / PROPOSAL_REJECTED: the proposing organisation's active users.
 * Answers how many users were told.
 */
export async function addProposalNotices(
  tx: EntityManager,
  kind: NotificationKind.PROPOSAL_SUBMITTED | NotificationKind.PROPOSAL_ACCEPTED | NotificationKind.PROPOSAL_REJECTED,
  proposalId: string,
  organisationId: string,
): Promise<number> {
  const rows: unknown[] =
    kind === NotificationKind.PROPOSAL_SUBMITTED
      ? await tx.query(
          `INSERT INTO notification (user_id, organisation_id, kind, proposal_id)
           SELECT u.id, NULL, $1, $2 FROM app_user u WHERE u.role = 'ADMIN' AND u.status = 'ACTIVE' AND u.erased_at IS NULL
           RETURNING id`,
          [kind, proposalId],
        )
      : await tx.query(
          `INSERT INTO notification (user_id, organisation_id, kind, proposal_id)
           SELECT u.id, u.organisation_id, $1, $2 FROM app_user u
            WHERE u.role = 'ORGANISATION' AND u.organisation_id = $3 AND u.status = 'ACTIVE' AND u.erased_at IS NULL
           RETURNING id`,
          [kind, proposalId, organisationId],
        );
  return rows.length;
}
