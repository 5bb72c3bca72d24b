import {
  Button,
  Heading1,
  Paragraph,
  TableBody,
  TableCell,
  TableHeaderCell,
  TableRow,
} from '@utrecht/component-library-react';
import { useQuery } from '@apollo/client/react';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import { AppLink } from '../../components/AppLink';
import { ComboboxField } from '../../components/Combobox';
import { TextField } from '../../components/fields';
import { ConnectionPager, useCursorPages } from '../../components/Pager';
import { usePageTitle } from '../../components/PageTitle';
import { ScrollTable } from '../../components/ScrollTable';
import { ListStates } from '../../components/States';
import { graphql } from '../../gql';
import type { Sector } from '../../gql/graphql';
import { currentLanguage } from '../../i18n';
import { formatDate } from '../../lib/format';
import { isSector, SECTORS } from './options';

const PAGE_SIZE = 25;

export const CurationOrganisationsDocument = graphql(`
  query CurationOrganisations($search: String, $sector: Sector, $first: Int!, $after: String) {
    organisations(search: $search, sector: $sector, first: $first, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          id
          name
          abbreviation
          sector
          status
          lastVerifiedAt
          areas {
            id
            name
          }
        }
      }
    }
  }
`);

/** /organisaties: search, page through and open organisations to curate (admins). */
export function OrganisationsPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const search = params.get('zoek')?.trim() || null;
  const sectorParam = params.get('sector');
  const sector = isSector(sectorParam) ? sectorParam : null;
  usePageTitle(t('organisations.title'));

  function apply(next: { search: string; sector: string }) {
    const query = new URLSearchParams();
    if (next.search.trim()) query.set('zoek', next.search.trim());
    if (next.sector) query.set('sector', next.sector);
    setParams(query);
  }

  return (
    <>
      <Heading1>{t('organisations.title')}</Heading1>
      <Paragraph>{t('organisations.intro')}</Paragraph>
      <Paragraph>
        <AppLink to="/organisaties/nieuw">{t('organisations.new')}</AppLink>
      </Paragraph>
      <SearchForm key={`form|${search}|${sector}`} search={search ?? ''} sector={sector ?? ''} onApply={apply} />
      <OrganisationsTable key={`table|${search}|${sector}`} search={search} sector={sector} />
    </>
  );
}

function SearchForm({ search, sector, onApply }: { search: string; sector: string; onApply(next: { search: string; sector: string }): void }) {
  const { t } = useTranslation();
  const [text, setText] = useState(search);
  const [chosenSector, setChosenSector] = useState(sector);
  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    onApply({ search: text, sector: chosenSector });
  }
  return (
    <form className="app-toolbar" role="search" aria-label={t('organisations.searchLabel')} onSubmit={submit}>
      <TextField
        id="organisation-search"
        name="zoek"
        type="search"
        label={t('organisations.search')}
        description={t('organisations.searchHint')}
        value={text}
        onChange={setText}
      />
      <ComboboxField
        id="organisation-sector"
        label={t('organisation.sector')}
        description={t('organisations.sectorHint')}
        options={SECTORS.map((s) => ({ value: s, label: t(`sector.${s}`) }))}
        value={chosenSector}
        onChange={setChosenSector}
      />
      <Button appearance="primary-action-button" type="submit">
        {t('organisations.searchButton')}
      </Button>
    </form>
  );
}

function OrganisationsTable({ search, sector }: { search: string | null; sector: Sector | null }) {
  const { t, i18n } = useTranslation();
  const language = currentLanguage(i18n.language);
  const pages = useCursorPages();
  const query = useQuery(CurationOrganisationsDocument, {
    variables: { search, sector, first: PAGE_SIZE, after: pages.after },
    fetchPolicy: 'cache-and-network',
  });
  return (
    <ListStates
      list={(query.data ?? query.previousData)?.organisations}
      query={query}
      loadingLabel={t('organisations.loading')}
      what={t('organisations.title')}
      empty={search || sector ? t('organisations.noMatches') : t('organisations.empty')}
    >
      {(connection) => (
        <>
          <ScrollTable
            caption={search || sector ? t('organisations.captionFiltered', { count: connection.totalCount }) : t('organisations.caption', { count: connection.totalCount })}
            busy={query.loading}
            columns={[t('organisation.name'), t('organisation.sector'), t('organisation.status'), t('organisation.areas'), t('organisation.lastVerifiedAt')]}
          >
            <TableBody>
              {connection.edges.map(({ node }) => (
                <TableRow key={node.id}>
                  <TableHeaderCell scope="row">
                    <AppLink to={`/organisaties/${node.id}`}>{node.name}</AppLink>
                    {node.abbreviation && <span className="app-muted"> ({node.abbreviation})</span>}
                  </TableHeaderCell>
                  <TableCell>{t(`sector.${node.sector}`)}</TableCell>
                  <TableCell>{t(`organisationStatus.${node.status}`)}</TableCell>
                  <TableCell>{node.areas.length > 0 ? node.areas.map((a) => a.name).join(', ') : t('organisations.noAreas')}</TableCell>
                  <TableCell>{node.lastVerifiedAt ? formatDate(node.lastVerifiedAt, language) : t('organisations.neverVerified')}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </ScrollTable>
          <ConnectionPager label={t('organisations.title')} pages={pages} pageSize={PAGE_SIZE} connection={connection} busy={query.loading} />
        </>
      )}
    </ListStates>
  );
}
