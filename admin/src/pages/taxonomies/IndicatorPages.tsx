import { Heading1, Paragraph } from '@utrecht/component-library-react';
import { useApolloClient, useMutation } from '@apollo/client/react';
import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Route, Routes, useLocation, useNavigate, useParams } from 'react-router-dom';
import { AppLink } from '../../components/AppLink';
import { SelectField, TextAreaField, TextField } from '../../components/fields';
import { usePageTitle } from '../../components/PageTitle';
import { RecordEditLayout, RecordNoticeBlock, RecordPageState, RecordProblem, SaveButton, useRecordForm, type RecordNotice } from '../../components/RecordForm';
import { ErrorState, Loading } from '../../components/States';
import type { CreateIndicatorInput, IndicatorFormFieldsFragment, IndicatorUnit, UpdateIndicatorInput } from '../../gql/graphql';
import { sortDutch } from '../../lib/collation';
import { useAllPages } from '../../lib/pickers';
import { formValuesOf, type FieldSpec } from '../../lib/recordForm';
import { ArchiveIndicatorDocument, CreateIndicatorDocument, IndicatorListDocument, RestoreIndicatorDocument, UpdateIndicatorDocument } from './documents';

/*
 * The indicators key figures measure (admins): code, names, unit. There is no single-indicator
 * query, so the edit page finds its indicator in the (short) list.
 */

const UNITS: readonly IndicatorUnit[] = ['PERCENT', 'COUNT', 'NUMBER', 'EUR', 'RATING_10'];
const SPEC: FieldSpec = { nameNl: 'requiredText', nameEn: 'requiredText', code: 'requiredText', unit: 'choice', description: 'textarea' };
type Field = keyof typeof SPEC & string;

function IndicatorForm({
  indicator,
  notice,
  onNotice,
  onReload,
  onCreated,
  onSaved,
}: {
  indicator: IndicatorFormFieldsFragment | null;
  notice: RecordNotice;
  onNotice(n: RecordNotice): void;
  onReload(): Promise<void>;
  onCreated?(id: string): void;
  onSaved?(indicator: IndicatorFormFieldsFragment): void;
}) {
  const { t } = useTranslation();
  const { form, change, submit, attempted, bound } = useRecordForm({ spec: SPEC, initial: indicator ? formValuesOf(SPEC, indicator) : null, defaults: formValuesOf(SPEC, { unit: 'PERCENT' }), onReload });
  const [create] = useMutation(CreateIndicatorDocument);
  const [update] = useMutation(UpdateIndicatorDocument);
  const label = (field: Field) => t(`indicatorForm.field.${field}` as 'indicatorForm.field.nameNl');
  const fields = Object.fromEntries(Object.keys(SPEC).map((name) => [name, { id: `ind-${name}`, label: label(name as Field) }]));
  const onSubmit = submit(
    async (input) => {
      onNotice(null);
      if (!indicator) {
        const outcome = await change.run(() => create({ variables: { input: input as unknown as CreateIndicatorInput } }));
        if (outcome.ok && outcome.value.data) onCreated?.(outcome.value.data.createIndicator.id);
        return;
      }
      const outcome = await change.run(() => update({ variables: { id: indicator.id, version: indicator.version, input: input as UpdateIndicatorInput } }));
      if (outcome.ok && outcome.value.data) {
        onSaved?.(outcome.value.data.updateIndicator);
        onNotice('saved');
      }
    },
    () => onNotice('unchanged'),
  );
  return (
    <form className="app-form" onSubmit={onSubmit} noValidate aria-busy={change.busy || undefined} aria-label={t('indicatorForm.formLabel')}>
      <RecordNoticeBlock notice={notice} text={notice ? t(`recordForm.notice.${notice}`) : ''} />
      <RecordProblem change={change} form={form} fields={fields} notSaved={indicator ? t('recordForm.notSaved') : t('indicatorForm.notCreated')} conflictTitle={t('recordForm.conflictTitle')} conflictText={t('recordForm.conflictText')} attempted={attempted} />
      <TextField {...bound('nameNl', 'ind')} label={t('recordForm.required', { label: label('nameNl') })} required />
      <TextField {...bound('nameEn', 'ind')} label={t('recordForm.required', { label: label('nameEn') })} required />
      <TextField {...bound('code', 'ind')} label={t('recordForm.required', { label: label('code') })} description={t('indicatorForm.codeHint')} required />
      <SelectField {...bound('unit', 'ind')} label={label('unit')} options={UNITS.map((u) => ({ value: u, label: t(`indicatorUnit.${u}`) }))} />
      <TextAreaField {...bound('description', 'ind')} label={label('description')} rows={3} />
      <SaveButton busy={change.busy} label={indicator ? t('recordForm.save') : t('indicatorForm.create')} busyLabel={t('recordForm.saving')} />
    </form>
  );
}

/** /indicatoren: what the key figures measure. */
export function IndicatorsPage() {
  const { t } = useTranslation();
  usePageTitle(t('indicators.title'));
  const list = useAllPages(IndicatorListDocument, (data) => data.indicators, { fresh: true });
  return (
    <>
      <Heading1>{t('indicators.title')}</Heading1>
      <Paragraph>
        <AppLink to="/indicatoren/nieuw">{t('indicators.new')}</AppLink>
      </Paragraph>
      {list.error ? (
        <ErrorState error={list.error} onRetry={list.retry} what={t('indicators.title')} />
      ) : !list.nodes ? (
        <Loading label={t('taxonomy.loading')} />
      ) : (
        <ul className="app-tree">
          {sortDutch(list.nodes, (i) => i.nameNl).map((i) => (
            <li key={i.id}>
              <AppLink to={`/indicatoren/${i.id}`}>{i.nameNl}</AppLink> <span className="app-muted">({t(`indicatorUnit.${i.unit}`)}{i.archivedAt ? `, ${t('records.archived')}` : ''})</span>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

export function NewIndicatorPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  usePageTitle(t('indicators.new'));
  return (
    <>
      <Paragraph>
        <AppLink to="/indicatoren">{t('indicators.backToList')}</AppLink>
      </Paragraph>
      <Heading1>{t('indicators.new')}</Heading1>
      <IndicatorForm indicator={null} notice={null} onNotice={() => undefined} onReload={async () => undefined} onCreated={(id) => navigate(`/indicatoren/${id}`, { state: { notice: 'created' } })} />
    </>
  );
}

export function IndicatorEditPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const location = useLocation();
  const client = useApolloClient();
  const list = useAllPages(IndicatorListDocument, (data) => data.indicators, { fresh: true });
  const [notice, setNotice] = useState<RecordNotice>((location.state as { notice?: RecordNotice } | null)?.notice ?? null);
  const [archive] = useMutation(ArchiveIndicatorDocument);
  const [restore] = useMutation(RestoreIndicatorDocument);
  const [answer, setAnswer] = useState<IndicatorFormFieldsFragment | null>(null);
  const listed = list.nodes?.find((i) => i.id === id) ?? null;
  // The newest answer of this page's own mutations wins over the list read when it opened.
  const record = answer && listed && answer.version >= listed.version ? answer : listed;
  usePageTitle(record ? t('recordForm.editTitle', { name: record.nameNl }) : t('indicators.title'));
  const reload = useCallback(async () => {
    const result = await client.query({ query: IndicatorListDocument, variables: { first: 100 }, fetchPolicy: 'network-only' });
    const fresh = result.data?.indicators.edges.map((e) => e.node).find((i) => i.id === id) ?? null;
    setAnswer(fresh);
    setNotice('reloaded');
  }, [client, id]);
  const keep = (value: IndicatorFormFieldsFragment | undefined) => value && setAnswer(value);
  return (
    <RecordPageState
      loading={list.loading}
      error={list.error}
      found={Boolean(record)}
      allowed
      loadingLabel={t('taxonomy.loading')}
      what={t('indicators.title')}
      notFound={t('taxonomy.notFound')}
      backTo="/indicatoren"
      backLabel={t('indicators.backToList')}
      onRetry={list.retry}
    >
      {record && (
        <RecordEditLayout
          record={{ ...record, name: record.nameNl }}
          historyType="INDICATOR"
          listPath="/indicatoren"
          texts={{ backToList: t('indicators.backToList'), title: t('recordForm.editTitle', { name: record.nameNl }), what: t('indicators.what') }}
          archive={async () => keep((await archive({ variables: { id: record.id, version: record.version } })).data?.archiveIndicator)}
          restore={async () => keep((await restore({ variables: { id: record.id, version: record.version } })).data?.restoreIndicator)}
          onNotice={setNotice}
          onReload={reload}
          form={
            <IndicatorForm
              key={`${record.id}:${record.version}`}
              indicator={record}
              notice={notice}
              onNotice={setNotice}
              onReload={reload}
              onSaved={setAnswer}
            />
          }
        />
      )}
    </RecordPageState>
  );
}

/** /indicatoren, /indicatoren/nieuw, /indicatoren/:id — one lazy part, so the first download carries one route for the three. */
export function IndicatorRoutes() {
  return (
    <Routes>
      <Route index element={<IndicatorsPage />} />
      <Route path="nieuw" element={<NewIndicatorPage />} />
      <Route path=":id" element={<IndicatorEditPage />} />
    </Routes>
  );
}
