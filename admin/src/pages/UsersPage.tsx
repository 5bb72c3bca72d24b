import { Heading1, Paragraph, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow } from '@utrecht/component-library-react';
import { useQuery } from '@apollo/client/react';
import { useTranslation } from 'react-i18next';
import { Pager, useCursorPages } from '../components/Pager';
import { usePageTitle } from '../components/PageTitle';
import { ScrollTable } from '../components/ScrollTable';
import { Empty, ErrorState, Loading } from '../components/States';
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
  const { data, previousData, loading, error, refetch } = useQuery(UsersDocument, {
    variables: { first: PAGE_SIZE, after: pages.after },
    fetchPolicy: 'cache-and-network',
  });
  usePageTitle(t('users.title'));
  const connection = (data ?? previousData)?.users;

  let content;
  if (!connection && loading) content = <Loading label={t('users.loading')} />;
  else if (error && !data) content = <ErrorState error={error} onRetry={() => void refetch()} what={t('users.title')} />;
  else if (!connection || connection.totalCount === 0) content = <Empty>{t('users.empty')}</Empty>;
  else {
    content = (
      <>
        <ScrollTable caption={t('users.caption', { count: connection.totalCount })} busy={loading}>
          <TableHeader>
            <TableRow>
              <TableHeaderCell scope="col">{t('users.email')}</TableHeaderCell>
              <TableHeaderCell scope="col">{t('users.name')}</TableHeaderCell>
              <TableHeaderCell scope="col">{t('users.role')}</TableHeaderCell>
              <TableHeaderCell scope="col">{t('users.organisation')}</TableHeaderCell>
              <TableHeaderCell scope="col">{t('users.status')}</TableHeaderCell>
              <TableHeaderCell scope="col">{t('users.lastLogin')}</TableHeaderCell>
            </TableRow>
          </TableHeader>
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
        <Pager
          label={t('users.title')}
          page={pages.page}
          pageSize={PAGE_SIZE}
          totalCount={connection.totalCount}
          hasNextPage={connection.pageInfo.hasNextPage}
          busy={loading}
          onPrevious={pages.previous}
          onNext={() => pages.next(connection.pageInfo.endCursor)}
        />
      </>
    );
  }

  return (
    <>
      <Heading1>{t('users.title')}</Heading1>
      <Paragraph>{t('users.intro')}</Paragraph>
      {content}
    </>
  );
}
