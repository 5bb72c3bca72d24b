import DataLoader from 'dataloader';
import type { EntityManager } from 'typeorm';
import { byForeignKeyLoader, groupBy, linkLoader } from '../../common/loaders';
import { NETWORK_MEMBER_TIERS_SQL } from '../network';
import { type AccessLogRow, insertAccessLog } from './referral.access-log';
import { splitTiers } from './referral.tiers';
import { ReferralAction } from './referral-action.entity';
import { ReferralConsent } from './referral-consent.entity';
import { ReferralConsultation } from './referral-consultation.entity';
import { ReferralEvent } from './referral-event.entity';

/**
 * Per-request batching for referrals. Only the service and the Referral field resolvers use
 * these, after the access check: a loader never decides who may read.
 */
export interface ReferralLoaders {
  referralEvents: DataLoader<string, ReferralEvent[]>;
  referralActions: DataLoader<string, ReferralAction[]>;
  referralTargetGroupIds: DataLoader<string, string[]>;
  referralInterventionTypeIds: DataLoader<string, string[]>;
  /** Current member organisations of a network, core (with the coordinator) and shell (network-membership.rules). */
  networkMemberTiers: DataLoader<string, { core: string[]; shell: string[] }>;
  /** Every consent of a referral, standing and withdrawn, oldest first. */
  referralConsents: DataLoader<string, ReferralConsent[]>;
  /** The shell partners consulted on a referral. */
  referralConsultations: DataLoader<string, ReferralConsultation[]>;
  /** The request's access-log writer: one INSERT per batch of reads. */
  referralAccessLog: AccessLogBatch;
}

/** Collects access-log rows of one request and writes each batch in one statement. */
export class AccessLogBatch {
  private readonly seen = new Set<string>();
  private readonly writer: DataLoader<AccessLogRow, true>;

  constructor(manager: EntityManager) {
    this.writer = new DataLoader<AccessLogRow, true>(
      async (rows) => {
        await insertAccessLog(manager, rows);
        return rows.map(() => true as const);
      },
      { cache: false },
    );
  }

  /** Resolves once the rows are in the log; a row already logged in this request is skipped. */
  async log(rows: readonly AccessLogRow[]): Promise<void> {
    const fresh = rows.filter((row) => {
      const key = `${row.event_type}|${row.referral_id}|${row.operation}`;
      if (this.seen.has(key)) return false;
      this.seen.add(key);
      return true;
    });
    const results = await this.writer.loadMany(fresh);
    const failed = results.find((r) => r instanceof Error);
    if (failed) throw failed;
  }
}

export function createReferralLoaders(manager: EntityManager): ReferralLoaders {
  return {
    referralEvents: byForeignKeyLoader(manager, ReferralEvent, 'referralId', 'sequence'),
    referralActions: byForeignKeyLoader(manager, ReferralAction, 'referralId', 'dueOn'),
    referralTargetGroupIds: linkLoader(manager, 'referral_target_group', 'referral_id', 'target_group_id'),
    referralInterventionTypeIds: linkLoader(manager, 'referral_intervention_type', 'referral_id', 'intervention_type_id'),
    networkMemberTiers: new DataLoader(async (networkIds) => {
      const rows: { network_id: string; organisation_id: string; core: boolean }[] = await manager.query(NETWORK_MEMBER_TIERS_SQL, [[...networkIds]]);
      return groupBy(networkIds, rows, (row) => row.network_id).map(splitTiers);
    }),
    referralConsents: byForeignKeyLoader(manager, ReferralConsent, 'referralId', 'givenAt'),
    referralConsultations: byForeignKeyLoader(manager, ReferralConsultation, 'referralId', 'createdAt'),
    referralAccessLog: new AccessLogBatch(manager),
  };
}

// Part of every request's `ctx.loaders` (declaration merging into the kernel's Loaders, common/loaders.ts).
declare module '../../common/loaders' {
  interface Loaders extends ReferralLoaders {}
}
