import { Button, Heading1, Heading2, Paragraph } from '@utrecht/component-library-react';
import { useMutation, useQuery } from '@apollo/client/react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Route, Routes, useLocation, useNavigate, useParams } from 'react-router-dom';
import { AppLink } from '../../components/AppLink';
import { ConfirmPanel } from '../../components/ConfirmPanel';
import { TextAreaField } from '../../components/fields';
import { usePageTitle } from '../../components/PageTitle';
import { RecordNoticeBlock, RecordPageState, RecordProblem, SaveButton, useRecordForm, type RecordNotice } from '../../components/RecordForm';
import { ErrorState, Loading } from '../../components/States';
import type { SearchSynonymFieldsFragment } from '../../gql/graphql';
import { sortDutch } from '../../lib/collation';
import { formValuesOf, type FieldSpec } from '../../lib/recordForm';
import { CreateSearchSynonymDocument, DeleteSearchSynonymDocument, SearchSynonymsDocument, UpdateSearchSynonymDocument } from './documents';

/*
 * The curated search synonyms (admins): groups of words or phrases that search treats as one
 * ("senioren" finds what says "ouderen"). The API keeps each term in one group at most.
 */

const SPEC: FieldSpec = { terms: 'words' };

/** A group as one line: its terms in the curator's order. */
function groupLabel(group: Pick<SearchSynonymFieldsFragment, 'terms'>): string {
  return group.terms.join(' ~ ');
}

function SynonymForm({
  group,
  notice,
  onNotice,
  onReload,
  onCreated,
}: {
  group: SearchSynonymFieldsFragment | null;
  notice: RecordNotice;
  onNotice(n: RecordNotice): void;
  onReload(): Promise<void>;
  onCreated?(id: string): void;
}) {
  const { t } = useTranslation();
  const { form, change, submit, attempted, bound } = useRecordForm({ spec: SPEC, initial: group ? formValuesOf(SPEC, group) : null, defaults: formValuesOf(SPEC, {}), onReload });
  const [create] = useMutation(CreateSearchSynonymDocument, { refetchQueries: [SearchSynonymsDocument] });
  const [update] = useMutation(UpdateSearchSynonymDocument, { refetchQueries: [SearchSynonymsDocument] });
  const fields = { terms: { id: 'syn-terms', label: t('synonyms.field.terms') } };
  const onSubmit = submit(
    async (input) => {
      onNotice(null);
      const terms = (input.terms as string[] | undefined) ?? [];
      if (!group) {
        const outcome = await change.run(() => create({ variables: { input: { terms } } }));
        if (outcome.ok && outcome.value.data) onCreated?.(outcome.value.data.createSearchSynonym.id);
        return;
      }
      const outcome = await change.run(() => update({ variables: { id: group.id, version: group.version, input: { terms } } }));
      if (outcome.ok) onNotice('saved');
    },
    () => onNotice('unchanged'),
  );
  return (
    <form className="app-form" onSubmit={onSubmit} noValidate aria-busy={change.busy || undefined} aria-label={t('synonyms.formLabel')}>
      <RecordNoticeBlock notice={notice} text={notice ? t(`recordForm.notice.${notice}`) : ''} />
      <RecordProblem change={change} form={form} fields={fields} notSaved={group ? t('recordForm.notSaved') : t('synonyms.notCreated')} conflictTitle={t('recordForm.conflictTitle')} conflictText={t('recordForm.conflictText')} attempted={attempted} />
      <TextAreaField {...bound('terms', 'syn')} label={t('recordForm.required', { label: t('synonyms.field.terms') })} description={t('synonyms.termsHint')} rows={5} required />
      <SaveButton busy={change.busy} label={group ? t('recordForm.save') : t('synonyms.create')} busyLabel={t('recordForm.saving')} />
    </form>
  );
}

/** /synoniemen: the synonym groups, in Dutch order of their first term. */
export function SynonymsPage() {
  const { t } = useTranslation();
  usePageTitle(t('synonyms.title'));
  const { data, error, refetch } = useQuery(SearchSynonymsDocument, { fetchPolicy: 'cache-and-network' });
  const location = useLocation();
  const deleted = (location.state as { deleted?: string } | null)?.deleted;
  return (
    <>
      <Heading1>{t('synonyms.title')}</Heading1>
      <Paragraph>{t('synonyms.intro')}</Paragraph>
      {deleted && (
        <Paragraph role="status" className="app-notice">
          {t('synonyms.deleted', { terms: deleted })}
        </Paragraph>
      )}
      <Paragraph>
        <AppLink to="/synoniemen/nieuw">{t('synonyms.new')}</AppLink>
      </Paragraph>
      {error && !data ? (
        <ErrorState error={error} onRetry={() => void refetch()} what={t('synonyms.title')} />
      ) : !data ? (
        <Loading label={t('synonyms.loading')} />
      ) : data.searchSynonyms.length === 0 ? (
        <Paragraph>{t('synonyms.empty')}</Paragraph>
      ) : (
        <ul className="app-tree" aria-label={t('synonyms.listLabel', { count: data.searchSynonyms.length })}>
          {sortDutch(data.searchSynonyms, (g) => g.terms[0] ?? '').map((g) => (
            <li key={g.id}>
              <AppLink to={`/synoniemen/${g.id}`}>{groupLabel(g)}</AppLink>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

function NewSynonymPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  usePageTitle(t('synonyms.new'));
  return (
    <>
      <Paragraph>
        <AppLink to="/synoniemen">{t('synonyms.backToList')}</AppLink>
      </Paragraph>
      <Heading1>{t('synonyms.new')}</Heading1>
      <SynonymForm group={null} notice={null} onNotice={() => undefined} onReload={async () => undefined} onCreated={(id) => navigate(`/synoniemen/${id}`, { state: { notice: 'created' } })} />
    </>
  );
}

function SynonymEditPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const location = useLocation();
  const navigate = useNavigate();
  const { data, loading, error, refetch } = useQuery(SearchSynonymsDocument, { fetchPolicy: 'cache-and-network' });
  const [notice, setNotice] = useState<RecordNotice>((location.state as { notice?: RecordNotice } | null)?.notice ?? null);
  const [confirming, setConfirming] = useState(false);
  const [remove, removal] = useMutation(DeleteSearchSynonymDocument, { refetchQueries: [SearchSynonymsDocument] });
  const [removeError, setRemoveError] = useState<unknown>(null);
  const group = data?.searchSynonyms.find((g) => g.id === id) ?? null;
  const title = group ? t('synonyms.editTitle', { terms: groupLabel(group) }) : t('synonyms.title');
  usePageTitle(title);
  async function reload() {
    await refetch();
    setNotice('reloaded');
  }
  async function onDelete(record: SearchSynonymFieldsFragment) {
    setRemoveError(null);
    try {
      await remove({ variables: { id: record.id, version: record.version } });
      navigate('/synoniemen', { state: { deleted: groupLabel(record) } });
    } catch (caught) {
      setConfirming(false);
      setRemoveError(caught);
    }
  }
  return (
    <RecordPageState
      loading={loading && !data}
      error={error && !data ? error : null}
      found={Boolean(group)}
      allowed
      loadingLabel={t('synonyms.loading')}
      what={t('synonyms.title')}
      notFound={t('synonyms.notFound')}
      backTo="/synoniemen"
      backLabel={t('synonyms.backToList')}
      onRetry={() => void refetch()}
    >
      {group && (
        <>
          <Paragraph>
            <AppLink to="/synoniemen">{t('synonyms.backToList')}</AppLink>
          </Paragraph>
          <Heading1>{title}</Heading1>
          <SynonymForm key={`${group.id}:${group.version}`} group={group} notice={notice} onNotice={setNotice} onReload={reload} />
          <section aria-labelledby="syn-delete">
            <Heading2 id="syn-delete">{t('synonyms.deleteTitle')}</Heading2>
            {Boolean(removeError) && <ErrorState error={removeError} onRetry={() => void reload()} what={t('synonyms.deleteTitle')} />}
            {confirming ? (
              <ConfirmPanel
                question={t('synonyms.deleteQuestion', { terms: groupLabel(group) })}
                consequence={t('synonyms.deleteConsequence')}
                confirmLabel={t('synonyms.deleteConfirm')}
                cancelLabel={t('synonyms.deleteCancel')}
                busy={removal.loading}
                onConfirm={() => void onDelete(group)}
                onCancel={() => setConfirming(false)}
              />
            ) : (
              <Button appearance="secondary-action-button" hint="danger" onClick={() => setConfirming(true)}>
                {t('synonyms.delete')}
              </Button>
            )}
          </section>
        </>
      )}
    </RecordPageState>
  );
}

/** /synoniemen, /synoniemen/nieuw, /synoniemen/:id — one lazy part. */
export function SynonymRoutes() {
  return (
    <Routes>
      <Route index element={<SynonymsPage />} />
      <Route path="nieuw" element={<NewSynonymPage />} />
      <Route path=":id" element={<SynonymEditPage />} />
    </Routes>
  );
}
