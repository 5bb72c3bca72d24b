import { Client } from 'pg';
import type { Logger } from 'pino';
import type { EntityManager } from 'typeorm';
import { sha256Hex } from '../auth/credentials';
import type { ApiKeyViewer, UserViewer } from '../auth/viewer';
import type { AppConfig } from '../config';
import type { CredentialCheck } from './authenticate';

/**
 * The callers this process has just checked, kept for `ttlMs` (CREDENTIAL_CACHE_SECONDS), so a
 * request with a session cookie or an API key costs no statement when the same caller asked a
 * moment ago (docs/operations.md, "Several replicas").
 *
 * Revocation stays effective at once, everywhere:
 * - logout in this process forgets the session before it answers (`forget`), and a GraphQL
 *   mutation answers only after the notifications of what it committed have arrived (`sync`);
 * - every other change that ends or narrows a credential (a session revoked, a user disabled or
 *   given another role, organisation or areas, an API key revoked, expired or re-scoped) makes
 *   PostgreSQL `NOTIFY schakel_credentials` (migration 1765400000000) at commit, which every
 *   replica's listener receives and drops the caller for;
 * - while the listener is not connected, nothing is cached (every request is checked), so a lost
 *   notification can only cost what arrived before the connection dropped, and never more than
 *   the lifetime of an entry.
 *
 * Only hashes are kept as keys (never the token), and refusals are not cached: an unknown token
 * costs its statement each time, as before.
 */
export interface CredentialCache extends CredentialCheck {
  /** Drop a session token at once (logout). */
  forget(token: string): void;
  /**
   * Resolves once the notifications of every transaction that committed before the call have
   * been applied. PostgreSQL signals the listener at commit, but this process may read the next
   * request before the listener's socket; a round trip on the listener's connection comes back
   * after the notifications queued before it. GraphQL mutations await it before they answer, so a
   * revocation is effective at once in the process that made it (app.ts).
   */
  sync(): Promise<void>;
  /** Entries held now (metrics, tests). */
  size(): number;
  /** Resolves once the first attempt to listen has ended: true when notifications now arrive (and callers are cached). */
  started: Promise<boolean>;
  /** Stop listening and forget everything. */
  close(): Promise<void>;
}

export interface CredentialCacheOptions {
  ttlMs: number;
  /** Most entries kept; the oldest go first. */
  maxEntries?: number;
  /** The database URL whose notifications are listened to; null: no listener, so nothing is cached. */
  listenUrl: string | null;
  logger?: Pick<Logger, 'warn' | 'info'>;
  /** Milliseconds before a dropped listener connects again. */
  reconnectMs?: number;
}

export const CREDENTIALS_CHANNEL = 'schakel_credentials';

interface Entry {
  viewer: UserViewer | ApiKeyViewer;
  /** `user:<id>` or `key:<id>`: what a notification names. */
  owner: string;
  until: number;
}

export function createCredentialCache(check: CredentialCheck, options: CredentialCacheOptions): CredentialCache {
  const maxEntries = options.maxEntries ?? 10_000;
  const entries = new Map<string, Entry>();
  const byOwner = new Map<string, Set<string>>();
  let listening = false;
  /** Notifications received so far: a check that saw one arrive while it ran caches nothing (it may have read the row before the change). */
  let received = 0;
  let closed = false;
  let client: Client | null = null;
  let retry: NodeJS.Timeout | undefined;

  const drop = (hash: string) => {
    const entry = entries.get(hash);
    if (!entry) return;
    entries.delete(hash);
    const hashes = byOwner.get(entry.owner);
    hashes?.delete(hash);
    if (hashes?.size === 0) byOwner.delete(entry.owner);
  };
  const dropOwner = (owner: string) => {
    for (const hash of byOwner.get(owner) ?? []) entries.delete(hash);
    byOwner.delete(owner);
  };
  const clear = () => {
    entries.clear();
    byOwner.clear();
  };
  const remember = (hash: string, viewer: UserViewer | ApiKeyViewer, receivedBefore: number) => {
    if (!listening || options.ttlMs <= 0 || received !== receivedBefore) return;
    drop(hash);
    while (entries.size >= maxEntries) drop(entries.keys().next().value as string);
    const owner = viewer.kind === 'user' ? `user:${viewer.userId}` : `key:${viewer.apiKeyId}`;
    entries.set(hash, { viewer, owner, until: Date.now() + options.ttlMs });
    let hashes = byOwner.get(owner);
    if (!hashes) byOwner.set(owner, (hashes = new Set()));
    hashes.add(hash);
  };
  const cached = (hash: string) => {
    const entry = entries.get(hash);
    if (!entry) return null;
    if (!listening || entry.until <= Date.now()) {
      drop(hash);
      return null;
    }
    return entry.viewer;
  };

  const listen = async () => {
    if (closed || !options.listenUrl || options.ttlMs <= 0) return;
    const next = new Client({ connectionString: options.listenUrl, application_name: 'schakel-credential-listener', keepAlive: true });
    const lost = (error?: Error) => {
      if (client !== next) return;
      client = null;
      listening = false;
      clear();
      next.end().catch(() => undefined);
      if (closed) return;
      options.logger?.warn({ err: { message: error?.message ?? 'connection ended' } }, 'credential cache: listener lost; checking every request until it is back');
      retry = setTimeout(() => void listen(), options.reconnectMs ?? 1000);
      retry.unref();
    };
    client = next;
    next.on('error', lost);
    next.on('end', () => lost());
    next.on('notification', (message) => {
      received += 1;
      if (message.channel === CREDENTIALS_CHANNEL && message.payload) dropOwner(message.payload);
    });
    try {
      await next.connect();
      await next.query(`LISTEN ${CREDENTIALS_CHANNEL}`);
      if (client === next && !closed) listening = true;
    } catch (error) {
      lost(error as Error);
    }
  };
  const started = listen().then(() => listening);

  return {
    started,
    async viewerFromSession(manager: EntityManager, policy: AppConfig['session'], token: string) {
      const hash = `s:${sha256Hex(token)}`;
      const hit = cached(hash);
      if (hit?.kind === 'user') return hit;
      const before = received;
      const viewer = await check.viewerFromSession(manager, policy, token);
      if (viewer) remember(hash, viewer, before);
      return viewer;
    },
    async viewerFromApiKey(manager: EntityManager, key: string) {
      const hash = `k:${sha256Hex(key)}`;
      const hit = cached(hash);
      if (hit?.kind === 'apiKey') return hit;
      const before = received;
      const viewer = await check.viewerFromApiKey(manager, key);
      if (viewer) remember(hash, viewer, before);
      return viewer;
    },
    forget(token: string) {
      drop(`s:${sha256Hex(token)}`);
    },
    async sync() {
      const current = listening ? client : null;
      if (!current) return;
      try {
        await current.query('SELECT 1');
      } catch {
        // The listener is lost: `lost` has forgotten everything, and nothing is cached until it is back.
      }
    },
    size: () => entries.size,
    async close() {
      closed = true;
      listening = false;
      clearTimeout(retry);
      clear();
      const current = client;
      client = null;
      await current?.end().catch(() => undefined);
    },
  };
}
