import type { DocumentNode } from 'graphql';
import type { TypedDocumentNode } from '@apollo/client';
import { useApolloClient } from '@apollo/client/react';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { graphql } from '../gql';
import { currentLanguage } from '../i18n';
import { useAreaTree } from './areas';
import type { ComboOption } from './collation';
import { organisationLabel, useOrganisationOptions } from './directory';

/**
 * What the curation forms' pickers choose from: every current organisation, area, target group,
 * intervention type (with its basic function) and location of the map, as combobox options.
 * Each list is read in pages of 100 (the map of one municipality has a few hundred of each) and
 * kept in Apollo's cache, so a second form opens at once.
 */

const MAX_PAGES = 20;

interface Page<N> {
  pageInfo: { hasNextPage: boolean; endCursor?: string | null };
  edges: Array<{ node: N }>;
}

/** Every node of a paged list query (`first`/`after`), all pages. */
export function useAllPages<Q, N>(
  document: TypedDocumentNode<Q, { first: number; after?: string | null }> | DocumentNode,
  connectionOf: (data: Q) => Page<N> | undefined,
  /** Read from the server, not the cache (an edit page after a change elsewhere). */
  { fresh = false }: { fresh?: boolean } = {},
) {
  const client = useApolloClient();
  const [nodes, setNodes] = useState<N[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    let cancelled = false;
    void (async () => {
      try {
        const all: N[] = [];
        let after: string | null = null;
        for (let page = 0; page < MAX_PAGES; page++) {
          const result: { data?: Q } = await client.query({ query: document as TypedDocumentNode<Q, { first: number; after?: string | null }>, variables: { first: 100, after }, fetchPolicy: fresh ? 'network-only' : 'cache-first' });
          const connection = result.data ? connectionOf(result.data) : undefined;
          if (!connection) break;
          for (const { node } of connection.edges) all.push(node);
          if (!connection.pageInfo.hasNextPage || !connection.pageInfo.endCursor) break;
          after = connection.pageInfo.endCursor;
        }
        if (!cancelled) setNodes(all);
      } catch (caught) {
        if (!cancelled) setError(caught);
      }
    })();
    return () => {
      cancelled = true;
    };
    // connectionOf is a pure selector given inline; the document decides what is read.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [client, document, attempt, fresh]);
  const retry = useCallback(() => {
    setError(null);
    setNodes(null);
    setAttempt((n) => n + 1);
  }, []);
  return { nodes, error, loading: nodes === null && !error, retry };
}

export const TargetGroupPickerDocument = graphql(`
  query TargetGroupPicker($first: Int!, $after: String) {
    targetGroups(first: $first, after: $after) {
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          id
          code
          nameNl
          nameEn
        }
      }
    }
  }
`);

export const InterventionTypePickerDocument = graphql(`
  query InterventionTypePicker($first: Int!, $after: String) {
    interventionTypes(first: $first, after: $after) {
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          id
          code
          nameNl
          nameEn
          basicFunction {
            number
            nameNl
            nameEn
          }
        }
      }
    }
  }
`);

export const LocationPickerDocument = graphql(`
  query LocationPicker($first: Int!, $after: String) {
    locations(first: $first, after: $after) {
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          id
          name
          address
          city
        }
      }
    }
  }
`);

function useLanguage() {
  const { i18n } = useTranslation();
  return currentLanguage(i18n.language);
}

/** Organisations by id: "Name (abbreviation)". */
export function useOrganisationPicker() {
  const { organisations, loading, error, retry } = useOrganisationOptions();
  const options = useMemo<ComboOption[]>(() => (organisations ?? []).map((o) => ({ value: o.id, label: organisationLabel(o) })), [organisations]);
  return { options, loading, error, retry };
}

/** Areas by id, with their level ("wijk", "buurt") and the area above them. */
export function useAreaPicker() {
  const { t } = useTranslation();
  const tree = useAreaTree();
  const options = useMemo<ComboOption[]>(() => {
    const parentName = new Map<string, string>();
    for (const area of tree.flat) for (const child of area.children) parentName.set(child.id, area.name);
    return tree.flat.map((area) => ({
      value: area.id,
      label: area.name,
      description: [t(`areaLevel.${area.level}`), parentName.get(area.id)].filter(Boolean).join(', '),
    }));
  }, [tree.flat, t]);
  return { options, loading: tree.loading && !tree.data, error: tree.data ? undefined : tree.error };
}

/** Target groups by code, in the user's language. */
export function useTargetGroupPicker() {
  const language = useLanguage();
  const list = useAllPages(TargetGroupPickerDocument, (data) => data.targetGroups);
  const options = useMemo<ComboOption[]>(
    () => (list.nodes ?? []).map((g) => ({ value: g.code, label: language === 'en' ? (g.nameEn ?? g.nameNl) : g.nameNl })),
    [list.nodes, language],
  );
  return { ...list, options };
}

/** Intervention types by code, each with its basic function (so choosing one says which function it adds). */
export function useInterventionTypePicker() {
  const { t } = useTranslation();
  const language = useLanguage();
  const list = useAllPages(InterventionTypePickerDocument, (data) => data.interventionTypes);
  const options = useMemo<ComboOption[]>(
    () =>
      (list.nodes ?? []).map((it) => ({
        value: it.code,
        label: language === 'en' ? (it.nameEn ?? it.nameNl) : it.nameNl,
        description: it.basicFunction
          ? t('picker.basicFunction', { number: it.basicFunction.number, name: language === 'en' ? it.basicFunction.nameEn : it.basicFunction.nameNl })
          : undefined,
      })),
    [list.nodes, language, t],
  );
  return { ...list, options };
}

export const UserPickerDocument = graphql(`
  query UserPicker($first: Int!, $after: String) {
    users(first: $first, after: $after) {
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          id
          displayName
          email
          organisation {
            id
            name
          }
        }
      }
    }
  }
`);

/** User accounts by id (admins read them): the display name, with the e-mail address and organisation to tell namesakes apart. */
export function useUserPicker() {
  const list = useAllPages(UserPickerDocument, (data) => data.users);
  const options = useMemo<ComboOption[]>(
    () => (list.nodes ?? []).map((u) => ({ value: u.id, label: u.displayName, description: [u.email, u.organisation?.name].filter(Boolean).join(', ') || undefined })),
    [list.nodes],
  );
  return { ...list, options };
}

/** Locations by id, with their address. */
export function useLocationPicker() {
  const list = useAllPages(LocationPickerDocument, (data) => data.locations);
  const options = useMemo<ComboOption[]>(
    () => (list.nodes ?? []).map((l) => ({ value: l.id, label: l.name, description: [l.address, l.city].filter(Boolean).join(', ') || undefined })),
    [list.nodes],
  );
  return { ...list, options };
}

export const KeyPersonPickerDocument = graphql(`
  query KeyPersonPicker($first: Int!, $after: String) {
    keyPersons(first: $first, after: $after) {
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          id
          name
          roleDescription
          role {
            code
            nameNl
            nameEn
          }
          organisation {
            id
            name
          }
        }
      }
    }
  }
`);

/**
 * Key persons by id: the name, with the role and the organisation to tell namesakes apart. Only
 * what the list shows every signed-in user; no contact details.
 */
export function useKeyPersonPicker() {
  const language = useLanguage();
  const list = useAllPages(KeyPersonPickerDocument, (data) => data.keyPersons);
  const options = useMemo<ComboOption[]>(
    () =>
      (list.nodes ?? []).map((p) => {
        const role = p.role ? (language === 'en' ? (p.role.nameEn ?? p.role.nameNl) : p.role.nameNl) : p.roleDescription;
        return { value: p.id, label: p.name, description: [role, p.organisation?.name].filter(Boolean).join(', ') || undefined };
      }),
    [list.nodes, language],
  );
  return { ...list, options };
}
