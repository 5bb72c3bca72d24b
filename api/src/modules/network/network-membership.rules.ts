import { dutchDate } from '../../common/dates';

/**
 * The one rule for "current network member", for everything that depends on it: who reads a
 * referral of the network (list, detail, search, counts), who sees the network agenda, whose
 * webhooks receive a referral's events, and which members the team norms count.
 *
 * A member is current on `today` when it has joined (no `joinedOn`, or `joinedOn <= today`)
 * and has not left (no `leftOn`, or `leftOn > today`). So a member starts on its `joinedOn`
 * day and its last day is the day before `leftOn`: a member who leaves today reads nothing
 * today, and a member whose start date is in the future reads nothing until that day.
 *
 * "Today" is the date in Europe/Amsterdam (the Dutch calendar the data is about), never the
 * server's or the database session's time zone: `membershipToday()` in TypeScript and
 * `MEMBERSHIP_TODAY_SQL` in SQL say the same day. `isCurrentNetworkMember` and
 * `currentNetworkMemberSql` say the same thing; network-membership.rules.test.ts checks them
 * against each other on a table of cases.
 */

export const MEMBERSHIP_TIME_ZONE = 'Europe/Amsterdam';

/** The dates a membership is judged on (`YYYY-MM-DD` or null, as the `date` columns hold them). */
export interface MembershipPeriod {
  joinedOn: string | null;
  leftOn: string | null;
}

/** Today on the Dutch calendar, `YYYY-MM-DD`. */
export function membershipToday(instant: Date = new Date()): string {
  return dutchDate(instant);
}

/** Is the member current on `today` (`YYYY-MM-DD`, default: today in Europe/Amsterdam)? */
export function isCurrentNetworkMember(member: MembershipPeriod, today: string = membershipToday()): boolean {
  if (member.joinedOn !== null && member.joinedOn > today) return false;
  if (member.leftOn !== null && member.leftOn <= today) return false;
  return true;
}

/** Today in Europe/Amsterdam as an SQL `date`, whatever the session's TimeZone. */
export const MEMBERSHIP_TODAY_SQL = `(now() AT TIME ZONE '${MEMBERSHIP_TIME_ZONE}')::date`;

/**
 * The same rule as an SQL condition on a `network_member` row aliased `alias`. `today` is an
 * SQL date expression (default: today in Europe/Amsterdam); tests pass a parameter.
 */
export function currentNetworkMemberSql(alias: string, today: string = MEMBERSHIP_TODAY_SQL): string {
  if (!/^[a-z_][a-z0-9_]*$/i.test(alias)) throw new Error(`Not an SQL alias: ${alias}`);
  return `((${alias}.joined_on IS NULL OR ${alias}.joined_on <= ${today}) AND (${alias}.left_on IS NULL OR ${alias}.left_on > ${today}))`;
}

/**
 * Member organisations of a network: current members (`currentNetworkMemberSql`: joined and
 * not left, today in Europe/Amsterdam) and the coordinating organisation. The same rule as
 * `networkMemberOrganisationIds` in the referral loaders and `networkMemberIds` in referral.access.ts.
 */
export const NETWORK_MEMBERS_SQL = `
  SELECT nm.network_id, nm.organisation_id FROM network_member nm
   WHERE nm.network_id = ANY($1) AND nm.organisation_id IS NOT NULL AND ${currentNetworkMemberSql('nm')}
  UNION
  SELECT n.id, n.coordinator_organisation_id FROM network n
   WHERE n.id = ANY($1) AND n.coordinator_organisation_id IS NOT NULL`;

/**
 * Core and shell partners (§4.4 B): kernpartners attend the meetings and read the anonymous
 * layer of every case brought into the network; schilpartners are "niet bij de bijeenkomsten …
 * aanwezig, maar via een vaste contactpersoon geconsulteerd" and read a case only when a core
 * partner consults them on it. A member is core unless its tier says SHELL (a tier not
 * recorded counts as taking part in the meetings), and the coordinating organisation is core.
 * An organisation that is both (a core and a shell membership) is core.
 * `isCoreTier` and `coreTierSql` say the same thing.
 */
export function isCoreTier(tier: string | null): boolean {
  return tier !== 'SHELL';
}

export function coreTierSql(alias: string): string {
  if (!/^[a-z_][a-z0-9_]*$/i.test(alias)) throw new Error(`Not an SQL alias: ${alias}`);
  return `(${alias}.tier IS DISTINCT FROM 'SHELL')`;
}

/** Current member organisations of networks ($1, an array) with `core` (boolean); the coordinator is core. */
export const NETWORK_MEMBER_TIERS_SQL = `
  SELECT nm.network_id, nm.organisation_id, bool_or(${coreTierSql('nm')}) AS core FROM network_member nm
   WHERE nm.network_id = ANY($1) AND nm.organisation_id IS NOT NULL AND ${currentNetworkMemberSql('nm')}
   GROUP BY nm.network_id, nm.organisation_id
  UNION ALL
  SELECT n.id, n.coordinator_organisation_id, true FROM network n
   WHERE n.id = ANY($1) AND n.coordinator_organisation_id IS NOT NULL`;

/** Networks in which the organisation (the named parameter `:org`) is a current core member or the coordinator. */
export const CORE_MEMBER_NETWORKS_SQL = `(SELECT nm.network_id FROM network_member nm WHERE nm.organisation_id = :org AND ${currentNetworkMemberSql('nm')} AND ${coreTierSql('nm')}
   UNION SELECT n.id FROM network n WHERE n.coordinator_organisation_id = :org)`;
