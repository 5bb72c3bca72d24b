import { Heading1, Heading2, Paragraph } from '@utrecht/component-library-react';
import { useMutation, useQuery } from '@apollo/client/react';
import { useMemo, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate, useParams } from 'react-router-dom';
import { AppLink } from '../../components/AppLink';
import { usePageTitle } from '../../components/PageTitle';
import { RecordEditLayout, RecordPageState, type RecordNotice } from '../../components/RecordForm';
import { ErrorState, Loading } from '../../components/States';
import { currentLanguage } from '../../i18n';
import { sortDutch } from '../../lib/collation';
import { useAllPages } from '../../lib/pickers';
import {
  ArchiveInterventionTypeDocument,
  ArchiveTargetGroupDocument,
  BasicFunctionsDocument,
  EditInterventionTypeDocument,
  EditTargetGroupDocument,
  InterventionTypeTreeDocument,
  RestoreInterventionTypeDocument,
  RestoreTargetGroupDocument,
  TargetGroupListDocument,
} from './documents';
import { InterventionTypeForm } from './InterventionTypeForm';
import { TargetGroupForm } from './TargetGroupForm';

/*
 * The taxonomies the map is classified by (admins): intervention types as a tree under the ten
 * basic functions of a switch team (§6.1), with their sub-types, and the target groups; each
 * with create, edit, archive/restore and history, in the curation forms' one pattern.
 */

function useLanguage() {
  const { i18n } = useTranslation();
  return currentLanguage(i18n.language);
}

interface TreeNode {
  id: string;
  code: string;
  name: string;
  archived: boolean;
  basicFunction: string | null;
  parentId: string | null;
}

function TypeList({ nodes, all }: { nodes: TreeNode[]; all: TreeNode[] }) {
  const { t } = useTranslation();
  if (nodes.length === 0) return null;
  return (
    <ul className="app-tree">
      {sortDutch(nodes, (node) => node.name).map((node) => (
        <li key={node.id}>
          <AppLink to={`/interventies/${node.id}`}>{node.name}</AppLink>
          {node.archived && <span className="app-muted"> ({t('records.archived')})</span>}
          <TypeList nodes={all.filter((child) => child.parentId === node.id)} all={all} />
        </li>
      ))}
    </ul>
  );
}

/** /interventies: the catalogue as a tree — basic function, intervention type, sub-type. */
export function InterventionTypesPage() {
  const { t } = useTranslation();
  const language = useLanguage();
  usePageTitle(t('taxonomy.interventionTypes'));
  const functions = useQuery(BasicFunctionsDocument);
  const list = useAllPages(InterventionTypeTreeDocument, (data) => data.interventionTypes, { fresh: true });
  const nodes = useMemo<TreeNode[]>(
    () =>
      (list.nodes ?? []).map((n) => ({
        id: n.id,
        code: n.code,
        name: language === 'en' ? (n.nameEn ?? n.nameNl) : n.nameNl,
        archived: Boolean(n.archivedAt),
        basicFunction: n.basicFunction?.code ?? null,
        parentId: n.parent?.id ?? null,
      })),
    [list.nodes, language],
  );
  let body: ReactNode;
  if (functions.error || list.error) body = <ErrorState error={functions.error ?? list.error} onRetry={list.retry} what={t('taxonomy.interventionTypes')} />;
  else if (!functions.data || list.loading) body = <Loading label={t('taxonomy.loading')} />;
  else {
    const roots = nodes.filter((node) => !node.parentId || !nodes.some((other) => other.id === node.parentId));
    const groups = [...functions.data.basicFunctions].sort((a, b) => a.number - b.number);
    body = (
      <>
        {groups.map((f) => (
          <section key={f.code} aria-labelledby={`bf-${f.code}`}>
            <Heading2 id={`bf-${f.code}`}>
              {f.number}. {language === 'en' ? f.nameEn : f.nameNl}
            </Heading2>
            {roots.some((node) => node.basicFunction === f.code) ? <TypeList nodes={roots.filter((node) => node.basicFunction === f.code)} all={nodes} /> : <Paragraph className="app-muted">{t('taxonomy.noTypes')}</Paragraph>}
          </section>
        ))}
        {roots.some((node) => !node.basicFunction) && (
          <section aria-labelledby="bf-none">
            <Heading2 id="bf-none">{t('taxonomy.withoutFunction')}</Heading2>
            <TypeList nodes={roots.filter((node) => !node.basicFunction)} all={nodes} />
          </section>
        )}
      </>
    );
  }
  return (
    <>
      <Heading1>{t('taxonomy.interventionTypes')}</Heading1>
      <Paragraph>{t('taxonomy.interventionTypesIntro')}</Paragraph>
      <Paragraph>
        <AppLink to="/interventies/nieuw">{t('taxonomy.newInterventionType')}</AppLink>
      </Paragraph>
      {body}
    </>
  );
}

/** /doelgroepen: the target groups, in Dutch order, with their ages. */
export function TargetGroupsPage() {
  const { t } = useTranslation();
  const language = useLanguage();
  usePageTitle(t('taxonomy.targetGroups'));
  const list = useAllPages(TargetGroupListDocument, (data) => data.targetGroups, { fresh: true });
  const name = (g: { nameNl: string; nameEn?: string | null }) => (language === 'en' ? (g.nameEn ?? g.nameNl) : g.nameNl);
  return (
    <>
      <Heading1>{t('taxonomy.targetGroups')}</Heading1>
      <Paragraph>
        <AppLink to="/doelgroepen/nieuw">{t('taxonomy.newTargetGroup')}</AppLink>
      </Paragraph>
      {list.error ? (
        <ErrorState error={list.error} onRetry={list.retry} what={t('taxonomy.targetGroups')} />
      ) : !list.nodes ? (
        <Loading label={t('taxonomy.loading')} />
      ) : (
        <ul className="app-tree">
          {sortDutch(list.nodes, name).map((g) => (
            <li key={g.id}>
              <AppLink to={`/doelgroepen/${g.id}`}>{name(g)}</AppLink>
              {(g.minAge !== null || g.maxAge !== null) && <span className="app-muted"> ({t('taxonomy.ages', { min: g.minAge ?? 0, max: g.maxAge ?? '…' })})</span>}
              {g.archivedAt && <span className="app-muted"> ({t('records.archived')})</span>}
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

function NewPage({ title, back, backLabel, children }: { title: string; back: string; backLabel: string; children: ReactNode }) {
  usePageTitle(title);
  return (
    <>
      <Paragraph>
        <AppLink to={back}>{backLabel}</AppLink>
      </Paragraph>
      <Heading1>{title}</Heading1>
      {children}
    </>
  );
}

export function NewInterventionTypePage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  return (
    <NewPage title={t('taxonomy.newInterventionType')} back="/interventies" backLabel={t('taxonomy.backToInterventionTypes')}>
      <InterventionTypeForm interventionType={null} notice={null} onNotice={() => undefined} onReload={async () => undefined} onCreated={(id) => navigate(`/interventies/${id}`, { state: { notice: 'created' } })} />
    </NewPage>
  );
}

export function NewTargetGroupPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  return (
    <NewPage title={t('taxonomy.newTargetGroup')} back="/doelgroepen" backLabel={t('taxonomy.backToTargetGroups')}>
      <TargetGroupForm targetGroup={null} notice={null} onNotice={() => undefined} onReload={async () => undefined} onCreated={(id) => navigate(`/doelgroepen/${id}`, { state: { notice: 'created' } })} />
    </NewPage>
  );
}

function useNotice() {
  const location = useLocation();
  return useState<RecordNotice>((location.state as { notice?: RecordNotice } | null)?.notice ?? null);
}

export function InterventionTypeEditPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const { data, loading, error, refetch } = useQuery(EditInterventionTypeDocument, { variables: { id }, fetchPolicy: 'cache-and-network' });
  const [notice, setNotice] = useNotice();
  const [archive] = useMutation(ArchiveInterventionTypeDocument);
  const [restore] = useMutation(RestoreInterventionTypeDocument);
  const record = data?.interventionType;
  usePageTitle(record ? t('recordForm.editTitle', { name: record.nameNl }) : t('taxonomy.interventionTypes'));
  async function reload() {
    await refetch();
    setNotice('reloaded');
  }
  return (
    <RecordPageState
      loading={loading && !data}
      error={error && !data ? error : null}
      found={Boolean(record)}
      allowed
      loadingLabel={t('taxonomy.loading')}
      what={t('taxonomy.interventionTypes')}
      notFound={t('taxonomy.notFound')}
      backTo="/interventies"
      backLabel={t('taxonomy.backToInterventionTypes')}
      onRetry={() => void refetch()}
    >
      {record && (
        <RecordEditLayout
          record={{ ...record, name: record.nameNl }}
          historyType="INTERVENTION_TYPE"
          listPath="/interventies"
          texts={{ backToList: t('taxonomy.backToInterventionTypes'), title: t('recordForm.editTitle', { name: record.nameNl }), what: t('taxonomy.thisInterventionType') }}
          archive={() => archive({ variables: { id: record.id, version: record.version } })}
          restore={() => restore({ variables: { id: record.id, version: record.version } })}
          onNotice={setNotice}
          onReload={reload}
          form={<InterventionTypeForm key={`${record.id}:${record.version}`} interventionType={record} notice={notice} onNotice={setNotice} onReload={reload} />}
        />
      )}
    </RecordPageState>
  );
}

export function TargetGroupEditPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const { data, loading, error, refetch } = useQuery(EditTargetGroupDocument, { variables: { id }, fetchPolicy: 'cache-and-network' });
  const [notice, setNotice] = useNotice();
  const [archive] = useMutation(ArchiveTargetGroupDocument);
  const [restore] = useMutation(RestoreTargetGroupDocument);
  const record = data?.targetGroup;
  usePageTitle(record ? t('recordForm.editTitle', { name: record.nameNl }) : t('taxonomy.targetGroups'));
  async function reload() {
    await refetch();
    setNotice('reloaded');
  }
  return (
    <RecordPageState
      loading={loading && !data}
      error={error && !data ? error : null}
      found={Boolean(record)}
      allowed
      loadingLabel={t('taxonomy.loading')}
      what={t('taxonomy.targetGroups')}
      notFound={t('taxonomy.notFound')}
      backTo="/doelgroepen"
      backLabel={t('taxonomy.backToTargetGroups')}
      onRetry={() => void refetch()}
    >
      {record && (
        <RecordEditLayout
          record={{ ...record, name: record.nameNl }}
          historyType="TARGET_GROUP"
          listPath="/doelgroepen"
          texts={{ backToList: t('taxonomy.backToTargetGroups'), title: t('recordForm.editTitle', { name: record.nameNl }), what: t('taxonomy.thisTargetGroup') }}
          archive={() => archive({ variables: { id: record.id, version: record.version } })}
          restore={() => restore({ variables: { id: record.id, version: record.version } })}
          onNotice={setNotice}
          onReload={reload}
          form={<TargetGroupForm key={`${record.id}:${record.version}`} targetGroup={record} notice={notice} onNotice={setNotice} onReload={reload} />}
        />
      )}
    </RecordPageState>
  );
}
