import { Button, Checkbox, FormField, FormLabel, Heading1, Heading2, Paragraph, TableBody, TableCell, TableHeaderCell, TableRow } from '@utrecht/component-library-react';
import '@utrecht/checkbox-css/dist/index.css';
import { useMutation, useQuery } from '@apollo/client/react';
import { useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Route, Routes, useLocation, useNavigate, useParams, useSearchParams } from 'react-router-dom';
import { permissions } from '../../auth/permissions';
import { Forbidden } from '../../auth/RequireUser';
import { useViewer } from '../../auth/viewer';
import { AppLink } from '../../components/AppLink';
import { ComboboxField } from '../../components/Combobox';
import { ConfirmPanel } from '../../components/ConfirmPanel';
import { SelectField } from '../../components/fields';
import { ConnectionPager, useCursorPages } from '../../components/Pager';
import { usePageTitle } from '../../components/PageTitle';
import { ProblemSummary } from '../../components/ProblemSummary';
import { RecordEditLayout, RecordNoticeBlock, RecordPageState, type RecordNotice } from '../../components/RecordForm';
import { ScrollTable } from '../../components/ScrollTable';
import { ListStates } from '../../components/States';
import type { NetworkKind, NetworkMemberFieldsFragment } from '../../gql/graphql';
import { currentLanguage } from '../../i18n';
import { formatDay, formatNumber } from '../../lib/format';
import { historyPath } from '../../lib/paths';
import { useAreaPicker } from '../../lib/pickers';
import { useChange } from '../../lib/useChange';
import { ArchiveNetworkDocument, EditNetworkDocument, NetworkListDocument, RemoveNetworkMemberDocument, RestoreNetworkDocument } from './documents';
import { MemberForm, memberName } from './MemberForm';
import { NETWORK_KINDS, NetworkForm } from './NetworkForm';

/*
 * Networks (netwerken, schakelteams, overleggen) and their members. Admins curate every
 * network; an organisation's users the networks their organisation coordinates (the API's rule:
 * network.service.ts), and may add networks of their own. Everybody who curates sees the list.
 */

const PAGE_SIZE = 25;

interface Filters {
  area: string;
  kind: string;
  includeArchived: boolean;
}

function isKind(value: string | null): value is NetworkKind {
  return (NETWORK_KINDS as readonly string[]).includes(value ?? '');
}

/** /netwerken: every network, filtered by area and kind, with the archived ones on request. */
export function NetworksPage() {
  const { t } = useTranslation();
  const { viewer } = useViewer();
  const [params, setParams] = useSearchParams();
  const kindParam = params.get('soort');
  const filters: Filters = { area: params.get('gebied') ?? '', kind: isKind(kindParam) ? kindParam : '', includeArchived: params.get('gearchiveerd') === 'ja' };
  usePageTitle(t('networks.title'));
  function apply(next: Filters) {
    const query = new URLSearchParams();
    if (next.area) query.set('gebied', next.area);
    if (next.kind) query.set('soort', next.kind);
    if (next.includeArchived) query.set('gearchiveerd', 'ja');
    setParams(query);
  }
  const key = `${filters.area}|${filters.kind}|${filters.includeArchived}`;
  const own = viewer?.role === 'ORGANISATION' ? viewer.organisation : null;
  return (
    <>
      <Heading1>{t('networks.title')}</Heading1>
      <Paragraph>{own ? t('networks.introOwn', { organisation: own.name }) : t('networks.intro')}</Paragraph>
      {permissions.curateRecords(viewer) && (
        <Paragraph>
          <AppLink to="/netwerken/nieuw">{t('networks.new')}</AppLink>
        </Paragraph>
      )}
      <NetworkFilterForm key={`form|${key}`} initial={filters} onApply={apply} />
      <NetworksTable key={`table|${key}`} filters={filters} />
    </>
  );
}

function NetworkFilterForm({ initial, onApply }: { initial: Filters; onApply(next: Filters): void }) {
  const { t } = useTranslation();
  const [area, setArea] = useState(initial.area);
  const [kind, setKind] = useState(initial.kind);
  const [archived, setArchived] = useState(initial.includeArchived);
  const areas = useAreaPicker();
  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    onApply({ area, kind, includeArchived: archived });
  }
  return (
    <form className="app-toolbar" role="search" aria-label={t('networks.filterLabel')} onSubmit={submit} noValidate>
      <ComboboxField id="networks-area" label={t('networks.area')} description={t('networks.areaHint')} options={areas.options} loading={areas.loading} value={area} onChange={setArea} />
      <SelectField
        id="networks-kind"
        label={t('networks.kind')}
        value={kind}
        onChange={setKind}
        options={[{ value: '', label: t('networks.allKinds') }, ...NETWORK_KINDS.map((k) => ({ value: k, label: t(`networkKind.${k}`) }))]}
      />
      <FormField type="checkbox" className="app-toolbar__checkbox">
        <div className="utrecht-form-field__input">
          <Checkbox id="networks-archived" checked={archived} onChange={(event) => setArchived(event.currentTarget.checked)} />
        </div>
        <div className="utrecht-form-field__label utrecht-form-field__label--checkbox">
          <FormLabel htmlFor="networks-archived" type="checkbox" checked={archived}>
            {t('records.includeArchived')}
          </FormLabel>
        </div>
      </FormField>
      <Button appearance="primary-action-button" type="submit">
        {t('networks.filter')}
      </Button>
    </form>
  );
}

function NetworksTable({ filters }: { filters: Filters }) {
  const { t } = useTranslation();
  const { viewer } = useViewer();
  const pages = useCursorPages();
  const query = useQuery(NetworkListDocument, {
    variables: { area: filters.area || null, kind: isKind(filters.kind) ? filters.kind : null, includeArchived: filters.includeArchived, first: PAGE_SIZE, after: pages.after },
    fetchPolicy: 'cache-and-network',
  });
  const filtered = Boolean(filters.area || filters.kind);
  return (
    <ListStates list={(query.data ?? query.previousData)?.networks} query={query} loadingLabel={t('networks.loading')} what={t('networks.title')} empty={filtered ? t('records.noMatches') : t('networks.empty')}>
      {(connection) => (
        <>
          <ScrollTable
            caption={t('networks.caption', { count: connection.totalCount })}
            busy={query.loading}
            columns={[t('networks.name'), t('networks.kind'), t('networks.coordinator'), t('networks.areas')]}
          >
            <TableBody>
              {connection.edges.map(({ node }) => (
                <TableRow key={node.id}>
                  <TableHeaderCell scope="row">
                    {permissions.editOwnedRecord(viewer, node.coordinatorOrganisation?.id) ? <AppLink to={`/netwerken/${node.id}`}>{node.name}</AppLink> : node.name}
                    {node.archivedAt && <span className="app-muted"> ({t('records.archived')})</span>}
                  </TableHeaderCell>
                  <TableCell>{t(`networkKind.${node.kind}`)}</TableCell>
                  <TableCell>{node.coordinatorOrganisation?.name ?? t('common.notRecorded')}</TableCell>
                  <TableCell>{node.areas.length > 0 ? node.areas.map((a) => a.name).join(', ') : t('common.notRecorded')}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </ScrollTable>
          <ConnectionPager label={t('networks.title')} pages={pages} pageSize={PAGE_SIZE} connection={connection} busy={query.loading} />
        </>
      )}
    </ListStates>
  );
}

/** /netwerken/nieuw: admins, and an organisation's users for a network their organisation coordinates. */
export function NewNetworkPage() {
  const { t } = useTranslation();
  const { viewer } = useViewer();
  const navigate = useNavigate();
  usePageTitle(t('networks.new'));
  if (!permissions.curateRecords(viewer)) return <Forbidden />;
  return (
    <>
      <Paragraph>
        <AppLink to="/netwerken">{t('networks.backToList')}</AppLink>
      </Paragraph>
      <Heading1>{t('networks.new')}</Heading1>
      <NetworkForm network={null} notice={null} onNotice={() => undefined} onReload={async () => undefined} onCreated={(id) => navigate(`/netwerken/${id}`, { state: { notice: 'created' } })} />
    </>
  );
}

/** The network of an edit page, read with its members; who may change it (admins, its coordinator's users). */
function useNetwork(id: string) {
  const { viewer } = useViewer();
  const query = useQuery(EditNetworkDocument, { variables: { id }, fetchPolicy: 'cache-and-network' });
  const network = query.data?.network ?? null;
  return { query, network, allowed: permissions.editOwnedRecord(viewer, network?.coordinatorOrganisation?.id) };
}

/**
 * The frame of the pages of one network while it loads or cannot be shown (RecordPageState);
 * `found`, on a member's page, says whether the member is there.
 */
function NetworkPageState({ network, found, children }: { network: ReturnType<typeof useNetwork>; found?: boolean; children: ReactNode }) {
  const { t } = useTranslation();
  const { query, allowed } = network;
  const record = network.network;
  const member = found !== undefined && record !== null;
  return (
    <RecordPageState
      loading={query.loading && !query.data}
      error={query.error && !query.data ? query.error : null}
      found={found ?? Boolean(record)}
      allowed={allowed}
      loadingLabel={t('networks.loadingOne')}
      what={found !== undefined ? t('members.title') : t('networks.title')}
      notFound={member ? t('members.notFound') : t('networks.notFound')}
      backTo={member ? `/netwerken/${record.id}` : '/netwerken'}
      backLabel={member ? t('members.backToNetwork', { name: record.name }) : t('networks.backToList')}
      onRetry={() => void query.refetch()}
    >
      {children}
    </RecordPageState>
  );
}

/** /netwerken/:id: the network's form, its members, archive/restore and history. */
export function NetworkEditPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const location = useLocation();
  const edited = useNetwork(id);
  const { query, network, allowed } = edited;
  const state = location.state as { notice?: RecordNotice; removed?: string } | null;
  const [notice, setNotice] = useState<RecordNotice>(state?.notice ?? null);
  const [archive] = useMutation(ArchiveNetworkDocument);
  const [restore] = useMutation(RestoreNetworkDocument);
  usePageTitle(network ? (allowed ? t('recordForm.editTitle', { name: network.name }) : t('forbidden.title')) : t('networks.title'));
  async function reload() {
    await query.refetch();
    setNotice('reloaded');
  }
  return (
    <NetworkPageState network={edited}>
      {network && (
        <>
          <RecordEditLayout
            record={network}
            historyType="NETWORK"
            listPath="/netwerken"
            texts={{ backToList: t('networks.backToList'), title: t('recordForm.editTitle', { name: network.name }), what: t('networks.what') }}
            archive={() => archive({ variables: { id: network.id, version: network.version } })}
            restore={() => restore({ variables: { id: network.id, version: network.version } })}
            onNotice={setNotice}
            onReload={reload}
            form={<NetworkForm key={`${network.id}:${network.version}`} network={network} notice={notice} onNotice={setNotice} onReload={reload} />}
          />
          <MembersSection networkId={network.id} archived={Boolean(network.archivedAt)} members={network.members} removed={state?.removed ?? null} />
        </>
      )}
    </NetworkPageState>
  );
}

/** The members of a network, each linked to its form; a member is added while the network is current. */
function MembersSection({ networkId, archived, members, removed }: { networkId: string; archived: boolean; members: readonly NetworkMemberFieldsFragment[]; removed: string | null }) {
  const { t, i18n } = useTranslation();
  const language = currentLanguage(i18n.language);
  const number = (value: number | null | undefined) => (value === null || value === undefined ? t('common.notRecorded') : formatNumber(value, language));
  const period = (member: NetworkMemberFieldsFragment) => {
    if (!member.joinedOn && !member.leftOn) return t('common.notRecorded');
    if (!member.leftOn) return t('members.since', { date: formatDay(member.joinedOn ?? '', language) });
    if (!member.joinedOn) return t('members.until', { date: formatDay(member.leftOn, language) });
    return t('members.from', { from: formatDay(member.joinedOn, language), to: formatDay(member.leftOn, language) });
  };
  return (
    <section aria-labelledby="network-members" className="app-section">
      <Heading2 id="network-members">{t('members.title')}</Heading2>
      {removed && <RecordNoticeBlock notice="saved" text={t('members.removed', { name: removed })} />}
      {archived ? (
        <Paragraph className="app-muted">{t('members.archivedNetwork')}</Paragraph>
      ) : (
        <Paragraph>
          <AppLink to={`/netwerken/${networkId}/leden/nieuw`}>{t('members.new')}</AppLink>
        </Paragraph>
      )}
      {members.length === 0 ? (
        <Paragraph>{t('members.empty')}</Paragraph>
      ) : (
        <ScrollTable
          caption={t('members.caption', { count: members.length })}
          columns={[t('members.member'), t('memberForm.field.role'), t('memberForm.field.tier'), t('memberForm.field.contribution'), t('memberForm.field.fte'), t('memberForm.field.hoursPerWeek'), t('members.period')]}
        >
          <TableBody>
            {members.map((member) => (
              <TableRow key={member.id}>
                <TableHeaderCell scope="row">
                  <AppLink to={`/netwerken/${networkId}/leden/${member.id}`}>{memberName(member) || t('members.unnamed')}</AppLink>
                </TableHeaderCell>
                <TableCell>{member.role ?? t('common.notRecorded')}</TableCell>
                <TableCell>{member.tier ? t(`memberTier.${member.tier}`) : t('common.notRecorded')}</TableCell>
                <TableCell>{member.contribution ? t(`memberContribution.${member.contribution}`) : t('common.notRecorded')}</TableCell>
                <TableCell>{number(member.fte)}</TableCell>
                <TableCell>{number(member.hoursPerWeek)}</TableCell>
                <TableCell>{period(member)}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </ScrollTable>
      )}
    </section>
  );
}

/** /netwerken/:id/leden/nieuw */
export function NewMemberPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const navigate = useNavigate();
  const edited = useNetwork(id);
  const { network } = edited;
  usePageTitle(t('members.new'));
  return (
    <NetworkPageState network={edited}>
      {network && (
        <>
          <Paragraph>
            <AppLink to={`/netwerken/${network.id}`}>{t('members.backToNetwork', { name: network.name })}</AppLink>
          </Paragraph>
          <Heading1>{t('members.newTitle', { network: network.name })}</Heading1>
          <MemberForm
            networkId={network.id}
            member={null}
            notice={null}
            onNotice={() => undefined}
            onReload={async () => undefined}
            onCreated={(memberId) => navigate(`/netwerken/${network.id}/leden/${memberId}`, { state: { notice: 'created' } })}
          />
        </>
      )}
    </NetworkPageState>
  );
}

/** /netwerken/:id/leden/:memberId: change a member, or remove one recorded by mistake. */
export function MemberEditPage() {
  const { id = '', memberId = '' } = useParams();
  const { t } = useTranslation();
  const location = useLocation();
  const edited = useNetwork(id);
  const { query, network, allowed } = edited;
  const [notice, setNotice] = useState<RecordNotice>((location.state as { notice?: RecordNotice } | null)?.notice ?? null);
  const member = network?.members.find((m) => m.id === memberId) ?? null;
  const name = member ? memberName(member) || t('members.unnamed') : '';
  usePageTitle(member ? (allowed ? t('recordForm.editTitle', { name }) : t('forbidden.title')) : t('members.title'));
  async function reload() {
    await query.refetch();
    setNotice('reloaded');
  }
  return (
    <NetworkPageState network={edited} found={Boolean(member)}>
      {network && member && (
        <>
          <Paragraph>
            <AppLink to={`/netwerken/${network.id}`}>{t('members.backToNetwork', { name: network.name })}</AppLink>
          </Paragraph>
          <Heading1>{t('recordForm.editTitle', { name })}</Heading1>
          <Paragraph className="app-muted">{t('members.inNetwork', { network: network.name })}</Paragraph>
          <Paragraph>
            <AppLink to={historyPath('NETWORK_MEMBER', member.id)}>{t('history.openLink', { name })}</AppLink>
          </Paragraph>
          <MemberForm key={`${member.id}:${member.version}`} networkId={network.id} member={member} notice={notice} onNotice={setNotice} onReload={reload} />
          <RemoveMemberPanel key={`remove:${member.version}`} networkId={network.id} member={member} name={name} onReload={reload} />
        </>
      )}
    </NetworkPageState>
  );
}

/**
 * Removing a member deletes it (with a DELETE entry in its history); a member who left is kept
 * by setting "left on" instead, which the panel says before asking for a confirmation.
 */
function RemoveMemberPanel({ networkId, member, name, onReload }: { networkId: string; member: NetworkMemberFieldsFragment; name: string; onReload(): Promise<void> }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [asking, setAsking] = useState(false);
  const [remove] = useMutation(RemoveNetworkMemberDocument);
  const change = useChange({ onReload, keepProblemIfReloadFails: true });
  async function confirm() {
    const outcome = await change.run(() => remove({ variables: { id: member.id, version: member.version } }));
    setAsking(false);
    if (outcome.ok) navigate(`/netwerken/${networkId}`, { state: { removed: name } });
  }
  return (
    <section aria-labelledby="member-remove" className="app-archive-panel">
      <Heading2 id="member-remove">{t('members.removeTitle')}</Heading2>
      <Paragraph>{t('members.removeText')}</Paragraph>
      <ProblemSummary
        problem={change.problem}
        notSaved={t('members.notRemoved')}
        fieldMessage={(message) => change.fieldMessage(message)}
        conflictText={t('recordForm.conflictArchive')}
        onReload={change.reload ? () => void change.reload?.() : undefined}
        reloading={change.reloading}
      />
      {asking ? (
        <ConfirmPanel
          question={t('members.removeQuestion', { name })}
          consequence={t('members.removeConsequence')}
          confirmLabel={t('members.removeConfirm')}
          cancelLabel={t('formCommon.cancel')}
          busy={change.busy}
          onConfirm={() => void confirm()}
          onCancel={() => setAsking(false)}
        />
      ) : (
        <Button appearance="secondary-action-button" hint="danger" onClick={() => setAsking(true)}>
          {t('members.remove')}
        </Button>
      )}
    </section>
  );
}

/** /netwerken, /netwerken/nieuw, /netwerken/:id and the members' pages — one lazy part. */
export function NetworkRoutes() {
  return (
    <Routes>
      <Route index element={<NetworksPage />} />
      <Route path="nieuw" element={<NewNetworkPage />} />
      <Route path=":id" element={<NetworkEditPage />} />
      <Route path=":id/leden/nieuw" element={<NewMemberPage />} />
      <Route path=":id/leden/:memberId" element={<MemberEditPage />} />
    </Routes>
  );
}
