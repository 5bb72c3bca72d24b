import type { NextFunction, Request, Response } from 'express';
import type { DataSource, EntityManager } from 'typeorm';
import { API_KEY_PATTERN } from '../auth/credentials';
import { ANONYMOUS, type ApiKeyViewer, type UserViewer, type Viewer } from '../auth/viewer';
import type { AppConfig } from '../config';

/**
 * Checking a credential against what is stored: the auth feature's (modules/auth/auth.service.ts,
 * handed in through its module as `FeatureModule.credentials`). This file decides only where
 * credentials may come from and how a refusal is answered.
 */
export interface CredentialCheck {
  /** The API key's viewer, or null when the key is unknown, revoked or expired. */
  viewerFromApiKey(manager: EntityManager, key: string): Promise<ApiKeyViewer | null>;
  /** The session's viewer, or null when the session is unknown or has expired. */
  viewerFromSession(manager: EntityManager, policy: AppConfig['session'], token: string): Promise<UserViewer | null>;
}

export const SESSION_COOKIE = 'schakel_session';

/** The bearer token of `Authorization: Bearer …`, if any. */
export function bearerToken(req: Request): string | null {
  const header = req.headers.authorization;
  if (!header) return null;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  return match ? match[1] : '';
}

/** Query parameters clients put API keys in. */
const KEY_PARAMETERS = new Set(['api_key', 'apikey', 'api-key', 'access_token']);

/**
 * The query parameter carrying an API key, if any: one of the usual names, or any parameter
 * whose value is shaped like a Schakel key. Null when the URL has none.
 */
export function apiKeyQueryParameter(url: string): string | null {
  const start = url.indexOf('?');
  if (start < 0) return null;
  for (const [name, value] of new URLSearchParams(url.slice(start + 1))) {
    if (KEY_PARAMETERS.has(name.toLowerCase()) || API_KEY_PATTERN.test(value.trim())) return name;
  }
  return null;
}

export function requestViewer(res: Response): Viewer {
  return (res.locals.viewer as Viewer | undefined) ?? ANONYMOUS;
}

/**
 * Resolves who is calling: an API key (`Authorization: Bearer skl_…`) or a session cookie.
 * A key in the query string (`?api_key=…`) is refused with 400: URLs end up in logs, proxies
 * and browser history, so keys go in the header only (the request log redacts it).
 * A bearer token that is malformed, unknown, revoked or expired is refused with 401 rather
 * than silently treated as anonymous. An invalid cookie is just ignored (and cleared).
 */
export function authenticate({ config, dataSource, credentials }: { config: AppConfig; dataSource: DataSource; credentials: CredentialCheck }) {
  return async (req: Request, res: Response, next: NextFunction) => {
    try {
      const parameter = apiKeyQueryParameter(req.originalUrl ?? req.url);
      if (parameter !== null) {
        res.status(400).json({
          errors: [
            {
              message: `Send the API key in the Authorization header (Authorization: Bearer skl_…), not in the query string ("${parameter}"): URLs end up in logs and browser history, so consider this key exposed and replace it`,
              extensions: { code: 'BAD_USER_INPUT', field: parameter, reason: 'API_KEY_IN_QUERY' },
            },
          ],
        });
        return;
      }
      const token = bearerToken(req);
      if (token !== null) {
        const viewer = token ? await credentials.viewerFromApiKey(dataSource.manager, token) : null;
        if (!viewer) {
          res.status(401).set('WWW-Authenticate', 'Bearer error="invalid_token"').json({
            errors: [{ message: 'The API key is invalid, revoked or expired', extensions: { code: 'UNAUTHENTICATED' } }],
          });
          return;
        }
        res.locals.viewer = viewer;
        return next();
      }
      const sessionToken: unknown = req.cookies?.[SESSION_COOKIE];
      if (typeof sessionToken === 'string' && sessionToken) {
        const viewer = await credentials.viewerFromSession(dataSource.manager, config.session, sessionToken);
        if (viewer) res.locals.viewer = viewer;
        else res.clearCookie(SESSION_COOKIE, { path: '/' });
      }
      next();
    } catch (error) {
      next(error);
    }
  };
}
