import { BadUserInputError, ConflictError, InvalidTransitionError } from '../../common/errors';
import { ProposalStatus } from './proposal.entity';

/**
 * The rules of a proposal's life (docs/api-guide.md, "Proposals"): pure, no database.
 * PENDING → ACCEPTED | REJECTED (a curator) or WITHDRAWN (the proposing organisation); every
 * other status is final.
 */

export const MOTIVATION_MAX = 2000;
export const REASON_MAX = 2000;

export type Decision = ProposalStatus.ACCEPTED | ProposalStatus.REJECTED | ProposalStatus.WITHDRAWN;

/** INVALID_TRANSITION (from, to) unless the proposal is still pending. */
export function assertDecidable(status: ProposalStatus, to: Decision): void {
  if (status !== ProposalStatus.PENDING) {
    throw new InvalidTransitionError(`The proposal is ${status.toLowerCase()} already and cannot be ${to.toLowerCase()}`, status, to, { rule: 'proposalDecided', allowed: [] });
  }
}

/** A reason is required to reject, optional to accept; at most REASON_MAX characters. Answers it trimmed, or null. */
export function decisionReason(reason: string | null | undefined, to: Decision): string | null {
  const trimmed = reason?.trim() ?? '';
  if (to === ProposalStatus.REJECTED && trimmed === '') throw new BadUserInputError('reason', 'Give the reason for rejecting the proposal', { rule: 'required' });
  if (trimmed.length > REASON_MAX) throw new BadUserInputError('reason', `At most ${REASON_MAX} characters`, { rule: 'maxLength', params: { max: REASON_MAX } });
  return trimmed === '' ? null : trimmed;
}

/**
 * A change is accepted only onto the version it was proposed against: once someone else has
 * changed the record the curator cannot see what the organisation would have proposed now, so
 * the answer is CONFLICT (rule proposalOutdated) and the curator rejects it or the organisation
 * proposes again.
 */
export function assertTargetUnchanged(proposedVersion: number, currentVersion: number): void {
  if (proposedVersion !== currentVersion) {
    throw new ConflictError(`The record was changed after the proposal was made (version ${currentVersion}, proposed against ${proposedVersion}): reject it or propose again`, 'id', {
      rule: 'proposalOutdated',
      params: { proposedVersion, currentVersion },
      currentVersion,
    });
  }
}

/** The notice the proposing organisation gets for a curator's decision; none for its own withdrawal. */
export function noticeOfDecision(to: Decision): 'PROPOSAL_ACCEPTED' | 'PROPOSAL_REJECTED' | null {
  if (to === ProposalStatus.ACCEPTED) return 'PROPOSAL_ACCEPTED';
  if (to === ProposalStatus.REJECTED) return 'PROPOSAL_REJECTED';
  return null;
}

/**
 * The target's current value of each proposed field, for the curator's side-by-side view: the
 * property of the same name, else its reference column (`area` → `areaId`), else null.
 */
export function currentValuesOf(record: Record<string, unknown> | null, payload: Record<string, unknown>): Record<string, unknown> | null {
  if (!record) return null;
  const values: Record<string, unknown> = {};
  for (const key of Object.keys(payload)) {
    const value = key in record ? record[key] : `${key}Id` in record ? record[`${key}Id`] : null;
    values[key] = value instanceof Date ? value.toISOString() : (value ?? null);
  }
  return values;
}
