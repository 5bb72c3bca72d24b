import { type AuthChecker, Authorized, getMetadataStorage } from 'type-graphql';
import { ForbiddenError, UnauthenticatedError } from '../common/errors';
import { ApiKeyScope, UserRole } from './roles';
import type { Viewer } from './viewer';

/**
 * Access rules. Every query, mutation and field resolver carries one (default deny: the schema
 * refuses to build otherwise, see `assertEveryOperationHasARule`). A rule lists who may; any
 * one match grants access.
 */
export const Rule = {
  /** Anyone, including anonymous visitors; for the viewer's own state. */
  ANYONE: 'ANYONE',
  /** The public part of the map: anonymous visitors and users; API keys need the READ_MAP scope. */
  PUBLIC_MAP: 'PUBLIC_MAP',
  /** Any logged-in person (not API keys): personal data such as key persons. */
  USER: 'USER',
  ADMIN: `ROLE:${UserRole.ADMIN}`,
  MUNICIPALITY: `ROLE:${UserRole.MUNICIPALITY}`,
  ORGANISATION: `ROLE:${UserRole.ORGANISATION}`,
  SCOPE_READ_MAP: `SCOPE:${ApiKeyScope.READ_MAP}`,
  SCOPE_WRITE_OWN_ORGANISATION: `SCOPE:${ApiKeyScope.WRITE_OWN_ORGANISATION}`,
  SCOPE_REFERRALS: `SCOPE:${ApiKeyScope.REFERRALS}`,
} as const;

export type RuleName = (typeof Rule)[keyof typeof Rule];

/** The public map: anonymous reads, users, API keys with READ_MAP. */
export const PublicMap = () => Authorized(Rule.PUBLIC_MAP);
/** Logged-in users only. */
export const LoggedIn = () => Authorized(Rule.USER);
/** Any of the given rules. */
export const Allow = (...rules: RuleName[]) => Authorized(...rules);

export function unauthenticated(message?: string): UnauthenticatedError {
  return new UnauthenticatedError(message);
}

export function forbidden(message?: string): ForbiddenError {
  return new ForbiddenError(message);
}

/**
 * What a rule is judged on: the caller only. Narrower than RequestContext (which satisfies it),
 * so that entities can carry rules without the context, and its loaders, depending back on them.
 */
export interface RuleContext {
  viewer: Viewer;
}

export function ruleAllows(context: RuleContext, rule: string): boolean {
  const viewer = context.viewer;
  switch (rule) {
    case Rule.ANYONE:
      return true;
    case Rule.PUBLIC_MAP:
      return viewer.kind !== 'apiKey' || viewer.scopes.includes(ApiKeyScope.READ_MAP);
    case Rule.USER:
      return viewer.kind === 'user';
    default:
      if (rule.startsWith('ROLE:')) return viewer.kind === 'user' && viewer.role === rule.slice(5);
      if (rule.startsWith('SCOPE:')) return viewer.kind === 'apiKey' && viewer.scopes.includes(rule.slice(6) as ApiKeyScope);
      return false;
  }
}

/** UNAUTHENTICATED for anonymous visitors, FORBIDDEN for everyone else. */
export const authChecker: AuthChecker<RuleContext> = ({ context }, rules) => {
  if (rules.some((rule) => ruleAllows(context, rule))) return true;
  throw context.viewer.kind === 'anonymous' ? unauthenticated() : forbidden();
};

/**
 * Default deny: refuses to build a schema in which a query, mutation, subscription or field
 * resolver has no rule (class-level or its own).
 */
export function assertEveryOperationHasARule(): void {
  const storage = getMetadataStorage();
  const missing = [...storage.queries, ...storage.mutations, ...storage.subscriptions, ...storage.fieldResolvers]
    .filter((def) => !def.roles)
    .map((def) => `${def.target.name}.${def.methodName}`);
  if (missing.length > 0) throw new Error(`Operations without an access rule (add @PublicMap(), @LoggedIn() or @Allow(...)): ${missing.join(', ')}`);
}
