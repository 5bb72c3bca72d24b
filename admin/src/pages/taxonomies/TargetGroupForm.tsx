import { useMutation } from '@apollo/client/react';
import { useMemo } from 'react';
import { Controller } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { ComboboxField, MultiComboboxField } from '../../components/Combobox';
import { TextAreaField, TextField } from '../../components/fields';
import { RecordNoticeBlock, RecordProblem, SaveButton, useRecordForm, type RecordNotice } from '../../components/RecordForm';
import type { CreateTargetGroupInput, TargetGroupFormFieldsFragment, UpdateTargetGroupInput } from '../../gql/graphql';
import { useAllPages, useTargetGroupPicker } from '../../lib/pickers';
import { formValuesOf, type FieldSpec } from '../../lib/recordForm';
import { CreateTargetGroupDocument, IndicatorOptionsDocument, UpdateTargetGroupDocument } from './documents';

const SPEC: FieldSpec = {
  nameNl: 'requiredText',
  nameEn: 'text',
  code: 'text',
  minAge: 'int',
  maxAge: 'int',
  needIndicator: 'reference',
  parent: 'reference',
  countsAs: 'references',
  description: 'textarea',
  source: 'text',
};
type Field = keyof typeof SPEC & string;

/**
 * A target group ("for whom"): its names, its age range, the key figure that measures its size,
 * and its place in the taxonomy that coverage follows: the broader group above it (a service for
 * that group counts for this one) and the groups a service for this one also counts for (a
 * synonym is a link each way). Admins.
 */
export function TargetGroupForm({
  targetGroup,
  notice,
  onNotice,
  onReload,
  onCreated,
}: {
  targetGroup: TargetGroupFormFieldsFragment | null;
  notice: RecordNotice;
  onNotice(notice: RecordNotice): void;
  onReload(): Promise<void>;
  onCreated?(id: string): void;
}) {
  const { t } = useTranslation();
  const { form, change, submit, attempted, bound } = useRecordForm({
    spec: SPEC,
    initial: targetGroup ? formValuesOf(SPEC, { ...targetGroup, needIndicator: targetGroup.needIndicator?.code ?? null, parent: targetGroup.parent?.code ?? null, countsAs: targetGroup.countsAs.map((g) => g.code) }) : null,
    defaults: formValuesOf(SPEC, {}),
    onReload,
  });
  const [create] = useMutation(CreateTargetGroupDocument);
  const [update] = useMutation(UpdateTargetGroupDocument);
  const indicators = useAllPages(IndicatorOptionsDocument, (data) => data.indicators);
  const groups = useTargetGroupPicker();
  // A group is neither its own broader group nor counts as itself.
  const groupOptions = useMemo(() => groups.options.filter((option) => option.value !== targetGroup?.code), [groups.options, targetGroup?.code]);
  const indicatorOptions = useMemo(() => (indicators.nodes ?? []).map((i) => ({ value: i.code, label: i.nameNl, description: i.code })), [indicators.nodes]);
  const label = (field: Field) => t(`targetGroupForm.field.${field}` as 'targetGroupForm.field.nameNl');
  const fields = Object.fromEntries(Object.keys(SPEC).map((name) => [name, { id: `tg-${name}`, label: label(name as Field) }]));

  const onSubmit = submit(
    async (input) => {
      onNotice(null);
      if (!targetGroup) {
        const outcome = await change.run(() => create({ variables: { input: input as unknown as CreateTargetGroupInput } }));
        if (outcome.ok && outcome.value.data) onCreated?.(outcome.value.data.createTargetGroup.id);
        return;
      }
      const outcome = await change.run(() => update({ variables: { id: targetGroup.id, version: targetGroup.version, input: input as UpdateTargetGroupInput } }));
      if (outcome.ok) onNotice('saved');
    },
    () => onNotice('unchanged'),
  );

  return (
    <form className="app-form" onSubmit={onSubmit} noValidate aria-busy={change.busy || undefined} aria-label={t('targetGroupForm.formLabel')}>
      <RecordNoticeBlock notice={notice} text={notice ? t(`recordForm.notice.${notice}`) : ''} />
      <RecordProblem
        change={change}
        form={form}
        fields={fields}
        notSaved={targetGroup ? t('recordForm.notSaved') : t('targetGroupForm.notCreated')}
        conflictTitle={t('recordForm.conflictTitle')}
        conflictText={t('recordForm.conflictText')}
        attempted={attempted}
      />
      <TextField {...bound('nameNl', 'tg')} label={t('recordForm.required', { label: label('nameNl') })} required />
      <TextField {...bound('nameEn', 'tg')} label={label('nameEn')} />
      <TextField {...bound('code', 'tg')} label={label('code')} description={t('taxonomy.codeHint')} />
      <TextField {...bound('minAge', 'tg')} label={label('minAge')} description={t('serviceForm.ageHint')} />
      <TextField {...bound('maxAge', 'tg')} label={label('maxAge')} description={t('serviceForm.ageHint')} />
      <Controller
        control={form.control}
        name="needIndicator"
        render={({ field: control }) => (
          <ComboboxField
            id="tg-needIndicator"
            label={label('needIndicator')}
            description={t('targetGroupForm.needIndicatorHint')}
            options={indicatorOptions}
            loading={indicators.loading}
            value={(control.value as string) ?? ''}
            onChange={control.onChange}
            inputRef={control.ref}
            error={form.formState.errors.needIndicator?.message as string | undefined}
          />
        )}
      />
      <Controller
        control={form.control}
        name="parent"
        render={({ field: control }) => (
          <ComboboxField
            id="tg-parent"
            label={label('parent')}
            description={t('targetGroupForm.parentHint')}
            options={groupOptions}
            loading={groups.loading}
            value={(control.value as string) ?? ''}
            onChange={control.onChange}
            inputRef={control.ref}
            error={form.formState.errors.parent?.message as string | undefined}
          />
        )}
      />
      <Controller
        control={form.control}
        name="countsAs"
        render={({ field: control }) => (
          <MultiComboboxField
            id="tg-countsAs"
            label={label('countsAs')}
            description={t('targetGroupForm.countsAsHint')}
            options={groupOptions}
            loading={groups.loading}
            values={(control.value as string[]) ?? []}
            onChange={control.onChange}
            inputRef={control.ref}
            error={form.formState.errors.countsAs?.message as string | undefined}
          />
        )}
      />
      <TextAreaField {...bound('description', 'tg')} label={label('description')} rows={3} />
      <TextField {...bound('source', 'tg')} label={label('source')} description={t('taxonomy.sourceHint')} />
      <SaveButton busy={change.busy} label={targetGroup ? t('recordForm.save') : t('targetGroupForm.create')} busyLabel={t('recordForm.saving')} />
    </form>
  );
}
