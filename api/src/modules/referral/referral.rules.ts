import { BadUserInputError } from '../../common/errors';
import { findIdentity, identityMessage } from './identity.rules';

/**
 * Pure rules of a referral (no database): the free text of the anonymous layer, and the dates
 * of a case entered afterwards (§4.5's case ran from May to 2 July 2008 and was written up
 * later — its real dates must fit).
 */

/**
 * Trimmed text of the anonymous layer, null when empty; BAD_USER_INPUT naming the field, with
 * the rule `anonymous` and the first identifying span as its parameters
 * (`extensions.params: { kind, start, end, text }`, for clients that word it themselves) and a
 * Dutch message saying it belongs in the identifying details.
 */
export function anonymousText(value: string | null | undefined, field: string): string | null {
  const text = value?.trim() ?? '';
  if (!text) return null;
  const [hit] = findIdentity(text);
  if (hit) throw new BadUserInputError(field, identityMessage(hit), { rule: 'anonymous', params: { kind: hit.kind, start: hit.start, end: hit.end, text: hit.text } });
  return text;
}

/** Like `anonymousText`, and required. */
export function requiredAnonymousText(value: string, field: string): string {
  const text = anonymousText(value, field);
  if (!text) throw new BadUserInputError(field, `${field.split('.').pop()} cannot be empty`);
  return text;
}

export interface PastDateBounds {
  /** Today on the Dutch calendar. */
  today: string;
  /** The earliest day allowed (YYYY-MM-DD) and why, e.g. the case's start or the area's first year. */
  notBefore: Array<{ on: string; reason: string }>;
}

/**
 * A date a step really happened: never in the future, never before what it follows (the case's
 * start, the previous step, the area's first year). Returns the date or BAD_USER_INPUT naming `field`.
 */
export function assertPastDate(on: string, field: string, bounds: PastDateBounds): string {
  if (on > bounds.today) throw new BadUserInputError(field, `${on} is in the future: a step is entered on the day it happened or later`);
  for (const bound of bounds.notBefore) {
    if (on < bound.on) throw new BadUserInputError(field, `${on} is before ${bound.reason} (${bound.on})`);
  }
  return on;
}

/**
 * Who brings a case into a switch team, by its model (§6.2): a front-line team (model 1) is
 * professionals who work with residents directly, so its cases come from its own members'
 * contact with residents — another organisation refers to one of them; a second-line team
 * (model 2) takes cases from front-line workers, members or not. Other networks, and teams
 * without a recorded model, take cases from anyone. Returns why not, or null.
 */
export function whyNotIntoNetwork(network: { kind: string; switchModel: string | null }, referrerIsCoreMember: boolean): string | null {
  if (network.kind !== 'SWITCH_TEAM' || network.switchModel !== 'FRONTLINE' || referrerIsCoreMember) return null;
  return 'A front-line switch team (§6.2, model 1) works with residents directly: its own members bring cases in; refer to one of its member organisations instead';
}
