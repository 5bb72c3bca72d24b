/** Pure helper shared by the loaders and the read rule (referral.access.ts). */

/** Core and shell organisations from NETWORK_MEMBER_TIERS_SQL rows of one network (core wins). */
export function splitTiers(rows: readonly { organisation_id: string; core: boolean }[]): { core: string[]; shell: string[] } {
  const core = new Set(rows.filter((r) => r.core).map((r) => r.organisation_id));
  const shell = new Set(rows.filter((r) => !r.core && !core.has(r.organisation_id)).map((r) => r.organisation_id));
  return { core: [...core], shell: [...shell] };
}
