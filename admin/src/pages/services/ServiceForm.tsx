import { Paragraph } from '@utrecht/component-library-react';
import { useMutation } from '@apollo/client/react';
import { useMemo, useState } from 'react';
import { Controller } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { permissions } from '../../auth/permissions';
import { useViewer } from '../../auth/viewer';
import { ComboboxField, MultiComboboxField } from '../../components/Combobox';
import { DuplicateOf } from '../../components/DuplicateOf';
import { SimilarNames } from '../../components/SimilarNames';
import { SelectField, TextAreaField, TextField } from '../../components/fields';
import { FormSection, RecordNoticeBlock, RecordProblem, SaveButton, useRecordForm, type RecordNotice } from '../../components/RecordForm';
import type { CreateServiceInput, ServiceFormFieldsFragment, ServiceStatus, UpdateServiceInput } from '../../gql/graphql';
import { currentLanguage } from '../../i18n';
import { formatDate } from '../../lib/format';
import { useAreaPicker, useInterventionTypePicker, useLocationPicker, useOrganisationPicker, useTargetGroupPicker } from '../../lib/pickers';
import { formValuesOf, type FieldSpec, type FormValues } from '../../lib/recordForm';
import { CreateServiceDocument, ProposeServiceChangeDocument, UpdateServiceDocument } from './documents';
import { MotivationField } from '../../components/MotivationField';
import { changedRows, rowsOf } from '../../components/DetailRows';
import { OpeningHoursFields, SCHEDULE_KEYS, useScheduleFieldLinks } from '../../components/OpeningHoursFields';
import { PHONE_KEYS, PHONE_LISTS, PhoneFields, usePhoneFieldLinks } from '../../components/PhoneFields';

export const SERVICE_STATUSES: readonly ServiceStatus[] = ['ACTIVE', 'TEMPORARILY_CLOSED', 'INACTIVE', 'DEFUNCT'];

/** Every field of the service form and what it holds (lib/recordForm.ts). */
const SPEC: FieldSpec = {
  name: 'requiredText',
  organisationId: 'reference',
  description: 'textarea',
  eligibility: 'textarea',
  status: 'choice',
  minAge: 'int',
  maxAge: 'int',
  requiresIndication: 'boolean',
  worksWithoutIndication: 'boolean',
  cost: 'text',
  languages: 'words',
  validFrom: 'date',
  validTo: 'date',
  periodDescription: 'text',
  frequency: 'text',
  url: 'text',
  email: 'text',
  partnerIds: 'references',
  targetGroups: 'references',
  interventionTypes: 'references',
  areas: 'references',
  locationIds: 'references',
};

type Field = keyof typeof SPEC & string;

const DEFAULTS: FormValues = formValuesOf(SPEC, { status: 'ACTIVE' });

/** The service as the form shows it: its links as ids (areas, partners, locations) and codes (target groups, intervention types). */
export function serviceValues(service: ServiceFormFieldsFragment): FormValues {
  return formValuesOf(SPEC, {
    ...service,
    organisationId: service.organisation?.id ?? null,
    partnerIds: service.partners.map((p) => p.id),
    targetGroups: service.targetGroups.map((g) => g.code),
    interventionTypes: service.interventionTypes.map((i) => i.code),
    areas: service.areasServed.map((a) => a.id),
    locationIds: service.locations.map((l) => l.id),
  });
}

interface Props {
  /** Null: a new service. */
  service: ServiceFormFieldsFragment | null;
  notice: RecordNotice;
  onNotice(notice: RecordNotice): void;
  onReload(): Promise<void>;
  onCreated?(id: string): void;
  /**
   * Propose the change instead of saving it (an organisation's user, for a service another
   * organisation provides — a partner's correction): the same fields and checks, sent with a
   * motivation to the curators; `onProposed` gets the proposal's id.
   */
  onProposed?(proposalId: string): void;
}

/**
 * A service (dienst, project or activiteit): what it is, for whom, where and with whom, and what
 * it does — its intervention types, and through them the basic functions the coverage matrix
 * counts. Admins choose the providing organisation; an organisation's users edit their own.
 */
export function ServiceForm({ service, notice, onNotice, onReload, onCreated, onProposed }: Props) {
  const { t, i18n } = useTranslation();
  const language = currentLanguage(i18n.language);
  const { viewer } = useViewer();
  const chooseOrganisation = permissions.chooseRecordOrganisation(viewer);
  const readSchedules = useMemo(() => rowsOf(service?.schedules ?? [], SCHEDULE_KEYS), [service]);
  const readPhones = useMemo(() => rowsOf(service?.phones ?? [], PHONE_KEYS), [service]);
  const [schedules, setSchedules] = useState(readSchedules);
  const [phones, setPhones] = useState(readPhones);
  const { form, change, submit, attempted, bound } = useRecordForm({
    spec: SPEC,
    initial: service ? serviceValues(service) : null,
    defaults: DEFAULTS,
    onReload,
    extraInput: () => ({ ...changedRows('schedules', readSchedules, schedules), ...changedRows('phones', readPhones, phones, PHONE_LISTS) }),
  });
  const [create] = useMutation(CreateServiceDocument);
  const [update] = useMutation(UpdateServiceDocument);
  const [proposeChange] = useMutation(ProposeServiceChangeDocument);
  const proposing = Boolean(onProposed) && Boolean(service);
  const [motivation, setMotivation] = useState('');
  const organisations = useOrganisationPicker();
  const areas = useAreaPicker();
  const targetGroups = useTargetGroupPicker();
  const interventionTypes = useInterventionTypePicker();
  const locations = useLocationPicker();

  const label = (field: Field) => t(`serviceForm.field.${field}` as 'serviceForm.field.name');
  const field = (name: Field) => bound(name, 'svc');
  const fields = {
    ...Object.fromEntries(Object.keys(SPEC).map((name) => [name, { id: `svc-${name}`, label: label(name as Field) }])),
    motivation: { id: 'svc-motivation', label: t('proposal.motivation') },
    ...useScheduleFieldLinks('svc', schedules.length),
    ...usePhoneFieldLinks('svc', phones.length),
  };

  const onSubmit = submit(
    async (input) => {
      onNotice(null);
      if (proposing && service && onProposed) {
        const outcome = await change.run(async () => (await proposeChange({ variables: { id: service.id, version: service.version, input: input as UpdateServiceInput, motivation } })).data?.proposeServiceChange.id);
        if (outcome.ok && outcome.value) onProposed(outcome.value);
        return;
      }
      if (!service) {
        const outcome = await change.run(() => create({ variables: { input: input as unknown as CreateServiceInput } }));
        if (outcome.ok && outcome.value.data) onCreated?.(outcome.value.data.createService.id);
        return;
      }
      const outcome = await change.run(() => update({ variables: { id: service.id, version: service.version, input: input as UpdateServiceInput } }));
      // The answer carries the new version: the page renders a fresh form with the saved values.
      if (outcome.ok) onNotice('saved');
    },
    () => onNotice('unchanged'),
  );

  const errorOf = (name: Field) => form.formState.errors[name]?.message as string | undefined;
  const multi = (name: Field, picker: { options: { value: string; label: string }[]; loading: boolean }, description?: string) => (
    <Controller
      control={form.control}
      name={name}
      render={({ field: control }) => (
        <MultiComboboxField
          id={`svc-${name}`}
          label={label(name)}
          description={description}
          options={picker.options}
          loading={picker.loading}
          values={(control.value as string[]) ?? []}
          onChange={control.onChange}
          inputRef={control.ref}
          error={errorOf(name)}
        />
      )}
    />
  );
  const yesNo = [
    { value: '', label: t('serviceForm.unknown') },
    { value: 'true', label: t('serviceForm.yes') },
    { value: 'false', label: t('serviceForm.no') },
  ];

  return (
    <form className="app-form" onSubmit={onSubmit} noValidate aria-busy={change.busy || undefined} aria-label={service ? t('serviceForm.formLabel', { name: service.name }) : t('serviceForm.newFormLabel')}>
      <RecordNoticeBlock notice={notice} text={notice ? t(`recordForm.notice.${notice}`) : ''} />
      <RecordProblem
        change={change}
        form={form}
        fields={fields}
        notSaved={service ? t('serviceForm.notSaved') : t('serviceForm.notCreated')}
        conflictTitle={t('serviceForm.conflictTitle')}
        conflictText={t('serviceForm.conflictText')}
        attempted={attempted}
      />
      <FormSection title={t('serviceForm.section.what')}>
        <TextField {...field('name')} label={t('recordForm.required', { label: label('name') })} required />
        <DuplicateOf id="service-name-duplicate" problem={change.problem} field="name" />
        <SimilarNames
          id="svc-name-similar"
          kind="SERVICE"
          name={(form.watch('name') as string) ?? ''}
          storedName={service?.name}
          excludeId={service?.id}
          organisation={(form.watch('organisationId') as string) || service?.organisation?.id || viewer?.organisation?.id}
        />
        {chooseOrganisation ? (
          <Controller
            control={form.control}
            name="organisationId"
            render={({ field: control }) => (
              <ComboboxField
                id="svc-organisationId"
                label={label('organisationId')}
                description={t('serviceForm.organisationHint')}
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
          <Paragraph>{t('serviceForm.ownOrganisation', { name: service?.organisation?.name ?? viewer?.organisation?.name ?? '' })}</Paragraph>
        )}
        <TextAreaField {...field('description')} label={label('description')} />
        <SelectField {...field('status')} label={label('status')} options={SERVICE_STATUSES.map((s) => ({ value: s, label: t(`serviceStatus.${s}`) }))} />
        {multi('interventionTypes', interventionTypes, t('serviceForm.interventionTypesHint'))}
      </FormSection>
      <FormSection title={t('serviceForm.section.forWhom')}>
        {multi('targetGroups', targetGroups)}
        <TextAreaField {...field('eligibility')} label={label('eligibility')} rows={3} />
        <TextField {...field('minAge')} label={label('minAge')} description={t('serviceForm.ageHint')} />
        <TextField {...field('maxAge')} label={label('maxAge')} description={t('serviceForm.ageHint')} />
        <SelectField {...field('requiresIndication')} label={label('requiresIndication')} options={yesNo} />
        <SelectField {...field('worksWithoutIndication')} label={label('worksWithoutIndication')} options={yesNo} />
        <TextField {...field('cost')} label={label('cost')} description={t('serviceForm.costHint')} />
        <TextAreaField {...field('languages')} label={label('languages')} description={t('serviceForm.languagesHint')} rows={3} />
      </FormSection>
      <FormSection title={t('serviceForm.section.whereWith')}>
        {multi('areas', areas, t('serviceForm.areasHint'))}
        {multi('locationIds', locations)}
        {multi('partnerIds', organisations)}
      </FormSection>
      <FormSection title={t('serviceForm.section.when')}>
        <TextField {...field('validFrom')} type="date" label={label('validFrom')} />
        <TextField {...field('validTo')} type="date" label={label('validTo')} />
        <TextField {...field('periodDescription')} label={label('periodDescription')} description={t('serviceForm.periodHint')} />
        <TextField {...field('frequency')} label={label('frequency')} description={t('serviceForm.frequencyHint')} />
      </FormSection>
      <FormSection title={t('serviceForm.section.openingHours')}>
        <OpeningHoursFields prefix="svc" rows={schedules} onChange={setSchedules} problem={change.problem} word={change.fieldMessage} />
      </FormSection>
      <FormSection title={t('serviceForm.section.contact')}>
        <TextField {...field('url')} type="url" label={label('url')} />
        <TextField {...field('email')} type="email" label={label('email')} />
        <PhoneFields prefix="svc" rows={phones} onChange={setPhones} problem={change.problem} word={change.fieldMessage} />
      </FormSection>
      {service && (
        <Paragraph className="app-small app-muted">
          {service.lastVerifiedAt ? t('recordForm.lastVerified', { date: formatDate(service.lastVerifiedAt, language) }) : t('recordForm.neverVerified')}
        </Paragraph>
      )}
      {proposing && (
        <FormSection title={t('proposal.motivationSection')}>
          <MotivationField id="svc-motivation" value={motivation} onChange={setMotivation} problem={change.problem} />
        </FormSection>
      )}
      <SaveButton busy={change.busy} label={proposing ? t('proposal.submit') : service ? t('recordForm.save') : t('serviceForm.create')} busyLabel={t('recordForm.saving')} />
    </form>
  );
}
