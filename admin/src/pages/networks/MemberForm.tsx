import { useMutation } from '@apollo/client/react';
import { Controller } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { ComboboxField } from '../../components/Combobox';
import { SelectField, TextAreaField, TextField } from '../../components/fields';
import { FormSection, RecordNoticeBlock, RecordProblem, SaveButton, useRecordForm, type RecordNotice } from '../../components/RecordForm';
import type { MemberContribution, MemberTier, NetworkMemberFieldsFragment, NetworkMemberInput } from '../../gql/graphql';
import { useKeyPersonPicker, useOrganisationPicker } from '../../lib/pickers';
import { formValuesOf, type FieldSpec, type FormValues } from '../../lib/recordForm';
import { AddNetworkMemberDocument, UpdateNetworkMemberDocument } from './documents';
import { KnowledgeAreasField } from './NetworkForm';

const TIERS: readonly MemberTier[] = ['CORE', 'SHELL'];
const CONTRIBUTIONS: readonly MemberContribution[] = ['SIGNALLING', 'HELPING', 'BOTH'];

/** Every field of the member form (NetworkMemberInput's names). */
const SPEC: FieldSpec = {
  organisationId: 'reference',
  organisationName: 'text',
  keyPersonId: 'reference',
  role: 'text',
  tier: 'reference',
  contribution: 'reference',
  fte: 'float',
  hoursPerWeek: 'float',
  knowledgeAreas: 'references',
  joinedOn: 'date',
  leftOn: 'date',
  source: 'text',
  note: 'textarea',
};
type Field = keyof typeof SPEC & string;

const DEFAULTS: FormValues = formValuesOf(SPEC, {});

function memberValues(member: NetworkMemberFieldsFragment): FormValues {
  return formValuesOf(SPEC, { ...member, organisationId: member.organisation?.id ?? null, keyPersonId: member.keyPerson?.id ?? null, knowledgeAreas: member.knowledgeAreas ?? [] });
}

/** Who a member is, for lists and headings: the organisation, the name the source gives, or the key person. */
export function memberName(member: Pick<NetworkMemberFieldsFragment, 'organisation' | 'organisationName' | 'keyPerson'>): string {
  return member.organisation?.name ?? member.organisationName ?? member.keyPerson?.name ?? '';
}

/**
 * A network member (netwerkdeelnemer): the organisation taking part (or a party not on the map,
 * by name), its place in the network — core or shell partner (book §4.4), signalling and/or
 * helping — the time it gives (fte, hours per week), the knowledge it brings and when it joined
 * and left. Setting "left on" keeps the member in the network's history; removing it is for a
 * member recorded by mistake.
 */
export function MemberForm({
  networkId,
  member,
  notice,
  onNotice,
  onReload,
  onCreated,
}: {
  networkId: string;
  /** Null: a new member. */
  member: NetworkMemberFieldsFragment | null;
  notice: RecordNotice;
  onNotice(notice: RecordNotice): void;
  onReload(): Promise<void>;
  onCreated?(id: string): void;
}) {
  const { t } = useTranslation();
  const { form, change, submit, attempted, bound } = useRecordForm({ spec: SPEC, initial: member ? memberValues(member) : null, defaults: DEFAULTS, onReload });
  const [add] = useMutation(AddNetworkMemberDocument);
  const [update] = useMutation(UpdateNetworkMemberDocument);
  const organisations = useOrganisationPicker();
  const keyPersons = useKeyPersonPicker();

  const label = (field: Field) => t(`memberForm.field.${field}` as 'memberForm.field.role');
  const field = (name: Field) => bound(name, 'mem');
  const fields = Object.fromEntries(Object.keys(SPEC).map((name) => [name, { id: `mem-${name}`, label: label(name as Field) }]));
  const errorOf = (name: Field) => form.formState.errors[name]?.message as string | undefined;
  const unknown = { value: '', label: t('networkForm.notRecorded') };

  const onSubmit = submit(
    async (input) => {
      onNotice(null);
      if (!member) {
        const outcome = await change.run(() => add({ variables: { networkId, input: input as NetworkMemberInput } }));
        if (outcome.ok && outcome.value.data) onCreated?.(outcome.value.data.addNetworkMember.id);
        return;
      }
      const outcome = await change.run(() => update({ variables: { id: member.id, version: member.version, input: input as NetworkMemberInput } }));
      if (outcome.ok) onNotice('saved');
    },
    () => onNotice('unchanged'),
  );

  return (
    <form className="app-form" onSubmit={onSubmit} noValidate aria-busy={change.busy || undefined} aria-label={member ? t('memberForm.formLabel', { name: memberName(member) }) : t('memberForm.newFormLabel')}>
      <RecordNoticeBlock notice={notice} text={notice ? t(`recordForm.notice.${notice}`) : ''} />
      <RecordProblem
        change={change}
        form={form}
        fields={fields}
        notSaved={member ? t('recordForm.notSaved') : t('memberForm.notCreated')}
        conflictTitle={t('memberForm.conflictTitle')}
        conflictText={t('memberForm.conflictText')}
        attempted={attempted}
      />
      <FormSection title={t('memberForm.section.who')}>
        <Controller
          control={form.control}
          name="organisationId"
          render={({ field: control }) => (
            <ComboboxField
              id="mem-organisationId"
              label={label('organisationId')}
              description={t('memberForm.organisationHint')}
              options={organisations.options}
              loading={organisations.loading}
              value={(control.value as string) ?? ''}
              onChange={control.onChange}
              inputRef={control.ref}
              error={errorOf('organisationId')}
            />
          )}
        />
        <TextField {...field('organisationName')} label={label('organisationName')} description={t('memberForm.organisationNameHint')} />
        <Controller
          control={form.control}
          name="keyPersonId"
          render={({ field: control }) => (
            <ComboboxField
              id="mem-keyPersonId"
              label={label('keyPersonId')}
              description={t('memberForm.keyPersonHint')}
              options={keyPersons.options}
              loading={keyPersons.loading}
              value={(control.value as string) ?? ''}
              onChange={control.onChange}
              inputRef={control.ref}
              error={errorOf('keyPersonId')}
            />
          )}
        />
        <TextField {...field('role')} label={label('role')} description={t('memberForm.roleHint')} />
      </FormSection>
      <FormSection title={t('memberForm.section.part')}>
        <SelectField {...field('tier')} label={label('tier')} description={t('memberForm.tierHint')} options={[unknown, ...TIERS.map((v) => ({ value: v, label: t(`memberTier.${v}`) }))]} />
        <SelectField {...field('contribution')} label={label('contribution')} options={[unknown, ...CONTRIBUTIONS.map((v) => ({ value: v, label: t(`memberContribution.${v}`) }))]} />
        <TextField {...field('fte')} label={label('fte')} description={t('memberForm.fteHint')} />
        <TextField {...field('hoursPerWeek')} label={label('hoursPerWeek')} description={t('memberForm.hoursHint')} />
        <KnowledgeAreasField form={form} id="mem-knowledgeAreas" legend={label('knowledgeAreas')} />
      </FormSection>
      <FormSection title={t('memberForm.section.when')}>
        <TextField {...field('joinedOn')} type="date" label={label('joinedOn')} />
        <TextField {...field('leftOn')} type="date" label={label('leftOn')} description={t('memberForm.leftOnHint')} />
        <TextField {...field('source')} label={label('source')} />
        <TextAreaField {...field('note')} label={label('note')} rows={3} />
      </FormSection>
      <SaveButton busy={change.busy} label={member ? t('recordForm.save') : t('memberForm.create')} busyLabel={t('recordForm.saving')} />
    </form>
  );
}
