import { useApolloClient, useQuery } from '@apollo/client/react';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { graphql } from '../gql';
import type { OrganisationOptionsQuery } from '../gql/graphql';

/**
 * Lists the referral and integration forms choose from: every organisation on the map (for
 * the receiving organisation, an action's organisation, the problem owner), the networks the
 * user's organisation takes part in, and the target groups.
 */

export const OrganisationOptionsDocument = graphql(`
  query OrganisationOptions($first: Int!, $after: String) {
    organisations(first: $first, after: $after) {
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          id
          name
          abbreviation
        }
      }
    }
  }
`);

export interface OrganisationOption {
  id: string;
  name: string;
  abbreviation: string | null;
}

/** At most this many pages of 100: the map of one municipality has a few hundred organisations. */
const MAX_PAGES = 20;

/** Every current organisation, by name (all pages, from the cache after the first time). */
export function useOrganisationOptions() {
  const client = useApolloClient();
  const [organisations, setOrganisations] = useState<OrganisationOption[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    let cancelled = false;
    void (async () => {
      try {
        const all: OrganisationOption[] = [];
        let after: string | null = null;
        for (let page = 0; page < MAX_PAGES; page++) {
          const result: { data?: OrganisationOptionsQuery } = await client.query({ query: OrganisationOptionsDocument, variables: { first: 100, after } });
          const connection = result.data?.organisations;
          if (!connection) break;
          for (const { node } of connection.edges) all.push(node);
          if (!connection.pageInfo.hasNextPage || !connection.pageInfo.endCursor) break;
          after = connection.pageInfo.endCursor;
        }
        if (!cancelled) setOrganisations(all);
      } catch (caught) {
        if (!cancelled) setError(caught);
      }
    })();
    return () => {
      cancelled = true;
    };
  }, [client, attempt]);

  const retry = useCallback(() => {
    setError(null);
    setOrganisations(null);
    setAttempt((n) => n + 1);
  }, []);
  return { organisations, error, loading: organisations === null && !error, retry };
}

export const MemberNetworksDocument = graphql(`
  query MemberNetworks {
    networks(first: 100) {
      edges {
        node {
          id
          name
          slug
          kind
          meetingFrequency
          meetingIntervalWeeks
          coordinatorOrganisation {
            id
          }
          members {
            id
            leftOn
            organisation {
              id
            }
          }
        }
      }
    }
  }
`);

function today(): string {
  const now = new Date();
  return `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`;
}

/**
 * The networks an organisation takes part in: a current member (not left) or the coordinator,
 * the rule the API uses for referrals and the meeting agenda. The API has no "my networks"
 * query, so this reads the networks (up to 100) and picks them out.
 */
export function useMemberNetworks(organisationId: string | null | undefined) {
  const result = useQuery(MemberNetworksDocument, { skip: !organisationId });
  const networks = useMemo(() => {
    if (!result.data || !organisationId) return null;
    const now = today();
    return result.data.networks.edges
      .map(({ node }) => node)
      .filter(
        (network) =>
          network.coordinatorOrganisation?.id === organisationId ||
          network.members.some((member) => member.organisation?.id === organisationId && (!member.leftOn || member.leftOn > now)),
      )
      .sort((a, b) => a.name.localeCompare(b.name, 'nl'));
  }, [result.data, organisationId]);
  return { networks, loading: result.loading && !result.data, error: result.data ? undefined : result.error, refetch: result.refetch };
}

export const TargetGroupOptionsDocument = graphql(`
  query TargetGroupOptions {
    targetGroups(first: 100) {
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

/** "Name (abbreviation)" for option lists. */
export function organisationLabel(organisation: OrganisationOption): string {
  return organisation.abbreviation && organisation.abbreviation !== organisation.name ? `${organisation.name} (${organisation.abbreviation})` : organisation.name;
}
