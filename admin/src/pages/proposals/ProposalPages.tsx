import { Alert, Button, Heading1, Heading2, Paragraph, TableBody, TableCell, TableHeaderCell, TableRow } from '@utrecht/component-library-react';
import { useMutation, useQuery } from '@apollo/client/react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Route, Routes, useLocation, useParams } from 'react-router-dom';
import { permissions } from '../../auth/permissions';
import { useViewer } from '../../auth/viewer';
import { AppLink } from '../../components/AppLink';
import { SelectField, TextAreaField } from '../../components/fields';
import { ConnectionPager, useCursorPages } from '../../components/Pager';
import { usePageTitle } from '../../components/PageTitle';
import { ProblemSummary } from '../../components/ProblemSummary';
import { ScrollTable } from '../../components/ScrollTable';
import { ErrorState, ListStates, Loading } from '../../components/States';
import type { ProposalFieldsFragment, ProposalKind, ProposalStatus } from '../../gql/graphql';
import { currentLanguage } from '../../i18n';
import { formatDateTime } from '../../lib/format';
import { editPath, historyPath } from '../../lib/paths';
import { useFieldMessage } from '../../lib/problems';
import { useChange } from '../../lib/useChange';
import { AcceptProposalDocument, ProposalDocument, ProposalListDocument, RejectProposalDocument, WithdrawProposalDocument } from './documents';

const PAGE_SIZE = 25;
const STATUSES: readonly ProposalStatus[] = ['PENDING', 'ACCEPTED', 'REJECTED', 'WITHDRAWN'];

/** /voorstellen/*: proposals of organisations, decided by the curators (admins). */
export function ProposalRoutes() {
  return (
    <Routes>
      <Route index element={<ProposalsPage />} />
      <Route path=":id" element={<ProposalPage />} />
    </Routes>
  );
}

/** A stored value as the page shows it: lists joined, empty as "(leeg)". */
function useValueText() {
  const { t } = useTranslation();
  return (value: unknown): string => {
    if (value === null || value === undefined || value === '') return t('history.empty');
    if (Array.isArray(value)) return value.length === 0 ? t('history.emptyList') : value.map(String).join(', ');
    if (typeof value === 'boolean') return value ? t('history.yes') : t('history.no');
    if (typeof value === 'object') return JSON.stringify(value);
    return String(value);
  };
}

/** The form's label of each kind's fields (the history's otherwise, as for organisations), or the field's name. */
const FORM_OF_KIND: Partial<Record<ProposalKind, string>> = { LOCATION: 'locationForm', SERVICE: 'serviceForm', KEY_PERSON: 'keyPersonForm' };

function useFieldLabel(kind: ProposalKind) {
  const { t, i18n } = useTranslation();
  return (field: string) => {
    const form = FORM_OF_KIND[kind];
    if (form && i18n.exists(`${form}.field.${field}`)) return t(`${form}.field.${field}` as 'locationForm.field.name');
    return i18n.exists(`historyField.${field}`) ? t(`historyField.${field}` as 'historyField.name') : field;
  };
}

/** /voorstellen: admins see every proposal, an organisation's users their own organisation's; oldest first, filtered by status. */
export function ProposalsPage() {
  const { t, i18n } = useTranslation();
  const language = currentLanguage(i18n.language);
  const { viewer } = useViewer();
  const pages = useCursorPages();
  const [status, setStatus] = useState<ProposalStatus | ''>('PENDING');
  const query = useQuery(ProposalListDocument, { variables: { status: status || null, first: PAGE_SIZE, after: pages.after }, fetchPolicy: 'cache-and-network' });
  usePageTitle(t('proposals.title'));
  const curator = permissions.decideProposals(viewer);
  return (
    <>
      <Heading1>{t('proposals.title')}</Heading1>
      <Paragraph>{curator ? t('proposals.introCurator') : t('proposals.introOrganisation')}</Paragraph>
      {!curator && (
        <Paragraph>
          <AppLink to="/organisaties/nieuw">{t('proposals.proposeOrganisation')}</AppLink>
        </Paragraph>
      )}
      <SelectField
        id="proposal-status"
        label={t('proposals.statusFilter')}
        value={status}
        onChange={(value) => {
          pages.reset();
          setStatus(value as ProposalStatus | '');
        }}
        options={[{ value: '', label: t('proposals.allStatuses') }, ...STATUSES.map((s) => ({ value: s, label: t(`proposalStatus.${s}`) }))]}
      />
      <ListStates list={(query.data ?? query.previousData)?.proposals} query={query} loadingLabel={t('proposals.loading')} what={t('proposals.title')} empty={t('proposals.empty')}>
        {(connection) => (
          <>
            <ScrollTable
              caption={t('proposals.caption', { count: connection.totalCount })}
              busy={query.loading}
              columns={[t('proposals.what'), t('proposals.kind'), t('proposals.organisation'), t('proposals.status'), t('proposals.proposedAt')]}
            >
              <TableBody>
                {connection.edges.map(({ node }) => (
                  <TableRow key={node.id}>
                    <TableHeaderCell scope="row">
                      <AppLink to={`/voorstellen/${node.id}`}>
                        {node.targetId
                          ? t('proposals.changeOf', { name: node.targetName ?? t('proposals.gone') })
                          : t('proposals.newRecord', { name: typeof node.payload.name === 'string' ? node.payload.name : '' })}
                      </AppLink>
                    </TableHeaderCell>
                    <TableCell>{t(`entityType.${node.kind}`)}</TableCell>
                    <TableCell>{node.proposerOrganisation?.name ?? t('common.notRecorded')}</TableCell>
                    <TableCell>{t(`proposalStatus.${node.status}`)}</TableCell>
                    <TableCell>{formatDateTime(node.createdAt, language)}</TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </ScrollTable>
            <ConnectionPager label={t('proposals.title')} pages={pages} pageSize={PAGE_SIZE} connection={connection} busy={query.loading} />
          </>
        )}
      </ListStates>
    </>
  );
}

/** /voorstellen/:id: the proposed fields beside the current values; accept, reject with a reason, or withdraw. */
export function ProposalPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const location = useLocation();
  const { data, loading, error, refetch } = useQuery(ProposalDocument, { variables: { id }, fetchPolicy: 'cache-and-network' });
  const proposal = data?.proposal ?? null;
  usePageTitle(proposal ? t('proposal.title', { what: t(`entityType.${proposal.kind}`) }) : t('proposals.title'));
  if (loading && !data) return <Loading label={t('proposals.loading')} />;
  if (error && !data) return <ErrorState error={error} onRetry={() => void refetch()} what={t('proposals.title')} />;
  if (!proposal) {
    return (
      <>
        <Heading1>{t('proposal.notFound')}</Heading1>
        <Paragraph>
          <AppLink to="/voorstellen">{t('proposal.backToList')}</AppLink>
        </Paragraph>
      </>
    );
  }
  return <ProposalView proposal={proposal} justProposed={(location.state as { notice?: string } | null)?.notice === 'proposed'} />;
}

function ProposalView({ proposal, justProposed }: { proposal: ProposalFieldsFragment; justProposed: boolean }) {
  const { t, i18n } = useTranslation();
  const language = currentLanguage(i18n.language);
  const { viewer } = useViewer();
  const valueText = useValueText();
  const fieldLabel = useFieldLabel(proposal.kind);
  const fieldMessage = useFieldMessage();
  const change = useChange();
  const [reason, setReason] = useState('');
  const [accept] = useMutation(AcceptProposalDocument);
  const [reject] = useMutation(RejectProposalDocument);
  const [withdraw] = useMutation(WithdrawProposalDocument);
  const pending = proposal.status === 'PENDING';
  const curator = permissions.decideProposals(viewer);
  const own = viewer?.role === 'ORGANISATION' && viewer.organisation?.id === proposal.proposerOrganisation?.id;
  const kind: ProposalKind = proposal.kind;
  const resultPath = proposal.resultId ? editPath(kind, proposal.resultId) : null;
  const targetPath = proposal.targetId ? editPath(kind, proposal.targetId) : null;
  const fields = Object.keys(proposal.payload);
  const current = (proposal.currentValues ?? null) as Record<string, unknown> | null;
  const what = t(`entityType.${kind}`);

  const decide = (run: () => Promise<unknown>, notice: string) => change.run(run, { notice });

  return (
    <>
      <Paragraph>
        <AppLink to="/voorstellen">{t('proposal.backToList')}</AppLink>
      </Paragraph>
      <Heading1>
        {proposal.targetId
          ? t('proposal.changeTitle', { what, name: proposal.targetName ?? t('proposals.gone') })
          : t('proposal.newTitle', { what, name: typeof proposal.payload.name === 'string' ? proposal.payload.name : '' })}
      </Heading1>
      {justProposed && !change.notice && (
        <Alert type="ok">
          <Paragraph>{t('proposal.proposedNotice')}</Paragraph>
        </Alert>
      )}
      {change.notice && (
        <Alert type="ok">
          <Paragraph role="status">{change.notice}</Paragraph>
        </Alert>
      )}
      <dl className="app-facts">
        <dt>{t('proposals.status')}</dt>
        <dd>{t(`proposalStatus.${proposal.status}`)}</dd>
        <dt>{t('proposals.organisation')}</dt>
        <dd>{proposal.proposerOrganisation?.name ?? t('common.notRecorded')}</dd>
        <dt>{t('proposal.motivation')}</dt>
        <dd>{proposal.motivation}</dd>
        {proposal.decisionReason && (
          <>
            <dt>{t('proposal.reason')}</dt>
            <dd>{proposal.decisionReason}</dd>
          </>
        )}
      </dl>
      {targetPath && (
        <Paragraph>
          <AppLink to={targetPath}>{t('proposal.openTarget', { what, name: proposal.targetName ?? '' })}</AppLink>
        </Paragraph>
      )}
      {resultPath && proposal.status === 'ACCEPTED' && (
        <Paragraph>
          <AppLink to={resultPath}>{t('proposal.openResult', { what })}</AppLink>
          {' · '}
          <AppLink to={historyPath(kind, proposal.resultId!)}>{t('proposal.openHistory')}</AppLink>
        </Paragraph>
      )}
      <ScrollTable caption={t('proposal.fieldsCaption')} columns={proposal.targetId ? [t('history.field'), t('proposal.current'), t('proposal.proposed')] : [t('history.field'), t('proposal.proposed')]}>
        <TableBody>
          {fields.map((field) => (
            <TableRow key={field}>
              <TableHeaderCell scope="row">{fieldLabel(field)}</TableHeaderCell>
              {proposal.targetId && <TableCell>{valueText(current?.[field])}</TableCell>}
              <TableCell>{valueText(proposal.payload[field])}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </ScrollTable>
      <ProblemSummary
        problem={change.problem}
        notSaved={t('proposal.notDecided')}
        fields={{ reason: { id: 'proposal-reason', label: t('proposal.reason') } }}
        fieldMessage={fieldMessage}
        conflictTitle={t('proposal.conflictTitle')}
        conflictText={t('proposal.conflictText')}
        statusLabel={(status) => t(`proposalStatus.${status as ProposalStatus}`)}
      />
      {pending && curator && (
        <section aria-labelledby="proposal-decide">
          <Heading2 id="proposal-decide">{t('proposal.decideTitle')}</Heading2>
          <TextAreaField
            id="proposal-reason"
            label={t('proposal.reason')}
            description={t('proposal.reasonHint')}
            value={reason}
            onChange={setReason}
            rows={3}
            error={change.problem?.kind === 'fields' ? change.problem.fields.reason : undefined}
          />
          <div className="app-actions">
            <Button appearance="primary-action-button" disabled={change.busy} onClick={() => void decide(() => accept({ variables: { id: proposal.id, version: proposal.version, reason: reason || null } }), t('proposal.accepted'))}>
              {t('proposal.accept')}
            </Button>
            <Button appearance="secondary-action-button" disabled={change.busy} onClick={() => void decide(() => reject({ variables: { id: proposal.id, version: proposal.version, reason } }), t('proposal.rejected'))}>
              {t('proposal.reject')}
            </Button>
          </div>
        </section>
      )}
      {pending && own && (
        <Paragraph>
          <Button appearance="secondary-action-button" disabled={change.busy} onClick={() => void decide(() => withdraw({ variables: { id: proposal.id, version: proposal.version } }), t('proposal.withdrawn'))}>
            {t('proposal.withdraw')}
          </Button>
        </Paragraph>
      )}
      <section aria-labelledby="proposal-history">
        <Heading2 id="proposal-history">{t('proposal.historyTitle')}</Heading2>
        <ol className="app-history">
          {proposal.history.map((event) => (
            <li key={`${event.action}-${event.occurredAt}`}>
              <Paragraph>
                <time dateTime={event.occurredAt}>{formatDateTime(event.occurredAt, language)}</time>: {t(`proposalEvent.${event.action}`, { actor: event.actorName ?? t('history.unknownActor') })}
                {event.reason ? ` — ${event.reason}` : ''}
              </Paragraph>
            </li>
          ))}
        </ol>
      </section>
    </>
  );
}
