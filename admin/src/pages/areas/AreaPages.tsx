import { Heading1, Paragraph } from '@utrecht/component-library-react';
import { useApolloClient, useMutation, useQuery } from '@apollo/client/react';
import { useCallback, useEffect, useState, type ChangeEvent } from 'react';
import { Controller } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { Route, Routes, useLocation, useNavigate, useParams } from 'react-router-dom';
import { AppLink } from '../../components/AppLink';
import { ComboboxField } from '../../components/Combobox';
import { SelectField, TextAreaField, TextField } from '../../components/fields';
import { usePageTitle } from '../../components/PageTitle';
import { FormSection, RecordEditLayout, RecordNoticeBlock, RecordPageState, RecordProblem, SaveButton, useRecordForm, type RecordNotice } from '../../components/RecordForm';
import { Loading } from '../../components/States';
import type { AreaFormFieldsFragment, AreaLevel, CreateAreaInput, UpdateAreaInput } from '../../gql/graphql';
import { useAreaTree, type TreeArea } from '../../lib/areas';
import { useAreaPicker } from '../../lib/pickers';
import { formValuesOf, type FieldSpec } from '../../lib/recordForm';
import { ArchiveAreaDocument, AreaFormDocument, CreateAreaDocument, RestoreAreaDocument, UpdateAreaDocument } from './documents';

/*
 * Areas (admins): the hierarchy municipality → district → neighbourhood, the CBS code, the
 * years the code is in the CBS division, the texts of the wijkkaart (history, future plans) and
 * the boundary, uploaded as a GeoJSON file (a Polygon, a MultiPolygon, or a Feature holding one;
 * the API checks it). Bulk loading stays with the CBS/PDOK imports (docs/adopting.md).
 */

const LEVELS: readonly AreaLevel[] = ['MUNICIPALITY', 'DISTRICT', 'NEIGHBOURHOOD'];
const SPEC: FieldSpec = {
  name: 'requiredText',
  level: 'choice',
  parent: 'reference',
  code: 'text',
  slug: 'text',
  alternativeNames: 'words',
  validFromYear: 'int',
  validToYear: 'int',
  description: 'textarea',
  history: 'textarea',
  futurePlans: 'textarea',
  source: 'text',
  boundary: 'textarea',
};
type Field = keyof typeof SPEC & string;

function areaValues(area: AreaFormFieldsFragment) {
  return formValuesOf(SPEC, { ...area, parent: area.parent?.id ?? '', boundary: area.boundary ? JSON.stringify(area.boundary) : '' });
}

/** The geometry of a GeoJSON file: the object itself, or the geometry of a Feature (of the only feature of a FeatureCollection). */
function geometryOf(text: string): Record<string, unknown> | null {
  try {
    const json = JSON.parse(text) as { type?: string; geometry?: unknown; features?: Array<{ geometry?: unknown }> };
    if (json.type === 'Feature' && json.geometry && typeof json.geometry === 'object') return json.geometry as Record<string, unknown>;
    if (json.type === 'FeatureCollection' && json.features?.length === 1 && json.features[0].geometry) return json.features[0].geometry as Record<string, unknown>;
    return json && typeof json === 'object' ? (json as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

function AreaForm({
  area,
  notice,
  onNotice,
  onReload,
  onCreated,
  onSaved,
}: {
  area: AreaFormFieldsFragment | null;
  notice: RecordNotice;
  onNotice(n: RecordNotice): void;
  onReload(): Promise<void>;
  onCreated?(id: string): void;
  onSaved?(area: AreaFormFieldsFragment): void;
}) {
  const { t } = useTranslation();
  const { form, change, submit, attempted, bound } = useRecordForm({
    spec: SPEC,
    initial: area ? areaValues(area) : null,
    defaults: formValuesOf(SPEC, { level: 'NEIGHBOURHOOD' }),
    onReload,
  });
  const [create] = useMutation(CreateAreaDocument);
  const [update] = useMutation(UpdateAreaDocument);
  const areas = useAreaPicker();
  const [fileName, setFileName] = useState<string | null>(null);
  const label = (field: Field) => t(`areaForm.field.${field}` as 'areaForm.field.name');
  const fields = Object.fromEntries(Object.keys(SPEC).map((name) => [name, { id: `area-${name}`, label: label(name as Field) }]));
  const boundaryError = form.formState.errors.boundary?.message as string | undefined;

  async function readBoundary(event: ChangeEvent<HTMLInputElement>) {
    const file = event.currentTarget.files?.[0];
    if (!file) return;
    const text = await file.text();
    const geometry = geometryOf(text);
    if (!geometry) {
      form.setError('boundary', { type: 'file', message: t('areaForm.boundaryNotJson') });
      return;
    }
    form.clearErrors('boundary');
    setFileName(file.name);
    form.setValue('boundary', JSON.stringify(geometry), { shouldDirty: true });
  }

  const onSubmit = submit(
    async (changed) => {
      onNotice(null);
      const input: Record<string, unknown> = { ...changed };
      if (typeof input.boundary === 'string') input.boundary = JSON.parse(input.boundary);
      if (!area) {
        const outcome = await change.run(() => create({ variables: { input: input as unknown as CreateAreaInput } }));
        if (outcome.ok && outcome.value.data) onCreated?.(outcome.value.data.createArea.id);
        return;
      }
      const outcome = await change.run(() => update({ variables: { id: area.id, version: area.version, input: input as UpdateAreaInput } }));
      if (outcome.ok && outcome.value.data) {
        onSaved?.(outcome.value.data.updateArea);
        onNotice('saved');
      }
    },
    () => onNotice('unchanged'),
  );

  return (
    <form className="app-form" onSubmit={onSubmit} noValidate aria-busy={change.busy || undefined} aria-label={area ? t('areaForm.formLabel', { name: area.name }) : t('areaForm.newFormLabel')}>
      <RecordNoticeBlock notice={notice} text={notice ? t(`recordForm.notice.${notice}`) : ''} />
      <RecordProblem change={change} form={form} fields={fields} notSaved={area ? t('recordForm.notSaved') : t('areaForm.notCreated')} conflictTitle={t('recordForm.conflictTitle')} conflictText={t('recordForm.conflictText')} attempted={attempted} />
      <FormSection title={t('areaForm.section.where')}>
        <TextField {...bound('name', 'area')} label={t('recordForm.required', { label: label('name') })} required />
        <SelectField {...bound('level', 'area')} label={label('level')} options={LEVELS.map((l) => ({ value: l, label: t(`areaLevel.${l}`) }))} />
        <Controller
          control={form.control}
          name="parent"
          render={({ field: control }) => (
            <ComboboxField
              id="area-parent"
              label={label('parent')}
              description={t('areaForm.parentHint')}
              options={areas.options.filter((option) => option.value !== area?.id)}
              loading={areas.loading}
              value={(control.value as string) ?? ''}
              onChange={control.onChange}
              inputRef={control.ref}
              error={form.formState.errors.parent?.message as string | undefined}
            />
          )}
        />
        <TextField {...bound('code', 'area')} label={label('code')} description={t('areaForm.codeHint')} />
        <TextField {...bound('validFromYear', 'area')} label={label('validFromYear')} />
        <TextField {...bound('validToYear', 'area')} label={label('validToYear')} description={t('areaForm.validToHint')} />
        <TextField {...bound('slug', 'area')} label={label('slug')} description={t('areaForm.slugHint')} />
        <TextAreaField {...bound('alternativeNames', 'area')} label={label('alternativeNames')} description={t('areaForm.wordsHint')} rows={2} />
      </FormSection>
      <FormSection title={t('areaForm.section.texts')}>
        <TextAreaField {...bound('description', 'area')} label={label('description')} rows={3} />
        <TextAreaField {...bound('history', 'area')} label={label('history')} description={t('areaForm.historyHint')} rows={5} />
        <TextAreaField {...bound('futurePlans', 'area')} label={label('futurePlans')} description={t('areaForm.futurePlansHint')} rows={4} />
        <TextField {...bound('source', 'area')} label={label('source')} />
      </FormSection>
      <FormSection title={t('areaForm.section.boundary')}>
        <div className="utrecht-form-field">
          <label className="utrecht-form-label" htmlFor="area-boundary">
            {label('boundary')}
          </label>
          <p className="utrecht-form-field-description" id="area-boundary-description">
            {fileName ? t('areaForm.boundaryChosen', { file: fileName }) : area?.boundary ? t('areaForm.boundaryStored') : t('areaForm.boundaryNone')} {t('areaForm.boundaryHint')}
          </p>
          {boundaryError && (
            <p className="utrecht-form-field-error-message" id="area-boundary-error">
              {boundaryError}
            </p>
          )}
          <input
            id="area-boundary"
            type="file"
            accept=".geojson,.json,application/geo+json,application/json"
            aria-describedby={boundaryError ? 'area-boundary-description area-boundary-error' : 'area-boundary-description'}
            aria-invalid={boundaryError ? true : undefined}
            onChange={(event) => void readBoundary(event)}
          />
        </div>
      </FormSection>
      <SaveButton busy={change.busy} label={area ? t('recordForm.save') : t('areaForm.create')} busyLabel={t('recordForm.saving')} />
    </form>
  );
}

function TreeList({ areas }: { areas: readonly TreeArea[] }) {
  const { t } = useTranslation();
  return (
    <ul className="app-tree">
      {areas.map((area) => (
        <li key={area.id}>
          <AppLink to={`/gebieden/${area.id}`}>{area.name}</AppLink> <span className="app-muted">({t(`areaLevel.${area.level}`)})</span>
          {area.children.length > 0 && <TreeList areas={area.children} />}
        </li>
      ))}
    </ul>
  );
}

/** /gebieden: the areas as a tree, each a link to its form. */
export function AreasPage() {
  const { t } = useTranslation();
  usePageTitle(t('areas.title'));
  const tree = useAreaTree();
  const { refetch } = tree;
  // The tree is shared with the pickers; this page shows what the server has now.
  useEffect(() => {
    void refetch();
  }, [refetch]);
  return (
    <>
      <Heading1>{t('areas.title')}</Heading1>
      <Paragraph>{t('areas.intro')}</Paragraph>
      <Paragraph>
        <AppLink to="/gebieden/nieuw">{t('areas.new')}</AppLink>
      </Paragraph>
      {!tree.data ? <Loading label={t('areas.loading')} /> : <TreeList areas={tree.roots} />}
    </>
  );
}

export function NewAreaPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  usePageTitle(t('areas.new'));
  return (
    <>
      <Paragraph>
        <AppLink to="/gebieden">{t('areas.backToList')}</AppLink>
      </Paragraph>
      <Heading1>{t('areas.new')}</Heading1>
      <AreaForm area={null} notice={null} onNotice={() => undefined} onReload={async () => undefined} onCreated={(id) => navigate(`/gebieden/${id}`, { state: { notice: 'created' } })} />
    </>
  );
}

export function AreaEditPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const location = useLocation();
  const client = useApolloClient();
  const query = useQuery(AreaFormDocument, { variables: { id }, fetchPolicy: 'network-only' });
  const [notice, setNotice] = useState<RecordNotice>((location.state as { notice?: RecordNotice } | null)?.notice ?? null);
  const [archive] = useMutation(ArchiveAreaDocument);
  const [restore] = useMutation(RestoreAreaDocument);
  const [answer, setAnswer] = useState<AreaFormFieldsFragment | null>(null);
  const read = query.data?.area ?? null;
  // The newest answer of this page's own mutations wins over the read when it opened.
  const record = answer && (!read || answer.version >= read.version) ? answer : read;
  usePageTitle(record ? t('recordForm.editTitle', { name: record.name }) : t('areas.title'));
  const reload = useCallback(async () => {
    const result = await client.query({ query: AreaFormDocument, variables: { id }, fetchPolicy: 'network-only' });
    setAnswer(result.data?.area ?? null);
    setNotice('reloaded');
  }, [client, id]);
  const keep = (value: AreaFormFieldsFragment | undefined) => value && setAnswer(value);
  return (
    <RecordPageState
      loading={query.loading && !query.data}
      error={query.error}
      found={Boolean(record)}
      allowed
      loadingLabel={t('areas.loading')}
      what={t('areas.title')}
      notFound={t('areas.notFound')}
      backTo="/gebieden"
      backLabel={t('areas.backToList')}
      onRetry={() => void query.refetch()}
    >
      {record && (
        <RecordEditLayout
          record={record}
          historyType="AREA"
          listPath="/gebieden"
          texts={{ backToList: t('areas.backToList'), title: t('recordForm.editTitle', { name: record.name }), what: t('areas.what') }}
          archive={async () => keep((await archive({ variables: { id: record.id, version: record.version } })).data?.archiveArea)}
          restore={async () => keep((await restore({ variables: { id: record.id, version: record.version } })).data?.restoreArea)}
          onNotice={setNotice}
          onReload={reload}
          form={<AreaForm key={`${record.id}:${record.version}`} area={record} notice={notice} onNotice={setNotice} onReload={reload} onSaved={setAnswer} />}
        />
      )}
    </RecordPageState>
  );
}

/** /gebieden, /gebieden/nieuw, /gebieden/:id — one lazy part, so the first download carries one route for the three. */
export function AreaRoutes() {
  return (
    <Routes>
      <Route index element={<AreasPage />} />
      <Route path="nieuw" element={<NewAreaPage />} />
      <Route path=":id" element={<AreaEditPage />} />
    </Routes>
  );
}
