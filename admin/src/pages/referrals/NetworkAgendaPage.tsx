import {
  Button,
  FormField,
  FormLabel,
  Heading1,
  Heading2,
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
import { useSearchParams } from 'react-router-dom';
import { useViewer } from '../../auth/viewer';
import { AppLink } from '../../components/AppLink';
import { usePageTitle } from '../../components/PageTitle';
import { ScrollTable } from '../../components/ScrollTable';
import { Empty, ErrorState, Loading } from '../../components/States';
import { graphql } from '../../gql';
import type { NetworkAgendaQuery, ReferralStatus } from '../../gql/graphql';
import { currentLanguage } from '../../i18n';
import { useMemberNetworks } from '../../lib/directory';
import { formatDate, formatDateTime, formatDay } from '../../lib/format';
import '../../partner-styles';
import { StatusPill } from './ui';

export const NetworkAgendaDocument = graphql(`
  query NetworkAgenda($networkId: ID!) {
    networkAgenda(networkId: $networkId) {
      lastMeetingOn
      nextMeetingOn
      meetingIntervalWeeks
      network {
        id
        name
      }
      openCases {
        id
        dossierNumber
        status
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
      }
      endedSinceLastMeeting {
        id
        dossierNumber
        status
        contentVisible
        closedAt
      }
      toLookAgain {
        id
        dossierNumber
        status
        lookAgainOn
      }
      actionsDue {
        id
        dossierNumber
        description
        dueOn
        assignedOrganisation {
          id
          name
        }
      }
      overdueActions {
        id
        dossierNumber
        description
        dueOn
        assignedOrganisation {
          id
          name
        }
      }
      changesSinceLastMeeting {
        id
        dossierNumber
        sequence
        type
        toStatus
        occurredAt
        organisation {
          id
          name
        }
      }
    }
  }
`);

type Agenda = NetworkAgendaQuery['networkAgenda'];

/** /netwerkoverleg: the agenda of the next meeting of a network the organisation takes part in (book §4.4). */
export function NetworkAgendaPage() {
  const { t } = useTranslation();
  const { viewer } = useViewer();
  const [params, setParams] = useSearchParams();
  const { networks, loading, error, refetch } = useMemberNetworks(viewer?.organisation?.id);
  usePageTitle(t('networkAgenda.title'));

  let body;
  if (loading) body = <Loading label={t('networkAgenda.loadingNetworks')} />;
  else if (error) body = <ErrorState error={error} onRetry={() => void refetch()} what={t('networkAgenda.networks')} />;
  else if (!networks || networks.length === 0) body = <Empty>{t('networkAgenda.noNetworks')}</Empty>;
  else {
    const asked = params.get('netwerk');
    const network = networks.find((n) => n.slug === asked) ?? networks[0];
    body = (
      <>
        <NetworkChooser
          key={network.slug}
          networks={networks}
          current={network.slug}
          onChoose={(slug) => {
            const query = new URLSearchParams();
            query.set('netwerk', slug);
            setParams(query);
          }}
        />
        <AgendaView key={network.id} networkId={network.id} networkName={network.name} />
      </>
    );
  }

  return (
    <>
      <Paragraph>
        <AppLink to="/verwijzingen">{t('referralDetail.backToList')}</AppLink>
      </Paragraph>
      <Heading1>{t('networkAgenda.title')}</Heading1>
      <Paragraph>{t('networkAgenda.intro')}</Paragraph>
      {body}
    </>
  );
}

function NetworkChooser({ networks, current, onChoose }: { networks: ReadonlyArray<{ slug: string; name: string }>; current: string; onChoose(slug: string): void }) {
  const { t } = useTranslation();
  const [chosen, setChosen] = useState(current);
  const selectId = useId();
  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    onChoose(chosen);
  }
  return (
    <form className="app-toolbar" onSubmit={submit} aria-label={t('networkAgenda.choose')}>
      <FormField>
        <div className="utrecht-form-field__label">
          <FormLabel htmlFor={selectId}>{t('networkAgenda.network')}</FormLabel>
        </div>
        <div className="utrecht-form-field__input">
          <Select id={selectId} value={chosen} onChange={(event) => setChosen(event.currentTarget.value)}>
            {networks.map((n) => (
              <SelectOption key={n.slug} value={n.slug}>
                {n.name}
              </SelectOption>
            ))}
          </Select>
        </div>
      </FormField>
      <Button appearance="primary-action-button" type="submit">
        {t('networkAgenda.show')}
      </Button>
    </form>
  );
}

function DossierLink({ dossier }: { dossier: string }) {
  return <AppLink to={`/verwijzingen/${dossier}`}>{dossier}</AppLink>;
}

function AgendaView({ networkId, networkName }: { networkId: string; networkName: string }) {
  const { t, i18n } = useTranslation();
  const language = currentLanguage(i18n.language);
  const { data, loading, error, refetch } = useQuery(NetworkAgendaDocument, { variables: { networkId }, fetchPolicy: 'cache-and-network' });
  if (loading && !data) return <Loading label={t('networkAgenda.loading')} />;
  if (error && !data) return <ErrorState error={error} onRetry={() => void refetch()} what={t('networkAgenda.what', { network: networkName })} />;
  const agenda: Agenda | undefined = data?.networkAgenda;
  if (!agenda) return null;
  const status = (s: ReferralStatus) => t(`referrals.status.${s}`);

  const actionTable = (actions: Agenda['actionsDue'], caption: string) => (
    <ScrollTable
      caption={caption}
      columns={[
        t('referral.dossierNumber'),
        t('referralDetail.actions.field.description'),
        t('referralDetail.actions.field.organisation'),
        t('referralDetail.actions.field.dueOn'),
      ]}
    >
      <TableBody>
        {actions.map((action) => (
          <TableRow key={action.id}>
            <TableHeaderCell scope="row">
              <DossierLink dossier={action.dossierNumber} />
            </TableHeaderCell>
            <TableCell>{action.description}</TableCell>
            <TableCell>{action.assignedOrganisation?.name ?? t('common.notRecorded')}</TableCell>
            <TableCell>{formatDay(action.dueOn, language)}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </ScrollTable>
  );

  return (
    <>
      <Paragraph>
        {t('networkAgenda.period', {
          network: agenda.network?.name ?? networkName,
          next: formatDay(agenda.nextMeetingOn, language),
          last: formatDay(agenda.lastMeetingOn, language),
          count: agenda.meetingIntervalWeeks,
        })}
      </Paragraph>

      <section aria-labelledby="agenda-open" className="app-section">
        <Heading2 id="agenda-open">{t('networkAgenda.openCases')}</Heading2>
        {agenda.openCases.length === 0 ? (
          <Empty>{t('networkAgenda.noOpenCases')}</Empty>
        ) : (
          <ScrollTable
            caption={t('networkAgenda.openCasesCaption', { count: agenda.openCases.length })}
            columns={[t('referral.dossierNumber'), t('referral.status'), t('referral.referrer'), t('referral.receiver'), t('referral.openedAt')]}
          >
            <TableBody>
              {agenda.openCases.map((c) => (
                <TableRow key={c.id}>
                  <TableHeaderCell scope="row">
                    <DossierLink dossier={c.dossierNumber} />
                  </TableHeaderCell>
                  <TableCell>
                    <StatusPill status={c.status} />
                  </TableCell>
                  {c.contentVisible ? (
                    <>
                      <TableCell>{c.referringOrganisation?.name ?? t('common.notRecorded')}</TableCell>
                      <TableCell>{c.receivingOrganisation?.name ?? t('referral.noReceiver')}</TableCell>
                      <TableCell>{c.openedAt ? formatDateTime(c.openedAt, language) : t('common.notRecorded')}</TableCell>
                    </>
                  ) : (
                    <TableCell colSpan={3} className="app-muted">
                      {t('referral.metadataOnly')}
                    </TableCell>
                  )}
                </TableRow>
              ))}
            </TableBody>
          </ScrollTable>
        )}
      </section>

      <section aria-labelledby="agenda-overdue" className="app-section">
        <Heading2 id="agenda-overdue">{t('networkAgenda.overdue')}</Heading2>
        {agenda.overdueActions.length === 0 ? (
          <Empty>{t('networkAgenda.noOverdue')}</Empty>
        ) : (
          actionTable(agenda.overdueActions, t('networkAgenda.overdueCaption', { count: agenda.overdueActions.length }))
        )}
      </section>

      <section aria-labelledby="agenda-due" className="app-section">
        <Heading2 id="agenda-due">{t('networkAgenda.due')}</Heading2>
        {agenda.actionsDue.length === 0 ? (
          <Empty>{t('networkAgenda.noDue')}</Empty>
        ) : (
          actionTable(agenda.actionsDue, t('networkAgenda.dueCaption', { count: agenda.actionsDue.length }))
        )}
      </section>

      <section aria-labelledby="agenda-changes" className="app-section">
        <Heading2 id="agenda-changes">{t('networkAgenda.changes')}</Heading2>
        {agenda.changesSinceLastMeeting.length === 0 ? (
          <Empty>{t('networkAgenda.noChanges')}</Empty>
        ) : (
          <ul className="app-notes">
            {agenda.changesSinceLastMeeting.map((event) => (
              <li key={event.id}>
                <DossierLink dossier={event.dossierNumber} />:{' '}
                {event.type === 'STATUS_CHANGED' && event.toStatus
                  ? t('referralDetail.history.statusChanged', { status: status(event.toStatus) })
                  : t(`referrals.event.${event.type}`)}{' '}
                <span className="app-small app-muted">
                  ({formatDateTime(event.occurredAt, language)}, {event.organisation?.name ?? t('common.notRecorded')})
                </span>
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="agenda-ended" className="app-section">
        <Heading2 id="agenda-ended">{t('networkAgenda.ended')}</Heading2>
        {agenda.endedSinceLastMeeting.length === 0 ? (
          <Empty>{t('networkAgenda.noEnded')}</Empty>
        ) : (
          <ul className="app-notes">
            {agenda.endedSinceLastMeeting.map((c) => (
              <li key={c.id}>
                <DossierLink dossier={c.dossierNumber} /> <StatusPill status={c.status} />
                {c.closedAt && <span className="app-small app-muted"> ({formatDateTime(c.closedAt, language)})</span>}
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="agenda-look-again" className="app-section">
        <Heading2 id="agenda-look-again">{t('networkAgenda.toLookAgain')}</Heading2>
        {agenda.toLookAgain.length === 0 ? (
          <Empty>{t('networkAgenda.toLookAgainEmpty')}</Empty>
        ) : (
          <ul className="app-notes">
            {agenda.toLookAgain.map((c) => (
              <li key={c.id}>
                <DossierLink dossier={c.dossierNumber} /> <StatusPill status={c.status} />
                {c.lookAgainOn && <span className="app-small app-muted"> ({t('networkAgenda.lookAgainOn', { date: formatDate(c.lookAgainOn, language) })})</span>}
              </li>
            ))}
          </ul>
        )}
      </section>
    </>
  );
}
