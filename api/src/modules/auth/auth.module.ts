import type { FeatureModule } from '../../common/feature';
import { createAuthRouter } from './auth.router';
import { viewerFromApiKey, viewerFromSession } from './auth.service';
import { UserSession } from './user-session.entity';

/** Sign-in, sessions and the check of every request's credentials (docs/security.md). The access decisions themselves are the kernel's (src/auth). */
export const authModule: FeatureModule = {
  name: 'auth',
  entities: [UserSession],
  // Sign-in takes small JSON bodies (MAX_BODY_BYTES).
  routes: [{ path: '/auth', create: createAuthRouter, jsonBody: true }],
  credentials: { viewerFromApiKey, viewerFromSession },
};
