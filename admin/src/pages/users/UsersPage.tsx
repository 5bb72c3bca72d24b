import { Heading1, Paragraph, TableBody, TableCell, TableHeaderCell, TableRow } from '@utrecht/component-library-react';
import { useQuery } from '@apollo/client/react';
import { useTranslation } from 'react-i18next';
import { AppLink } from '../../components/AppLink';
import { ConnectionPager, useCursorPages } from '../../components/Pager';
import { usePageTitle } from '../../components/PageTitle';
import { ScrollTable } from '../../components/ScrollTable';
import { ListStates } from '../../components/States';
import { currentLanguage } from '../../i18n';
import { formatDate } from '../../lib/format';
import { UsersDocument } from './documents';

const PAGE_SIZE = 25;

/** /gebruikers: user accounts (admins only), each a link to its page; the invitation of a new one. */
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
      <Paragraph>
        <AppLink to="/gebruikers/nieuw">{t('users.invite')}</AppLink>
      </Paragraph>
      <ListStates list={(query.data ?? query.previousData)?.users} query={query} loadingLabel={t('users.loading')} what={t('users.title')} empty={t('users.empty')}>
        {(connection) => (
          <>
            <ScrollTable
              caption={t('users.caption', { count: connection.totalCount })}
              busy={query.loading}
              columns={[t('users.email'), t('users.name'), t('users.role'), t('users.worksFor'), t('users.status'), t('users.lastLogin')]}
            >
              <TableBody>
                {connection.edges.map(({ node }) => (
                  <TableRow key={node.id}>
                    <TableHeaderCell scope="row">{node.erasedAt ? t('users.erased') : <AppLink to={`/gebruikers/${node.id}`}>{node.email}</AppLink>}</TableHeaderCell>
                    <TableCell>{node.displayName}</TableCell>
                    <TableCell>{t(`role.${node.role}`)}</TableCell>
                    <TableCell>{node.organisation?.name ?? (node.areas.length > 0 ? node.areas.map((a) => a.name).join(', ') : t('common.none'))}</TableCell>
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
