import express, { type Request, type Response } from 'express';
import type { DataSource } from 'typeorm';
import type { AppConfig } from '../../config';
import { SESSION_COOKIE, requestViewer } from '../../http/authenticate';
import { dummyPasswordHash, login, logout } from './auth.service';

function clientOf(req: Request) {
  const agent = req.headers['user-agent'];
  return { ip: req.ip ?? null, userAgent: typeof agent === 'string' ? agent.slice(0, 500) : null };
}

function jsonError(res: Response, status: number, code: string, message: string, field?: string) {
  res.status(status).json({ error: { code, message, ...(field ? { field } : {}) } });
}

/**
 * Cookie sessions for people: `POST /auth/login` and `POST /auth/logout` (JSON bodies only, so
 * a cross-site form cannot post them). The cookie is HttpOnly, SameSite=Strict and Secure in
 * production; the GraphQL API reads it on every request.
 */
export function createAuthRouter({ config, dataSource }: { config: AppConfig; dataSource: DataSource }): express.Router {
  const router = express.Router();
  // Made now, so the first unknown e-mail takes no longer than a known one (a failure surfaces at that login).
  dummyPasswordHash().catch(() => undefined);

  router.post('/login', async (req, res, next) => {
    try {
      if (!req.is('application/json')) return jsonError(res, 415, 'BAD_USER_INPUT', 'Send JSON');
      const { email, password } = (req.body ?? {}) as { email?: unknown; password?: unknown };
      if (typeof email !== 'string' || !email.trim()) return jsonError(res, 400, 'BAD_USER_INPUT', 'E-mail is required', 'email');
      if (typeof password !== 'string' || !password) return jsonError(res, 400, 'BAD_USER_INPUT', 'Password is required', 'password');
      const result = await login(dataSource.manager, config.session, config.loginThrottle, email, password, clientOf(req));
      if (!result.ok) {
        // One answer whichever limit refused it (account, address or both), and for known and unknown e-mails alike.
        if (result.reason === 'throttled') {
          res.set('Retry-After', String(result.retryAfterSeconds));
          return jsonError(res, 429, 'TOO_MANY_REQUESTS', 'Too many failed logins; try again later');
        }
        return jsonError(res, 401, 'UNAUTHENTICATED', 'E-mail or password is wrong');
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
      if (typeof token === 'string' && token) await logout(dataSource.manager, token);
      res.clearCookie(SESSION_COOKIE, { path: '/' });
      res.json({ loggedOut: requestViewer(res).kind === 'user' });
    } catch (error) {
      next(error);
    }
  });

  return router;
}
