import { Paragraph } from '@utrecht/component-library-react';
import { useMutation } from '@apollo/client/react';
import { Controller, type UseFormReturn } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { permissions } from '../../auth/permissions';
import { useViewer } from '../../auth/viewer';
import { CheckboxGroup } from '../../components/choices';
import { ComboboxField, MultiComboboxField } from '../../components/Combobox';
import { SelectField, TextAreaField, TextField } from '../../components/fields';
import { FormSection, RecordNoticeBlock, RecordProblem, SaveButton, useRecordForm, type RecordNotice } from '../../components/RecordForm';
import type { CreateNetworkInput, KnowledgeArea, NetworkFormFieldsFragment, NetworkKind, NetworkStatus, SwitchModel, UpdateNetworkInput } from '../../gql/graphql';
import { useAreaPicker, useLocationPicker, useOrganisationPicker, useTargetGroupPicker } from '../../lib/pickers';
import { formValuesOf, type FieldSpec, type FormValues } from '../../lib/recordForm';
import { CreateNetworkDocument, UpdateNetworkDocument } from './documents';

export const NETWORK_KINDS: readonly NetworkKind[] = ['SWITCH_TEAM', 'SIGNALLING_NETWORK', 'BROAD_NETWORK', 'CASE_CONSULTATION', 'OUTREACH_TEAM', 'AREA_MANAGEMENT_TEAM', 'OTHER'];
const SWITCH_MODELS: readonly SwitchModel[] = ['FRONTLINE', 'SECOND_LINE'];
const NETWORK_STATUSES: readonly NetworkStatus[] = ['ACTIVE', 'INACTIVE'];
/** The eight knowledge areas of a switch team, in the book's order (§9.7 Praktijk 2). */
const KNOWLEDGE_AREAS: readonly KnowledgeArea[] = [
  'COMMUNITY_BUILDING',
  'SOCIAL_CULTURAL_WORK',
  'SOCIAL_WORK',
  'SOCIAL_LEGAL_SERVICES',
  'SOCIAL_HOUSING',
  'HEALTH_CARE',
  'ELDERLY_CARE',
  'DISABILITY_CARE',
];

/** The eight knowledge areas as checkboxes (a network's and a member's `knowledgeAreas`). */
export function KnowledgeAreasField({ form, id, legend, description }: { form: UseFormReturn<FormValues>; id: string; legend: string; description?: string }) {
  const { t } = useTranslation();
  return (
    <Controller
      control={form.control}
      name="knowledgeAreas"
      render={({ field: control }) => (
        <CheckboxGroup
          id={id}
          columns
          legend={legend}
          description={description}
          options={KNOWLEDGE_AREAS.map((k) => ({ value: k, label: t(`knowledgeArea.${k}`) }))}
          values={(control.value as string[]) ?? []}
          onChange={control.onChange}
          inputRef={control.ref}
          error={form.formState.errors.knowledgeAreas?.message as string | undefined}
        />
      )}
    />
  );
}

/** Every field of the network form and what it holds (lib/recordForm.ts); the names are UpdateNetworkInput's. */
const SPEC: FieldSpec = {
  name: 'requiredText',
  slug: 'text',
  kind: 'choice',
  kindDescription: 'text',
  switchModel: 'reference',
  status: 'choice',
  purpose: 'textarea',
  workingMethod: 'textarea',
  knowledgeAreas: 'references',
  areas: 'references',
  targetGroups: 'references',
  coordinatorOrganisationId: 'reference',
  coordinatorRole: 'text',
  homeBaseLocationId: 'reference',
  meetingIntervalWeeks: 'int',
  meetingFrequency: 'text',
  sizeDescription: 'text',
  foundedOn: 'date',
  period: 'text',
  source: 'text',
  note: 'textarea',
};

type Field = keyof typeof SPEC & string;

const DEFAULTS: FormValues = formValuesOf(SPEC, { kind: 'SWITCH_TEAM', status: 'ACTIVE' });

/** The network as the form shows it: its links as ids (areas, coordinator, home base) and codes (target groups). */
export function networkValues(network: NetworkFormFieldsFragment): FormValues {
  return formValuesOf(SPEC, {
    ...network,
    coordinatorOrganisationId: network.coordinatorOrganisation?.id ?? null,
    homeBaseLocationId: network.homeBaseLocation?.id ?? null,
    areas: network.areas.map((a) => a.id),
    targetGroups: network.targetGroups.map((g) => g.code),
    knowledgeAreas: network.knowledgeAreas ?? [],
  });
}

interface Props {
  /** Null: a new network. */
  network: NetworkFormFieldsFragment | null;
  notice: RecordNotice;
  onNotice(notice: RecordNotice): void;
  onReload(): Promise<void>;
  onCreated?(id: string): void;
}

/**
 * A network (netwerk, schakelteam, overleg): what kind it is and what for, where and for whom it
 * works, who coordinates it and from where, how often it meets. Admins choose the coordinating
 * organisation; the coordinator's own users edit the rest (the API refuses them a new coordinator).
 */
export function NetworkForm({ network, notice, onNotice, onReload, onCreated }: Props) {
  const { t } = useTranslation();
  const { viewer } = useViewer();
  const chooseCoordinator = permissions.chooseRecordOrganisation(viewer);
  const { form, change, submit, attempted, bound } = useRecordForm({ spec: SPEC, initial: network ? networkValues(network) : null, defaults: DEFAULTS, onReload });
  const [create] = useMutation(CreateNetworkDocument);
  const [update] = useMutation(UpdateNetworkDocument);
  const organisations = useOrganisationPicker();
  const areas = useAreaPicker();
  const targetGroups = useTargetGroupPicker();
  const locations = useLocationPicker();

  const label = (field: Field) => t(`networkForm.field.${field}` as 'networkForm.field.name');
  const field = (name: Field) => bound(name, 'net');
  const fields = Object.fromEntries(Object.keys(SPEC).map((name) => [name, { id: `net-${name}`, label: label(name as Field) }]));
  const errorOf = (name: Field) => form.formState.errors[name]?.message as string | undefined;

  const onSubmit = submit(
    async (input) => {
      onNotice(null);
      if (!network) {
        const outcome = await change.run(() => create({ variables: { input: input as unknown as CreateNetworkInput } }));
        if (outcome.ok && outcome.value.data) onCreated?.(outcome.value.data.createNetwork.id);
        return;
      }
      const outcome = await change.run(() => update({ variables: { id: network.id, version: network.version, input: input as UpdateNetworkInput } }));
      if (outcome.ok) onNotice('saved');
    },
    () => onNotice('unchanged'),
  );

  const picker = (name: Field, options: { options: { value: string; label: string }[]; loading: boolean }, description?: string) => (
    <Controller
      control={form.control}
      name={name}
      render={({ field: control }) => (
        <ComboboxField
          id={`net-${name}`}
          label={label(name)}
          description={description}
          options={options.options}
          loading={options.loading}
          value={(control.value as string) ?? ''}
          onChange={control.onChange}
          inputRef={control.ref}
          error={errorOf(name)}
        />
      )}
    />
  );
  const multi = (name: Field, options: { options: { value: string; label: string }[]; loading: boolean }, description?: string) => (
    <Controller
      control={form.control}
      name={name}
      render={({ field: control }) => (
        <MultiComboboxField
          id={`net-${name}`}
          label={label(name)}
          description={description}
          options={options.options}
          loading={options.loading}
          values={(control.value as string[]) ?? []}
          onChange={control.onChange}
          inputRef={control.ref}
          error={errorOf(name)}
        />
      )}
    />
  );

  return (
    <form className="app-form" onSubmit={onSubmit} noValidate aria-busy={change.busy || undefined} aria-label={network ? t('networkForm.formLabel', { name: network.name }) : t('networkForm.newFormLabel')}>
      <RecordNoticeBlock notice={notice} text={notice ? t(`recordForm.notice.${notice}`) : ''} />
      <RecordProblem
        change={change}
        form={form}
        fields={fields}
        notSaved={network ? t('recordForm.notSaved') : t('networkForm.notCreated')}
        conflictTitle={t('networkForm.conflictTitle')}
        conflictText={t('networkForm.conflictText')}
        attempted={attempted}
      />
      <FormSection title={t('networkForm.section.what')}>
        <TextField {...field('name')} label={t('recordForm.required', { label: label('name') })} required />
        <TextField {...field('slug')} label={label('slug')} description={t('networkForm.slugHint')} />
        <SelectField {...field('kind')} label={label('kind')} options={NETWORK_KINDS.map((k) => ({ value: k, label: t(`networkKind.${k}`) }))} />
        <TextField {...field('kindDescription')} label={label('kindDescription')} description={t('networkForm.kindDescriptionHint')} />
        <SelectField
          {...field('switchModel')}
          label={label('switchModel')}
          description={t('networkForm.switchModelHint')}
          options={[{ value: '', label: t('networkForm.notRecorded') }, ...SWITCH_MODELS.map((m) => ({ value: m, label: t(`switchModel.${m}`) }))]}
        />
        <SelectField {...field('status')} label={label('status')} options={NETWORK_STATUSES.map((s) => ({ value: s, label: t(`networkStatus.${s}`) }))} />
        <TextAreaField {...field('purpose')} label={label('purpose')} rows={3} />
        <TextAreaField {...field('workingMethod')} label={label('workingMethod')} rows={3} />
        <KnowledgeAreasField form={form} id="net-knowledgeAreas" legend={label('knowledgeAreas')} description={t('networkForm.knowledgeAreasHint')} />
      </FormSection>
      <FormSection title={t('networkForm.section.forWhom')}>
        {multi('areas', areas, t('networkForm.areasHint'))}
        {multi('targetGroups', targetGroups)}
      </FormSection>
      <FormSection title={t('networkForm.section.who')}>
        {chooseCoordinator ? (
          picker('coordinatorOrganisationId', organisations, t('networkForm.coordinatorHint'))
        ) : (
          <Paragraph>{t('networkForm.ownCoordinator', { name: network?.coordinatorOrganisation?.name ?? viewer?.organisation?.name ?? '' })}</Paragraph>
        )}
        <TextField {...field('coordinatorRole')} label={label('coordinatorRole')} description={t('networkForm.coordinatorRoleHint')} />
        {picker('homeBaseLocationId', locations, t('networkForm.homeBaseHint'))}
      </FormSection>
      <FormSection title={t('networkForm.section.when')}>
        <TextField {...field('meetingIntervalWeeks')} label={label('meetingIntervalWeeks')} description={t('networkForm.meetingIntervalHint')} />
        <TextField {...field('meetingFrequency')} label={label('meetingFrequency')} description={t('networkForm.meetingFrequencyHint')} />
        <TextField {...field('sizeDescription')} label={label('sizeDescription')} description={t('networkForm.sizeHint')} />
        <TextField {...field('foundedOn')} type="date" label={label('foundedOn')} description={t('networkForm.foundedOnHint')} />
        <TextField {...field('period')} label={label('period')} />
        <TextField {...field('source')} label={label('source')} />
        <TextAreaField {...field('note')} label={label('note')} rows={3} />
      </FormSection>
      <SaveButton busy={change.busy} label={network ? t('recordForm.save') : t('networkForm.create')} busyLabel={t('recordForm.saving')} />
    </form>
  );
}
