import {
  Button,
  FormField,
  FormLabel,
  Heading1,
  Paragraph,
  Select,
  SelectOption,
  TableBody,
  TableCell,
  TableHeaderCell,
  TableRow,
} from '@utrecht/component-library-react';
import { useQuery } from '@apollo/client/react';
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link as RouterLink, useSearchParams } from 'react-router-dom';
import { AppLink } from '../../components/AppLink';
import { ConnectionPager, useCursorPages } from '../../components/Pager';
import { usePageTitle } from '../../components/PageTitle';
import { ScrollTable } from '../../components/ScrollTable';
import { ListStates } from '../../components/States';
import { graphql } from '../../gql';
import type { ReferralRole, ReferralStatus } from '../../gql/graphql';
import { currentLanguage } from '../../i18n';
import { formatDateTime } from '../../lib/format';
import '../../partner-styles';
import { BOXES, boxOf, isReferralStatus, REFERRAL_STATUSES, type BoxKey } from './options';
import { ButtonRouterLink, StatusPill } from './ui';

const PAGE_SIZE = 20;

export const ReferralListDocument = graphql(`
  query ReferralList($role: ReferralRole, $status: ReferralStatus, $first: Int!, $after: String) {
    referrals(role: $role, status: $status, first: $first, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          id
          dossierNumber
          status
          version
          contentVisible
          openedAt
          referringOrganisation {
            id
            name
          }
          receivingOrganisation {
            id
            name
          }
          network {
            id
            name
          }
          overdueActions {
            id
          }
        }
      }
    }
  }
`);

/** /verwijzingen: the organisation's referrals by folder (received, sent, its networks', all) and status. */
export function ReferralsPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const box = boxOf(params.get('map'));
  const statusParam = params.get('status');
  const status = isReferralStatus(statusParam) ? statusParam : null;
  usePageTitle(t('referrals.title'));

  function link(key: BoxKey, withStatus: ReferralStatus | null) {
    const query = new URLSearchParams();
    query.set('map', key);
    if (withStatus) query.set('status', withStatus);
    return `/verwijzingen?${query.toString()}`;
  }

  return (
    <>
      <Heading1>{t('referrals.title')}</Heading1>
      <Paragraph>{t('referrals.intro')}</Paragraph>
      <div className="app-actions-bar">
        <ButtonRouterLink to="/verwijzingen/nieuw">{t('referrals.new')}</ButtonRouterLink>
        <AppLink to="/netwerkoverleg">{t('referrals.toAgenda')}</AppLink>
      </div>
      <nav aria-label={t('referrals.boxes')}>
        <ul className="app-tabs">
          {BOXES.map((b) => (
            <li key={b.key}>
              <RouterLink to={link(b.key, status)} className="app-tabs__link" aria-current={b.key === box.key ? 'page' : undefined}>
                {t(`referrals.box.${b.key}`)}
              </RouterLink>
            </li>
          ))}
        </ul>
      </nav>
      <StatusFilter
        key={`filter|${status}`}
        status={status ?? ''}
        onApply={(next) => {
          const query = new URLSearchParams();
          query.set('map', box.key);
          if (next) query.set('status', next);
          setParams(query);
        }}
      />
      <ReferralTable key={`${box.key}|${status}`} boxKey={box.key} role={box.role} status={status} />
    </>
  );
}

function StatusFilter({ status, onApply }: { status: string; onApply(status: ReferralStatus | null): void }) {
  const { t } = useTranslation();
  const [chosen, setChosen] = useState(status);
  const selectId = useId();
  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    onApply(isReferralStatus(chosen) ? chosen : null);
  }
  return (
    <form className="app-toolbar" role="search" aria-label={t('referrals.filter')} onSubmit={submit}>
      <FormField>
        <div className="utrecht-form-field__label">
          <FormLabel htmlFor={selectId}>{t('referrals.statusLabel')}</FormLabel>
        </div>
        <div className="utrecht-form-field__input">
          <Select id={selectId} name="status" value={chosen} onChange={(event) => setChosen(event.currentTarget.value)}>
            <SelectOption value="">{t('referrals.allStatuses')}</SelectOption>
            {REFERRAL_STATUSES.map((s) => (
              <SelectOption key={s} value={s}>
                {t(`referrals.status.${s}`)}
              </SelectOption>
            ))}
          </Select>
        </div>
      </FormField>
      <Button appearance="secondary-action-button" type="submit">
        {t('referrals.applyFilter')}
      </Button>
    </form>
  );
}

function ReferralTable({ boxKey, role, status }: { boxKey: BoxKey; role: ReferralRole | null; status: ReferralStatus | null }) {
  const { t, i18n } = useTranslation();
  const language = currentLanguage(i18n.language);
  const pages = useCursorPages();
  const query = useQuery(ReferralListDocument, {
    variables: { role, status, first: PAGE_SIZE, after: pages.after },
    fetchPolicy: 'cache-and-network',
  });
  const boxName = t(`referrals.box.${boxKey}`);
  return (
    <ListStates
      list={(query.data ?? query.previousData)?.referrals}
      query={query}
      loadingLabel={t('referrals.loading')}
      what={t('referrals.title')}
      empty={status ? t('referrals.emptyStatus', { status: t(`referrals.status.${status}`) }) : t(`referrals.empty.${boxKey}`)}
    >
      {(connection) => (
        <>
          <ScrollTable
            caption={
              status
                ? t('referrals.captionStatus', { count: connection.totalCount, box: boxName, status: t(`referrals.status.${status}`) })
                : t('referrals.caption', { count: connection.totalCount, box: boxName })
            }
            busy={query.loading}
            columns={[
              t('referral.dossierNumber'),
              t('referral.status'),
              t('referral.referrer'),
              t('referral.receiver'),
              t('referral.network'),
              t('referral.openedAt'),
              t('referral.overdue'),
            ]}
          >
            <TableBody>
              {connection.edges.map(({ node }) => (
                <TableRow key={node.id}>
                  <TableHeaderCell scope="row">
                    <AppLink to={`/verwijzingen/${node.dossierNumber}`}>{node.dossierNumber}</AppLink>
                  </TableHeaderCell>
                  <TableCell>
                    <StatusPill status={node.status} />
                  </TableCell>
                  {node.contentVisible ? (
                    <>
                      <TableCell>{node.referringOrganisation?.name ?? t('common.notRecorded')}</TableCell>
                      <TableCell>{node.receivingOrganisation?.name ?? t('referral.noReceiver')}</TableCell>
                      <TableCell>{node.network?.name ?? t('common.none')}</TableCell>
                      <TableCell>{node.openedAt ? formatDateTime(node.openedAt, language) : t('common.notRecorded')}</TableCell>
                      <TableCell>
                        {(node.overdueActions?.length ?? 0) > 0 ? (
                          <span className="app-status app-status--overdue">{t('referrals.overdueCount', { count: node.overdueActions?.length ?? 0 })}</span>
                        ) : (
                          t('common.none')
                        )}
                      </TableCell>
                    </>
                  ) : (
                    <TableCell colSpan={5} className="app-muted">
                      {t('referral.metadataOnly')}
                    </TableCell>
                  )}
                </TableRow>
              ))}
            </TableBody>
          </ScrollTable>
          <ConnectionPager label={t('referrals.title')} pages={pages} pageSize={PAGE_SIZE} connection={connection} busy={query.loading} />
        </>
      )}
    </ListStates>
  );
}
