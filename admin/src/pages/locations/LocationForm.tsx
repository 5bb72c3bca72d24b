import { Paragraph } from '@utrecht/component-library-react';
import { useMutation } from '@apollo/client/react';
import { useState } from 'react';
import { Controller } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { permissions } from '../../auth/permissions';
import { useViewer } from '../../auth/viewer';
import { ComboboxField } from '../../components/Combobox';
import { SelectField, TextAreaField, TextField } from '../../components/fields';
import { FormSection, RecordNoticeBlock, RecordProblem, SaveButton, useRecordForm, type RecordNotice } from '../../components/RecordForm';
import { DuplicateOf } from '../../components/DuplicateOf';
import { SimilarNames } from '../../components/SimilarNames';
import type { CreateLocationInput, LocationFormFieldsFragment, LocationStatus, UpdateLocationInput } from '../../gql/graphql';
import { currentLanguage } from '../../i18n';
import { formatDate } from '../../lib/format';
import { useAreaPicker, useOrganisationPicker } from '../../lib/pickers';
import { formValuesOf, type FieldSpec, type FormValues } from '../../lib/recordForm';
import { CreateLocationDocument, ProposeLocationChangeDocument, ProposeNewLocationDocument, UpdateLocationDocument } from './documents';
import { MotivationField } from '../../components/MotivationField';

export const LOCATION_STATUSES: readonly LocationStatus[] = ['ACTIVE', 'PLANNED', 'CLOSED'];

/** Every field of the location form and what it holds (lib/recordForm.ts). */
const SPEC: FieldSpec = {
  name: 'requiredText',
  organisationId: 'reference',
  kind: 'text',
  status: 'choice',
  description: 'textarea',
  address: 'text',
  postcode: 'text',
  city: 'text',
  area: 'reference',
  latitude: 'float',
  longitude: 'float',
  locationDescription: 'textarea',
  accessibility: 'textarea',
};

type Field = keyof typeof SPEC & string;

const DEFAULTS: FormValues = formValuesOf(SPEC, { status: 'ACTIVE', city: 'Amersfoort' });

export function locationValues(location: LocationFormFieldsFragment): FormValues {
  return formValuesOf(SPEC, { ...location, organisationId: location.organisation?.id ?? null, area: location.area?.id ?? null });
}

interface Props {
  location: LocationFormFieldsFragment | null;
  notice: RecordNotice;
  onNotice(notice: RecordNotice): void;
  onReload(): Promise<void>;
  onCreated?(id: string): void;
  /**
   * Propose instead of save (an organisation's user, for a location it may not change): the same
   * fields and the same checks, sent with a motivation to the curators; `onProposed` gets the
   * proposal's id.
   */
  onProposed?(proposalId: string): void;
}

/**
 * A location (voorziening): where it is — address, area and its position as latitude and
 * longitude (WGS 84, as a map shows it) — what kind of place it is and how accessible.
 */
export function LocationForm({ location, notice, onNotice, onReload, onCreated, onProposed }: Props) {
  const { t, i18n } = useTranslation();
  const language = currentLanguage(i18n.language);
  const { viewer } = useViewer();
  const chooseOrganisation = permissions.chooseRecordOrganisation(viewer);
  const { form, change, submit, attempted, bound } = useRecordForm({ spec: SPEC, initial: location ? locationValues(location) : null, defaults: DEFAULTS, onReload });
  const [create] = useMutation(CreateLocationDocument);
  const [update] = useMutation(UpdateLocationDocument);
  const [proposeChange] = useMutation(ProposeLocationChangeDocument);
  const [proposeNew] = useMutation(ProposeNewLocationDocument);
  const proposing = Boolean(onProposed);
  const [motivation, setMotivation] = useState('');
  const organisations = useOrganisationPicker();
  const areas = useAreaPicker();

  const label = (field: Field) => t(`locationForm.field.${field}` as 'locationForm.field.name');
  const field = (name: Field) => bound(name, 'loc');
  const fields = {
    ...Object.fromEntries(Object.keys(SPEC).map((name) => [name, { id: `loc-${name}`, label: label(name as Field) }])),
    motivation: { id: 'loc-motivation', label: t('proposal.motivation') },
  };
  const errorOf = (name: Field) => form.formState.errors[name]?.message as string | undefined;

  const onSubmit = submit(
    async (input) => {
      onNotice(null);
      if (onProposed) {
        const outcome = await change.run(async () => {
          if (!location) return (await proposeNew({ variables: { input: input as unknown as CreateLocationInput, motivation } })).data?.proposeNewLocation.id;
          return (await proposeChange({ variables: { id: location.id, version: location.version, input: input as UpdateLocationInput, motivation } })).data?.proposeLocationChange.id;
        });
        if (outcome.ok && outcome.value) onProposed(outcome.value);
        return;
      }
      if (!location) {
        const outcome = await change.run(() => create({ variables: { input: input as unknown as CreateLocationInput } }));
        if (outcome.ok && outcome.value.data) onCreated?.(outcome.value.data.createLocation.id);
        return;
      }
      const outcome = await change.run(() => update({ variables: { id: location.id, version: location.version, input: input as UpdateLocationInput } }));
      if (outcome.ok) onNotice('saved');
    },
    () => onNotice('unchanged'),
  );

  const single = (name: 'organisationId' | 'area', picker: { options: { value: string; label: string }[]; loading: boolean }, description?: string) => (
    <Controller
      control={form.control}
      name={name}
      render={({ field: control }) => (
        <ComboboxField
          id={`loc-${name}`}
          label={label(name)}
          description={description}
          options={picker.options}
          loading={picker.loading}
          value={(control.value as string) ?? ''}
          onChange={control.onChange}
          inputRef={control.ref}
          error={errorOf(name)}
        />
      )}
    />
  );

  return (
    <form className="app-form" onSubmit={onSubmit} noValidate aria-busy={change.busy || undefined} aria-label={location ? t('locationForm.formLabel', { name: location.name }) : t('locationForm.newFormLabel')}>
      <RecordNoticeBlock notice={notice} text={notice ? t(`recordForm.notice.${notice}`) : ''} />
      <RecordProblem
        change={change}
        form={form}
        fields={fields}
        notSaved={location ? t('locationForm.notSaved') : t('locationForm.notCreated')}
        conflictTitle={t('locationForm.conflictTitle')}
        conflictText={t('locationForm.conflictText')}
        attempted={attempted}
      />
      <FormSection title={t('locationForm.section.what')}>
        <TextField {...field('name')} label={t('recordForm.required', { label: label('name') })} required />
        <DuplicateOf id="location-name-duplicate" problem={change.problem} field="name" />
        <SimilarNames
          id="loc-name-similar"
          kind="LOCATION"
          name={(form.watch('name') as string) ?? ''}
          storedName={location?.name}
          excludeId={location?.id}
          organisation={(form.watch('organisationId') as string) || location?.organisation?.id || viewer?.organisation?.id}
        />
        {chooseOrganisation ? (
          single('organisationId', organisations, t('locationForm.organisationHint'))
        ) : (
          <Paragraph>{t('locationForm.ownOrganisation', { name: location?.organisation?.name ?? viewer?.organisation?.name ?? '' })}</Paragraph>
        )}
        <TextField {...field('kind')} label={label('kind')} description={t('locationForm.kindHint')} />
        <SelectField {...field('status')} label={label('status')} options={LOCATION_STATUSES.map((s) => ({ value: s, label: t(`locationStatus.${s}`) }))} />
        <TextAreaField {...field('description')} label={label('description')} rows={3} />
      </FormSection>
      <FormSection title={t('locationForm.section.where')}>
        <TextField {...field('address')} label={label('address')} autoComplete="street-address" />
        <DuplicateOf id="location-address-duplicate" problem={change.problem} field="address" />
        <TextField {...field('postcode')} label={label('postcode')} description={t('locationForm.postcodeHint')} autoComplete="postal-code" />
        <TextField {...field('city')} label={label('city')} autoComplete="address-level2" />
        {single('area', areas, t('locationForm.areaHint'))}
        <TextField {...field('latitude')} label={label('latitude')} description={t('locationForm.latitudeHint')} />
        <TextField {...field('longitude')} label={label('longitude')} description={t('locationForm.longitudeHint')} />
        <TextAreaField {...field('locationDescription')} label={label('locationDescription')} rows={2} />
      </FormSection>
      <FormSection title={t('locationForm.section.access')}>
        <TextAreaField {...field('accessibility')} label={label('accessibility')} description={t('locationForm.accessibilityHint')} rows={3} />
      </FormSection>
      {location && (
        <Paragraph className="app-small app-muted">
          {location.lastVerifiedAt ? t('recordForm.lastVerified', { date: formatDate(location.lastVerifiedAt, language) }) : t('recordForm.neverVerified')}
        </Paragraph>
      )}
      {proposing && (
        <FormSection title={t('proposal.motivationSection')}>
          <MotivationField id="loc-motivation" value={motivation} onChange={setMotivation} problem={change.problem} />
        </FormSection>
      )}
      <SaveButton busy={change.busy} label={proposing ? t('proposal.submit') : location ? t('recordForm.save') : t('locationForm.create')} busyLabel={t('recordForm.saving')} />
    </form>
  );
}
