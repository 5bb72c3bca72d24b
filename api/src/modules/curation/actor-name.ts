import type { RequestContext } from '../../context';

/**
 * The `actorName` of a history row (change history, referral events, access log): the user's
 * display name (`[erased]` once erased, docs/security.md), or the API key's name. The change
 * history adds the key's prefix, by which an organisation recognises its keys in lists
 * (docs/security.md, "API keys"); referral events and the access log have named the key alone
 * since they were introduced, and their tests hold them to it.
 */
export interface ActorNameFormat {
  withKeyPrefix: boolean;
}

export function formatActorName(
  actor: { user: { displayName: string } | null; apiKey: { name: string; prefix: string } | null },
  format: ActorNameFormat,
): string | null {
  if (actor.user) return actor.user.displayName;
  if (actor.apiKey) return format.withKeyPrefix ? `API key ${actor.apiKey.name} (${actor.apiKey.prefix})` : `API key ${actor.apiKey.name}`;
  return null;
}

/** Loads the actor of a row (by user id, else API key id) and names it. */
export async function actorName(ctx: RequestContext, ids: { userId: string | null; apiKeyId: string | null }, format: ActorNameFormat): Promise<string | null> {
  if (ids.userId) return formatActorName({ user: await ctx.loaders.userById.load(ids.userId), apiKey: null }, format);
  if (ids.apiKeyId) return formatActorName({ user: null, apiKey: await ctx.loaders.apiKeyById.load(ids.apiKeyId) }, format);
  return null;
}
