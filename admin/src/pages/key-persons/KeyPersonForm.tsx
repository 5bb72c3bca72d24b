import { Paragraph } from '@utrecht/component-library-react';
import { useMutation, useQuery } from '@apollo/client/react';
import { useMemo, useState } from 'react';
import { Controller } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { permissions } from '../../auth/permissions';
import { useViewer } from '../../auth/viewer';
import { ComboboxField, MultiComboboxField } from '../../components/Combobox';
import { TextAreaField, TextField } from '../../components/fields';
import { RecordNoticeBlock, RecordProblem, SaveButton, useRecordForm, type RecordNotice } from '../../components/RecordForm';
import type { CreateKeyPersonInput, KeyPersonFormFieldsFragment, UpdateKeyPersonInput } from '../../gql/graphql';
import { currentLanguage } from '../../i18n';
import { useAreaPicker, useOrganisationPicker } from '../../lib/pickers';
import { formValuesOf, type FieldSpec } from '../../lib/recordForm';
import { CreateKeyPersonDocument, KeyPersonRolesDocument, ProposeKeyPersonChangeDocument, ProposeNewKeyPersonDocument, UpdateKeyPersonDocument } from './documents';
import { MotivationField } from '../../components/MotivationField';

const SPEC: FieldSpec = {
  name: 'requiredText',
  role: 'reference',
  roleDescription: 'text',
  organisationId: 'reference',
  email: 'text',
  phone: 'text',
  areas: 'references',
  notes: 'textarea',
};
type Field = keyof typeof SPEC & string;

/**
 * A key person (sleutelpersoon): someone people in the neighbourhood turn to — a wijkagent,
 * a huisarts, a diaken — with their role, where they are known and how to reach them. Personal
 * data: logged-in users only, never on the public map.
 */
export function KeyPersonForm({
  keyPerson,
  notice,
  onNotice,
  onReload,
  onCreated,
  onProposed,
}: {
  keyPerson: KeyPersonFormFieldsFragment | null;
  notice: RecordNotice;
  onNotice(notice: RecordNotice): void;
  onReload(): Promise<void>;
  onCreated?(id: string): void;
  /**
   * Propose the new person instead of adding it (an organisation's user, for a person of another
   * organisation, such as the police's wijkagent): the same fields and checks, any organisation,
   * a motivation for the curators; `onProposed` gets the proposal's id.
   */
  onProposed?(proposalId: string): void;
}) {
  const { t, i18n } = useTranslation();
  const language = currentLanguage(i18n.language);
  const { viewer } = useViewer();
  const { form, change, submit, attempted, bound } = useRecordForm({
    spec: SPEC,
    initial: keyPerson
      ? formValuesOf(SPEC, { ...keyPerson, role: keyPerson.role?.code ?? null, organisationId: keyPerson.organisation?.id ?? null, areas: keyPerson.areas.map((a) => a.id) })
      : null,
    defaults: formValuesOf(SPEC, {}),
    onReload,
  });
  const [create] = useMutation(CreateKeyPersonDocument);
  const [update] = useMutation(UpdateKeyPersonDocument);
  const [proposeNew] = useMutation(ProposeNewKeyPersonDocument);
  const [proposeChange] = useMutation(ProposeKeyPersonChangeDocument);
  const proposing = Boolean(onProposed);
  const [motivation, setMotivation] = useState('');
  const roles = useQuery(KeyPersonRolesDocument);
  const organisations = useOrganisationPicker();
  const areas = useAreaPicker();
  const roleOptions = useMemo(() => (roles.data?.keyPersonRoles ?? []).map((r) => ({ value: r.code, label: language === 'en' ? (r.nameEn ?? r.nameNl) : r.nameNl })), [roles.data, language]);
  const label = (field: Field) => t(`keyPersonForm.field.${field}` as 'keyPersonForm.field.name');
  const fields = {
    ...Object.fromEntries(Object.keys(SPEC).map((name) => [name, { id: `kp-${name}`, label: label(name as Field) }])),
    motivation: { id: 'kp-motivation', label: t('proposal.motivation') },
  };
  const errorOf = (name: Field) => form.formState.errors[name]?.message as string | undefined;

  const onSubmit = submit(
    async (input) => {
      onNotice(null);
      if (proposing && onProposed) {
        const outcome = await change.run(async () =>
          keyPerson
            ? (await proposeChange({ variables: { id: keyPerson.id, version: keyPerson.version, input: input as UpdateKeyPersonInput, motivation } })).data?.proposeKeyPersonChange.id
            : (await proposeNew({ variables: { input: input as unknown as CreateKeyPersonInput, motivation } })).data?.proposeNewKeyPerson.id,
        );
        if (outcome.ok && outcome.value) onProposed(outcome.value);
        return;
      }
      if (!keyPerson) {
        const outcome = await change.run(() => create({ variables: { input: input as unknown as CreateKeyPersonInput } }));
        if (outcome.ok && outcome.value.data) onCreated?.(outcome.value.data.createKeyPerson.id);
        return;
      }
      const outcome = await change.run(() => update({ variables: { id: keyPerson.id, version: keyPerson.version, input: input as UpdateKeyPersonInput } }));
      if (outcome.ok) onNotice('saved');
    },
    () => onNotice('unchanged'),
  );

  return (
    <form className="app-form" onSubmit={onSubmit} noValidate aria-busy={change.busy || undefined} aria-label={t('keyPersonForm.formLabel')}>
      <RecordNoticeBlock notice={notice} text={notice ? t(`recordForm.notice.${notice}`) : ''} />
      <RecordProblem
        change={change}
        form={form}
        fields={fields}
        notSaved={keyPerson ? t('recordForm.notSaved') : t('keyPersonForm.notCreated')}
        conflictTitle={t('recordForm.conflictTitle')}
        conflictText={t('recordForm.conflictText')}
        attempted={attempted}
      />
      <Paragraph className="app-muted">{t('keyPersonForm.privacy')}</Paragraph>
      <TextField {...bound('name', 'kp')} label={t('recordForm.required', { label: label('name') })} required autoComplete="off" />
      <Controller
        control={form.control}
        name="role"
        render={({ field: control }) => (
          <ComboboxField id="kp-role" label={label('role')} options={roleOptions} loading={roles.loading} value={(control.value as string) ?? ''} onChange={control.onChange} inputRef={control.ref} error={errorOf('role')} />
        )}
      />
      <TextField {...bound('roleDescription', 'kp')} label={label('roleDescription')} description={t('keyPersonForm.roleDescriptionHint')} />
      {permissions.chooseRecordOrganisation(viewer) || proposing ? (
        <Controller
          control={form.control}
          name="organisationId"
          render={({ field: control }) => (
            <ComboboxField
              id="kp-organisationId"
              label={label('organisationId')}
              options={organisations.options}
              loading={organisations.loading}
              value={(control.value as string) ?? ''}
              onChange={control.onChange}
              inputRef={control.ref}
              error={errorOf('organisationId')}
            />
          )}
        />
      ) : (
        <Paragraph>{t('serviceForm.ownOrganisation', { name: keyPerson?.organisation?.name ?? viewer?.organisation?.name ?? '' })}</Paragraph>
      )}
      <TextField {...bound('email', 'kp')} type="email" label={label('email')} autoComplete="off" />
      <TextField {...bound('phone', 'kp')} type="tel" label={label('phone')} autoComplete="off" />
      <Controller
        control={form.control}
        name="areas"
        render={({ field: control }) => (
          <MultiComboboxField
            id="kp-areas"
            label={label('areas')}
            options={areas.options}
            loading={areas.loading}
            values={(control.value as string[]) ?? []}
            onChange={control.onChange}
            inputRef={control.ref}
            error={errorOf('areas')}
          />
        )}
      />
      <TextAreaField {...bound('notes', 'kp')} label={label('notes')} description={t('keyPersonForm.notesHint')} rows={3} />
      {proposing && (
        <MotivationField id="kp-motivation" value={motivation} onChange={setMotivation} problem={change.problem} />
      )}
      <SaveButton busy={change.busy} label={proposing ? t('proposal.submit') : keyPerson ? t('recordForm.save') : t('keyPersonForm.create')} busyLabel={t('recordForm.saving')} />
    </form>
  );
}
