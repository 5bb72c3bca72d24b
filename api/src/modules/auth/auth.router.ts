import express, { type Request } from 'express';
import type { DataSource } from 'typeorm';
import { z } from 'zod';
import { ErrorCode } from '../../common/errors';
import type { AppConfig } from '../../config';
import { SESSION_COOKIE, requestViewer } from '../../http/authenticate';
import { parseBody } from '../../http/query';
import { type RouteDependencies, restError } from '../../http/routes';
import { dummyPasswordHash, login, logout } from './auth.service';

function clientOf(req: Request) {
  const agent = req.headers['user-agent'];
  return { ip: req.ip ?? null, userAgent: typeof agent === 'string' ? agent.slice(0, 500) : null };
}

/** The sign-in body; every problem answers 400 BAD_USER_INPUT naming the first field (http/query.ts). */
const LOGIN = z.object({
  email: z.string({ error: 'E-mail is required' }).refine((email) => email.trim() !== '', 'E-mail is required'),
  password: z.string({ error: 'Password is required' }).min(1, 'Password is required'),
});

/**
 * Cookie sessions for people: `POST /auth/login` and `POST /auth/logout` (JSON bodies only, so
 * a cross-site form cannot post them). The cookie is HttpOnly, SameSite=Strict and Secure in
 * production; the GraphQL API reads it on every request.
 */
export function createAuthRouter({ config, dataSource, sessions }: Pick<RouteDependencies, 'config' | 'dataSource' | 'sessions'>): express.Router {
  const router = express.Router();
  // Made now, so the first unknown e-mail takes no longer than a known one (a failure surfaces at that login).
  dummyPasswordHash().catch(() => undefined);

  router.post('/login', async (req, res, next) => {
    try {
      // Errors are answered by the app's restErrorHandler (app.ts), in the REST routers' shape.
      if (!req.is('application/json')) throw restError(415, ErrorCode.BAD_USER_INPUT, 'Send JSON');
      // A JSON array or an empty body has no fields: both are reported missing.
      const body: unknown = req.body !== null && typeof req.body === 'object' && !Array.isArray(req.body) ? req.body : {};
      const { email, password } = parseBody(LOGIN, body);
      const result = await login(dataSource.manager, config.session, config.loginThrottle, email, password, clientOf(req));
      if (!result.ok) {
        // One answer whichever limit refused it (account, address or both), and for known and unknown e-mails alike.
        if (result.reason === 'throttled') {
          throw restError(429, 'TOO_MANY_REQUESTS', 'Too many failed logins; try again later', { headers: { 'Retry-After': String(result.retryAfterSeconds) } });
        }
        throw restError(401, ErrorCode.UNAUTHENTICATED, 'E-mail or password is wrong');
      }
      res.cookie(SESSION_COOKIE, result.token, {
        httpOnly: true,
        secure: config.session.cookieSecure,
        sameSite: 'strict',
        path: '/',
        maxAge: config.session.absoluteHours * 3_600_000,
      });
      const { user } = result;
      res.json({ user: { id: user.id, email: user.email, displayName: user.displayName, role: user.role, organisationId: user.organisationId } });
    } catch (error) {
      next(error);
    }
  });

  router.post('/logout', async (req, res, next) => {
    try {
      const token: unknown = req.cookies?.[SESSION_COOKIE];
      if (typeof token === 'string' && token) {
        await logout(dataSource.manager, token);
        // This process forgets it at once; the others drop it when the revocation's NOTIFY arrives (http/credential-cache.ts).
        sessions.forget(token);
      }
      res.clearCookie(SESSION_COOKIE, { path: '/' });
      res.json({ loggedOut: requestViewer(res).kind === 'user' });
    } catch (error) {
      next(error);
    }
  });

  return router;
}
