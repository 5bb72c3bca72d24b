import { useApolloClient, useQuery } from '@apollo/client/react';
import { createContext, useCallback, useContext, useMemo, type ReactNode } from 'react';
import { graphql } from '../gql';
import type { ViewerQuery } from '../gql/graphql';

export const ViewerDocument = graphql(`
  query Viewer {
    viewer {
      kind
      user {
        id
        displayName
        email
        role
      }
      organisation {
        id
        name
        slug
      }
      areas {
        id
        slug
        name
        level
      }
    }
  }
`);

type ViewerInfo = ViewerQuery['viewer'];
export type Role = NonNullable<ViewerInfo['user']>['role'];

/** A signed-in person, as the admin app needs them. */
export interface Viewer {
  id: string;
  displayName: string;
  email: string;
  role: Role;
  organisation: ViewerInfo['organisation'];
  areas: ViewerInfo['areas'];
}

export type LoginResult =
  | { ok: true }
  | { ok: false; reason: 'field'; field: 'email' | 'password' }
  | { ok: false; reason: 'wrong' }
  | { ok: false; reason: 'locked'; retryAfterMinutes: number | null }
  | { ok: false; reason: 'unavailable' };

interface ViewerContextValue {
  /** True until the first answer of the `viewer` query. */
  loading: boolean;
  error: Error | undefined;
  /** The signed-in person; null for an anonymous visitor (or an API key, which the app does not serve). */
  viewer: Viewer | null;
  retry(): void;
  login(email: string, password: string): Promise<LoginResult>;
  logout(): Promise<void>;
}

const ViewerContext = createContext<ViewerContextValue | null>(null);

async function postJson(path: string, body: unknown): Promise<Response> {
  return fetch(path, {
    method: 'POST',
    credentials: 'same-origin',
    headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
    body: JSON.stringify(body),
  });
}

export function ViewerProvider({ children }: { children: ReactNode }) {
  const client = useApolloClient();
  const { data, loading, error, refetch } = useQuery(ViewerDocument, { notifyOnNetworkStatusChange: false });

  const viewer = useMemo<Viewer | null>(() => {
    const info = data?.viewer;
    if (!info || info.kind !== 'USER' || !info.user) return null;
    return { ...info.user, organisation: info.organisation, areas: info.areas };
  }, [data]);

  const login = useCallback(
    async (email: string, password: string): Promise<LoginResult> => {
      let response: Response;
      try {
        response = await postJson('/auth/login', { email, password });
      } catch {
        return { ok: false, reason: 'unavailable' };
      }
      if (response.ok) {
        // Everything cached so far was read anonymously: start again as the signed-in user.
        await client.resetStore();
        return { ok: true };
      }
      if (response.status === 400) {
        const body = (await response.json().catch(() => ({}))) as { error?: { field?: string } };
        return { ok: false, reason: 'field', field: body.error?.field === 'password' ? 'password' : 'email' };
      }
      if (response.status === 401) return { ok: false, reason: 'wrong' };
      if (response.status === 429) {
        const seconds = Number(response.headers.get('Retry-After'));
        return { ok: false, reason: 'locked', retryAfterMinutes: Number.isFinite(seconds) && seconds > 0 ? Math.ceil(seconds / 60) : null };
      }
      return { ok: false, reason: 'unavailable' };
    },
    [client],
  );

  const logout = useCallback(async () => {
    try {
      await postJson('/auth/logout', {});
    } finally {
      // A full page load drops everything this session had in memory (shared computers).
      window.location.assign('/inloggen?uitgelogd=1');
    }
  }, []);

  const value = useMemo<ViewerContextValue>(
    () => ({
      loading: loading && !data,
      error: data ? undefined : error,
      viewer,
      retry: () => void refetch(),
      login,
      logout,
    }),
    [loading, data, error, viewer, refetch, login, logout],
  );
  return <ViewerContext.Provider value={value}>{children}</ViewerContext.Provider>;
}

export function useViewer(): ViewerContextValue {
  const value = useContext(ViewerContext);
  if (!value) throw new Error('useViewer outside ViewerProvider');
  return value;
}
