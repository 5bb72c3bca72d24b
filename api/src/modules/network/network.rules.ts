import { BadUserInputError } from '../../common/errors';
import { NetworkKind } from './network.entity';

/*
 * The rules a network and a network member must meet, whichever way they are written (the
 * GraphQL mutations and the CSV import both go through network.service.ts's applyNetworkInput /
 * applyMemberInput). Each problem carries a rule code and its parameters, which the admin words in
 * the user's language; all of an input's problems are reported together.
 */

/** `YYYY-MM-DD` that is a real day; a problem on `field` otherwise. */
export function dateProblem(value: string | null | undefined, field: string): BadUserInputError | null {
  if (!value) return null;
  const date = new Date(`${value}T00:00:00Z`);
  if (Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== value) return new BadUserInputError(field, `${value} is not a date`, { rule: 'isIso8601' });
  return null;
}

/** A network is recorded from the day it started: never a founding day after `today` (`YYYY-MM-DD`). */
export function foundedOnProblem(foundedOn: string | null | undefined, today: string): BadUserInputError | null {
  if (!foundedOn || foundedOn <= today) return null;
  return new BadUserInputError('input.foundedOn', `${foundedOn} is in the future: a network is recorded from the day it started`, { rule: 'foundedInFuture', params: { foundedOn, today } });
}

/** Only switch teams have a switch model (the book's §6.3 models). */
export function switchModelProblem(record: { kind: NetworkKind; switchModel: string | null }): BadUserInputError | null {
  if (!record.switchModel || record.kind === NetworkKind.SWITCH_TEAM) return null;
  return new BadUserInputError('input.switchModel', `Only switch teams (kind SWITCH_TEAM) have a switch model; this network is ${record.kind}`, {
    rule: 'switchModelKind',
    params: { kind: record.kind },
  });
}

/** What a member must be, as it will be saved: someone (an organisation, one by name, or a key person), who leaves no earlier than they joined. */
export function memberProblems(
  record: { organisationId: string | null; keyPersonId: string | null; organisationName: string | null; joinedOn: string | null; leftOn: string | null },
  change: { leftOn?: unknown },
): BadUserInputError[] {
  const problems: BadUserInputError[] = [];
  if (!record.organisationId && !record.keyPersonId && !record.organisationName) {
    problems.push(new BadUserInputError('input.organisationId', 'A member is an organisation (organisationId, or organisationName for one not on the map) or a key person', { rule: 'memberParty' }));
  }
  if (record.joinedOn && record.leftOn && record.joinedOn > record.leftOn) {
    problems.push(
      new BadUserInputError(change.leftOn !== undefined ? 'input.leftOn' : 'input.joinedOn', `leftOn (${record.leftOn}) must not be before joinedOn (${record.joinedOn})`, {
        rule: 'leftBeforeJoined',
        params: { joinedOn: record.joinedOn, leftOn: record.leftOn },
      }),
    );
  }
  return problems;
}
