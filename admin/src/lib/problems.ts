import { CombinedGraphQLErrors, ServerError } from '@apollo/client/errors';
import type { GraphQLFormattedError } from 'graphql';
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { toProblem, type ApiProblem, type FieldRule } from './errors';

/**
 * What went wrong with a change, as `toProblem` says, plus what the referral API adds: a move
 * outside the transition table (INVALID_TRANSITION, with the statuses allowed from here) and
 * a record that is gone (NOT_FOUND).
 */
export type ChangeProblem =
  | ApiProblem
  | { kind: 'invalidTransition'; from: string | null; to: string | null; allowed: string[]; operation: string | null }
  | { kind: 'notFound' };

function graphQLErrors(error: unknown): readonly GraphQLFormattedError[] {
  if (CombinedGraphQLErrors.is(error)) return error.errors;
  if (ServerError.is(error)) {
    try {
      const body = JSON.parse(error.bodyText) as { errors?: GraphQLFormattedError[] };
      if (Array.isArray(body.errors)) return body.errors;
    } catch {
      // Not JSON.
    }
  }
  return [];
}

function text(value: unknown): string | null {
  return typeof value === 'string' ? value : null;
}

export function toChangeProblem(error: unknown): ChangeProblem {
  for (const e of graphQLErrors(error)) {
    const code = e.extensions?.code;
    if (code === 'INVALID_TRANSITION') {
      const allowed = Array.isArray(e.extensions?.allowed) ? e.extensions.allowed.filter((s): s is string => typeof s === 'string') : [];
      return { kind: 'invalidTransition', from: text(e.extensions?.from), to: text(e.extensions?.to), allowed, operation: text(e.extensions?.operation) };
    }
    if (code === 'NOT_FOUND') return { kind: 'notFound' };
  }
  return toProblem(error);
}

/**
 * The API's message for a field in the user's language, where we know it (the API answers in
 * English; the field is marked and the message is shown under it).
 */
export function useFieldMessage() {
  const { t } = useTranslation();
  // Stable while the language stays, so hooks that hold it (useChange) need not change.
  return useCallback((message: string, rule?: FieldRule | null, field?: string): string => {
    const worded = rule ? ruleText(t, rule, field ?? '') : null;
    if (worded) return worded;
    if (/anonymous|BSN/i.test(message)) return t('fieldMessage.bsn');
    if (/must contain at least \d+ elements?/.test(message)) return t('fieldMessage.chooseOne');
    if (/cannot be empty|should not be empty|longer than or equal to 1 characters|must not be empty/.test(message)) return t('validation.required');
    const shorter = /shorter than or equal to (\d+)/.exec(message);
    if (shorter) return t('validation.maxLength', { max: Number(shorter[1]) });
    if (/Refer to a receiving organisation, a network or both/.test(message)) return t('fieldMessage.receiverOrNetwork');
    if (/does not refer to itself/.test(message)) return t('fieldMessage.notYourself');
    if (/Consent for a network needs a referral to a network/.test(message)) return t('fieldMessage.networkConsentNeedsNetwork');
    if (/Say who may read/.test(message)) return t('fieldMessage.consentScope');
    if (/due today or later/.test(message)) return t('fieldMessage.dueInFuture');
    if (/must be in the future/.test(message)) return t('fieldMessage.dateInFuture');
    if (/must be a date/.test(message)) return t('fieldMessage.date');
    if (/is archived/.test(message)) return t('fieldMessage.archived');
    if (/^Unknown /.test(message) || /must be an id/.test(message)) return t('fieldMessage.choose');
    if (/Use https|Not a URL|public address|credentials/.test(message)) return t('fieldMessage.webhookUrl');
    if (/at most \d+ webhooks/.test(message)) return t('fieldMessage.tooManyWebhooks');
    return t('validation.other', { message });
  }, [t]);
}

/** The input fields whose `matches` rule is a format the user can be told (`fieldRule.format.<field>`). */
const FORMATS = new Set(['slug', 'code', 'postcode', 'validFrom', 'validTo', 'phone']);

/**
 * A rule the API said the input broke (BAD_USER_INPUT `rule` and `params`), in the user's
 * language; null for a rule the app does not know, which is then worded from the message.
 */
export function ruleText(t: TFunction, { rule, params }: FieldRule, field: string): string | null {
  const number = (name: string) => (typeof params[name] === 'number' ? (params[name] as number) : null);
  switch (rule) {
    case 'required':
    case 'isDefined':
      return t('validation.required');
    case 'isLength':
      return number('min') === 1 && number('max') !== null ? t('fieldRule.lengthRequired', { max: number('max') }) : t('fieldRule.length', { min: number('min'), max: number('max') });
    case 'maxLength':
      return t('validation.maxLength', { max: number('max') });
    case 'arrayMaxSize':
      return t('fieldRule.arrayMaxSize', { max: number('max') });
    case 'min':
      return t('fieldRule.min', { min: number('min') });
    case 'max':
      return t('fieldRule.max', { max: number('max') });
    case 'ageRange':
      return t('fieldRule.ageRange', { min: number('min'), max: number('max') });
    case 'ageOrder':
      return t('fieldRule.ageOrder', { minAge: number('minAge'), maxAge: number('maxAge') });
    case 'dateOrder':
      return t('fieldRule.dateOrder');
    case 'isIso8601':
      return t('fieldMessage.date');
    case 'matches':
      return FORMATS.has(field) ? t(`fieldRule.format.${field as 'slug' | 'code' | 'postcode' | 'validFrom' | 'validTo' | 'phone'}`) : null;
    case 'isEmail':
      return t('validation.email');
    case 'isUrl':
      return t('validation.url');
    case 'isUuid':
    case 'unknownReference':
      return t('fieldMessage.choose');
    case 'archivedReference':
      return t('fieldMessage.archived');
    case 'coordinatesPair':
      return t('fieldRule.coordinatesPair');
    case 'weekday':
      return t('fieldRule.weekday');
    case 'timeOfDay':
      return t('fieldRule.timeOfDay');
    case 'closesAfterOpens':
      return t('fieldRule.closesAfterOpens');
    case 'phoneNumber':
      return t('fieldRule.format.phone');
    case 'houseNumber':
      return t('fieldRule.houseNumber');
    case 'foundedInFuture':
      return t('fieldMessage.foundedInFuture');
    case 'switchModelKind':
      return t('fieldMessage.switchModelKind');
    case 'memberParty':
      return t('fieldMessage.memberWho');
    case 'leftBeforeJoined':
      return t('fieldMessage.leftBeforeJoined');
    case 'duplicate':
      return t('fieldRule.duplicate');
    case 'ownParent':
      return t('fieldRule.ownParent');
    case 'parentCycle':
      return t('fieldRule.parentCycle');
    case 'countsAsSelf':
      return t('fieldRule.countsAsSelf');
    case 'minTerms':
      return t('fieldRule.minTerms', { min: number('min') });
    case 'maxTerms':
      return t('fieldRule.maxTerms', { max: number('max') });
    case 'termCharacters':
      return t('fieldRule.termCharacters');
    case 'duplicateTerm':
      return t('fieldRule.duplicateTerm', { term: String(params.term ?? '') });
    case 'termInOtherGroup':
      return t('fieldRule.termInOtherGroup', { term: String(params.term ?? '') });
    case 'missingReference':
      return t('fieldRule.missingReference');
    case 'notAllowed':
      return t('fieldRule.notAllowed');
    case 'oneMunicipality':
      return t('fieldRule.oneMunicipality', { municipalities: number('municipalities') });
    case 'alreadyArchived':
      return t('fieldRule.alreadyArchived');
    case 'notArchived':
      return t('fieldRule.notArchived');
    case 'erased':
      return t('fieldRule.erased');
    case 'proposalOutdated':
      return t('fieldRule.proposalOutdated', { proposedVersion: number('proposedVersion'), currentVersion: number('currentVersion') });
    case 'anonymous': {
      // Identity in the anonymous layer of a case (the API's identity detector): what, and where.
      const kinds = ['NAME', 'DATE_OF_BIRTH', 'ADDRESS', 'POSTCODE', 'PHONE', 'EMAIL', 'BSN'] as const;
      const kind = kinds.find((k) => k === params.kind);
      const start = number('start');
      if (!kind || start === null) return null;
      return t(`fieldRule.anonymous.${kind}`, { text: String(params.text ?? ''), start: start + 1, end: number('end') });
    }
    default:
      return null;
  }
}
