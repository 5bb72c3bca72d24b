import { ApiKeyScope, UserRole } from './roles';

/** Who is making the request. Built once per request from the session cookie or API key. */
export type Viewer = AnonymousViewer | UserViewer | ApiKeyViewer;

export interface AnonymousViewer {
  kind: 'anonymous';
}

export interface UserViewer {
  kind: 'user';
  userId: string;
  sessionId: string;
  role: UserRole;
  /** ORGANISATION users: the organisation they act for. */
  organisationId: string | null;
  /** MUNICIPALITY users: the areas they are responsible for (not expanded to sub-areas). */
  areaIds: string[];
}

export interface ApiKeyViewer {
  kind: 'apiKey';
  apiKeyId: string;
  organisationId: string;
  scopes: ApiKeyScope[];
}

export const ANONYMOUS: AnonymousViewer = { kind: 'anonymous' };

export function viewerRole(viewer: Viewer): string {
  if (viewer.kind === 'user') return viewer.role;
  if (viewer.kind === 'apiKey') return 'API_KEY';
  return 'ANONYMOUS';
}
