import type { NextFunction, Request, Response } from 'express';
import type { DataSource } from 'typeorm';
import type { AppConfig } from '../config';
import { viewerFromApiKey, viewerFromSession } from '../modules/auth/auth.service';
import { ANONYMOUS, type Viewer } from '../modules/auth/viewer';

export const SESSION_COOKIE = 'schakel_session';

/** The bearer token of `Authorization: Bearer …`, if any. */
export function bearerToken(req: Request): string | null {
  const header = req.headers.authorization;
  if (!header) return null;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  return match ? match[1] : '';
}

export function requestViewer(res: Response): Viewer {
  return (res.locals.viewer as Viewer | undefined) ?? ANONYMOUS;
}

/**
 * Resolves who is calling: an API key (`Authorization: Bearer skl_…`) or a session cookie.
 * A bearer token that is malformed, unknown, revoked or expired is refused with 401 rather
 * than silently treated as anonymous. An invalid cookie is just ignored (and cleared).
 */
export function authenticate({ config, dataSource }: { config: AppConfig; dataSource: DataSource }) {
  return async (req: Request, res: Response, next: NextFunction) => {
    try {
      const token = bearerToken(req);
      if (token !== null) {
        const viewer = token ? await viewerFromApiKey(dataSource.manager, token) : null;
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
        const viewer = await viewerFromSession(dataSource.manager, config.session, sessionToken);
        if (viewer) res.locals.viewer = viewer;
        else res.clearCookie(SESSION_COOKIE, { path: '/' });
      }
      next();
    } catch (error) {
      next(error);
    }
  };
}
