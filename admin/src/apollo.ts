import { ApolloClient, ApolloLink, HttpLink, InMemoryCache } from '@apollo/client';
import { CombinedGraphQLErrors } from '@apollo/client/errors';
import { ErrorLink } from '@apollo/client/link/error';

/**
 * GraphQL from the same origin (production: the API serves this app; development: Vite's
 * proxy). The session is the HttpOnly cookie set by /auth/login; Apollo sends
 * `Content-Type: application/json`, which satisfies the API's CSRF prevention.
 */
export function createApolloClient() {
  // A session that expired while the page was open: ask again who we are, so the app sends
  // the user to the login page instead of showing "not allowed" everywhere.
  const sessionCheck = new ErrorLink(({ error, operation }) => {
    if (operation.operationName === 'Viewer') return;
    if (CombinedGraphQLErrors.is(error) && error.errors.some((e) => e.extensions?.code === 'UNAUTHENTICATED')) {
      void client.refetchQueries({ include: ['Viewer'] });
    }
  });
  const client: ApolloClient = new ApolloClient({
    link: ApolloLink.from([sessionCheck, new HttpLink({ uri: '/graphql', credentials: 'same-origin' })]),
    cache: new InMemoryCache({
      typePolicies: {
        // Who-am-I has no id of its own; it belongs to the root query.
        ViewerInfo: { keyFields: false },
      },
    }),
  });
  return client;
}
