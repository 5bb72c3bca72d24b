import { Heading1, Paragraph, TableBody, TableCell, TableHeaderCell, TableRow } from '@utrecht/component-library-react';
import { useQuery } from '@apollo/client/react';
import { useTranslation } from 'react-i18next';
import { ConnectionPager, useCursorPages } from '../components/Pager';
import { usePageTitle } from '../components/PageTitle';
import { ScrollTable } from '../components/ScrollTable';
import { ListStates } from '../components/States';
import { graphql } from '../gql';
import { currentLanguage } from '../i18n';
import { formatDate } from '../lib/format';

const PAGE_SIZE = 25;

export const UsersDocument = graphql(`
  query Users($first: Int!, $after: String) {
    users(first: $first, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          id
          email
          displayName
          role
          status
          lastLoginAt
          organisation {
            id
            name
          }
        }
      }
    }
  }
`);

/** /gebruikers: user accounts (admins only). Creating accounts comes later (createUser). */
export function UsersPage() {
  const { t, i18n } = useTranslation();
  const language = currentLanguage(i18n.language);
  const pages = useCursorPages();
  const query = useQuery(UsersDocument, {
    variables: { first: PAGE_SIZE, after: pages.after },
    fetchPolicy: 'cache-and-network',
  });
  usePageTitle(t('users.title'));

  return (
    <>
      <Heading1>{t('users.title')}</Heading1>
      <Paragraph>{t('users.intro')}</Paragraph>
      <ListStates list={(query.data ?? query.previousData)?.users} query={query} loadingLabel={t('users.loading')} what={t('users.title')} empty={t('users.empty')}>
        {(connection) => (
          <>
            <ScrollTable
              caption={t('users.caption', { count: connection.totalCount })}
              busy={query.loading}
              columns={[t('users.email'), t('users.name'), t('users.role'), t('users.organisation'), t('users.status'), t('users.lastLogin')]}
            >
              <TableBody>
                {connection.edges.map(({ node }) => (
                  <TableRow key={node.id}>
                    <TableHeaderCell scope="row">{node.email}</TableHeaderCell>
                    <TableCell>{node.displayName}</TableCell>
                    <TableCell>{t(`role.${node.role}`)}</TableCell>
                    <TableCell>{node.organisation?.name ?? t('common.none')}</TableCell>
                    <TableCell>{t(`userStatus.${node.status}`)}</TableCell>
                    <TableCell>{node.lastLoginAt ? formatDate(node.lastLoginAt, language) : t('users.neverLoggedIn')}</TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </ScrollTable>
            <ConnectionPager label={t('users.title')} pages={pages} pageSize={PAGE_SIZE} connection={connection} busy={query.loading} />
          </>
        )}
      </ListStates>
    </>
  );
}
