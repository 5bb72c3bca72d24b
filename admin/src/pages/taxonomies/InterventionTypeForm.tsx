import { useMutation, useQuery } from '@apollo/client/react';
import { useMemo } from 'react';
import { Controller } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { ComboboxField } from '../../components/Combobox';
import { SelectField, TextAreaField, TextField } from '../../components/fields';
import { RecordNoticeBlock, RecordProblem, SaveButton, useRecordForm, type RecordNotice } from '../../components/RecordForm';
import type { CreateInterventionTypeInput, InterventionCategory, InterventionTypeFormFieldsFragment, UpdateInterventionTypeInput } from '../../gql/graphql';
import { currentLanguage } from '../../i18n';
import { useInterventionTypePicker } from '../../lib/pickers';
import { formValuesOf, type FieldSpec } from '../../lib/recordForm';
import { BasicFunctionsDocument, CreateInterventionTypeDocument, UpdateInterventionTypeDocument } from './documents';

export const CATEGORIES: readonly InterventionCategory[] = ['SIGNALLING', 'CONNECTING', 'INTERVENING', 'FACILITATING', 'ORGANISING', 'KNOWLEDGE_MANAGEMENT'];

const SPEC: FieldSpec = {
  nameNl: 'requiredText',
  nameEn: 'text',
  code: 'text',
  basicFunction: 'reference',
  secondaryBasicFunction: 'reference',
  category: 'reference',
  parent: 'reference',
  description: 'textarea',
  source: 'text',
};
type Field = keyof typeof SPEC & string;

export function interventionTypeValues(it: InterventionTypeFormFieldsFragment) {
  return formValuesOf(SPEC, { ...it, basicFunction: it.basicFunction?.code ?? null, secondaryBasicFunction: it.secondaryBasicFunction?.code ?? null, parent: it.parent?.code ?? null });
}

/**
 * An intervention type of the catalogue, under one of the ten basic functions of a switch team
 * (§6.1) and optionally a second; a service with this type counts for that function in the
 * coverage matrix. Admins.
 */
export function InterventionTypeForm({
  interventionType,
  notice,
  onNotice,
  onReload,
  onCreated,
}: {
  interventionType: InterventionTypeFormFieldsFragment | null;
  notice: RecordNotice;
  onNotice(notice: RecordNotice): void;
  onReload(): Promise<void>;
  onCreated?(id: string): void;
}) {
  const { t, i18n } = useTranslation();
  const language = currentLanguage(i18n.language);
  const { form, change, submit, attempted, bound } = useRecordForm({
    spec: SPEC,
    initial: interventionType ? interventionTypeValues(interventionType) : null,
    defaults: formValuesOf(SPEC, {}),
    onReload,
  });
  const [create] = useMutation(CreateInterventionTypeDocument);
  const [update] = useMutation(UpdateInterventionTypeDocument);
  const functions = useQuery(BasicFunctionsDocument);
  const parents = useInterventionTypePicker();
  const label = (field: Field) => t(`interventionTypeForm.field.${field}` as 'interventionTypeForm.field.nameNl');
  const fields = Object.fromEntries(Object.keys(SPEC).map((name) => [name, { id: `it-${name}`, label: label(name as Field) }]));
  const functionOptions = useMemo(
    () => [
      { value: '', label: t('interventionTypeForm.noFunction') },
      ...[...(functions.data?.basicFunctions ?? [])].sort((a, b) => a.number - b.number).map((f) => ({ value: f.code, label: `${f.number}. ${language === 'en' ? f.nameEn : f.nameNl}` })),
    ],
    [functions.data, language, t],
  );
  const parentOptions = useMemo(() => parents.options.filter((option) => option.value !== interventionType?.code), [parents.options, interventionType?.code]);

  const onSubmit = submit(
    async (input) => {
      onNotice(null);
      if (!interventionType) {
        const outcome = await change.run(() => create({ variables: { input: input as unknown as CreateInterventionTypeInput } }));
        if (outcome.ok && outcome.value.data) onCreated?.(outcome.value.data.createInterventionType.id);
        return;
      }
      const outcome = await change.run(() => update({ variables: { id: interventionType.id, version: interventionType.version, input: input as UpdateInterventionTypeInput } }));
      if (outcome.ok) onNotice('saved');
    },
    () => onNotice('unchanged'),
  );

  return (
    <form className="app-form" onSubmit={onSubmit} noValidate aria-busy={change.busy || undefined} aria-label={t('interventionTypeForm.formLabel')}>
      <RecordNoticeBlock notice={notice} text={notice ? t(`recordForm.notice.${notice}`) : ''} />
      <RecordProblem
        change={change}
        form={form}
        fields={fields}
        notSaved={interventionType ? t('recordForm.notSaved') : t('interventionTypeForm.notCreated')}
        conflictTitle={t('recordForm.conflictTitle')}
        conflictText={t('recordForm.conflictText')}
        attempted={attempted}
      />
      <TextField {...bound('nameNl', 'it')} label={t('recordForm.required', { label: label('nameNl') })} required />
      <TextField {...bound('nameEn', 'it')} label={label('nameEn')} />
      <TextField {...bound('code', 'it')} label={label('code')} description={t('taxonomy.codeHint')} />
      <SelectField {...bound('basicFunction', 'it')} label={label('basicFunction')} options={functionOptions} />
      <SelectField {...bound('secondaryBasicFunction', 'it')} label={label('secondaryBasicFunction')} options={functionOptions} />
      <SelectField
        {...bound('category', 'it')}
        label={label('category')}
        options={[{ value: '', label: t('interventionTypeForm.noCategory') }, ...CATEGORIES.map((c) => ({ value: c, label: t(`interventionCategory.${c}`) }))]}
      />
      <Controller
        control={form.control}
        name="parent"
        render={({ field: control }) => (
          <ComboboxField
            id="it-parent"
            label={label('parent')}
            description={t('interventionTypeForm.parentHint')}
            options={parentOptions}
            loading={parents.loading}
            value={(control.value as string) ?? ''}
            onChange={control.onChange}
            inputRef={control.ref}
            error={form.formState.errors.parent?.message as string | undefined}
          />
        )}
      />
      <TextAreaField {...bound('description', 'it')} label={label('description')} rows={3} />
      <TextField {...bound('source', 'it')} label={label('source')} description={t('taxonomy.sourceHint')} />
      <SaveButton busy={change.busy} label={interventionType ? t('recordForm.save') : t('interventionTypeForm.create')} busyLabel={t('recordForm.saving')} />
    </form>
  );
}
