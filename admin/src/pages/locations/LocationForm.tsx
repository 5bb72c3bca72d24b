import { Button, Paragraph } from '@utrecht/component-library-react';
import { useApolloClient, useMutation } from '@apollo/client/react';
import { useMemo, useState } from 'react';
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
import { CreateLocationDocument, GeocodeAddressDocument, ProposeLocationChangeDocument, ProposeNewLocationDocument, UpdateLocationDocument } from './documents';
import { MotivationField } from '../../components/MotivationField';
import { changedRows, rowsOf } from '../../components/DetailRows';
import { OpeningHoursFields, SCHEDULE_KEYS, useScheduleFieldLinks } from '../../components/OpeningHoursFields';
import { PHONE_KEYS, PHONE_LISTS, PhoneFields, usePhoneFieldLinks } from '../../components/PhoneFields';
import type { GeocodeAddressQuery } from '../../gql/graphql';
import { toChangeProblem } from '../../lib/problems';

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

type Candidate = GeocodeAddressQuery['geocodeAddress'][number];

/** The position lookup beside the address: asking, its candidates, or what to say. */
type LookUp = { state: 'idle' } | { state: 'busy' } | { state: 'found'; candidates: Candidate[] } | { state: 'message'; text: string };

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
  const readSchedules = useMemo(() => rowsOf(location?.schedules ?? [], SCHEDULE_KEYS), [location]);
  const readPhones = useMemo(() => rowsOf(location?.phones ?? [], PHONE_KEYS), [location]);
  const [schedules, setSchedules] = useState(readSchedules);
  const [phones, setPhones] = useState(readPhones);
  const { form, change, submit, attempted, bound } = useRecordForm({
    spec: SPEC,
    initial: location ? locationValues(location) : null,
    defaults: DEFAULTS,
    onReload,
    extraInput: () => ({ ...changedRows('schedules', readSchedules, schedules), ...changedRows('phones', readPhones, phones, PHONE_LISTS) }),
  });
  const client = useApolloClient();
  const [lookUp, setLookUp] = useState<LookUp>({ state: 'idle' });
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
    ...useScheduleFieldLinks('loc', schedules.length),
    ...usePhoneFieldLinks('loc', phones.length),
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

  /** Asks the API's geocoder for the postcode and the house number at the end of the address; nothing is saved until the user saves. */
  const lookUpPosition = async () => {
    const postcode = String(form.getValues('postcode') ?? '').trim();
    const address = String(form.getValues('address') ?? '').trim();
    if (!postcode || !address) return setLookUp({ state: 'message', text: t('locationForm.lookUp.needAddress') });
    setLookUp({ state: 'busy' });
    try {
      const result: { data?: GeocodeAddressQuery } = await client.query({ query: GeocodeAddressDocument, variables: { postcode, address }, fetchPolicy: 'network-only' });
      const candidates = result.data?.geocodeAddress ?? [];
      setLookUp(candidates.length > 0 ? { state: 'found', candidates } : { state: 'message', text: t('locationForm.lookUp.none') });
    } catch (error) {
      const problem = toChangeProblem(error);
      const [field] = problem.kind === 'fields' ? Object.keys(problem.fields) : [];
      setLookUp({ state: 'message', text: field && problem.kind === 'fields' ? change.fieldMessage(problem.fields[field], problem.rules[field], field) : t('locationForm.lookUp.unavailable') });
    }
  };
  const choose = (candidate: Candidate) => {
    form.setValue('latitude', String(candidate.latitude), { shouldDirty: true });
    form.setValue('longitude', String(candidate.longitude), { shouldDirty: true });
    // The area too, when the candidate's buurt is one of the areas the form offers.
    if (candidate.areaId && areas.options.some((option) => option.value === candidate.areaId)) form.setValue('area', candidate.areaId, { shouldDirty: true });
    setLookUp({ state: 'message', text: t('locationForm.lookUp.chosen', { address: candidate.address }) });
  };

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
        <div className="app-lookup">
          <Button type="button" appearance="secondary-action-button" onClick={() => void lookUpPosition()} busy={lookUp.state === 'busy'} disabled={lookUp.state === 'busy'}>
            {lookUp.state === 'busy' ? t('locationForm.lookUp.busy') : t('locationForm.lookUp.button')}
          </Button>
          <div role="status" aria-live="polite">
            {lookUp.state === 'message' && <Paragraph>{lookUp.text}</Paragraph>}
            {lookUp.state === 'found' && (
              <>
                <Paragraph>{t('locationForm.lookUp.candidates')}</Paragraph>
                <ul className="app-lookup__candidates">
                  {lookUp.candidates.map((candidate) => (
                    <li key={`${candidate.address}-${candidate.latitude}-${candidate.longitude}`}>
                      <Button type="button" appearance="subtle-button" onClick={() => choose(candidate)}>
                        {t('locationForm.lookUp.choose', { address: candidate.address })}
                      </Button>
                    </li>
                  ))}
                </ul>
              </>
            )}
          </div>
        </div>
        {single('area', areas, t('locationForm.areaHint'))}
        <TextField {...field('latitude')} label={label('latitude')} description={t('locationForm.latitudeHint')} />
        <TextField {...field('longitude')} label={label('longitude')} description={t('locationForm.longitudeHint')} />
        <TextAreaField {...field('locationDescription')} label={label('locationDescription')} rows={2} />
      </FormSection>
      <FormSection title={t('locationForm.section.access')}>
        <TextAreaField {...field('accessibility')} label={label('accessibility')} description={t('locationForm.accessibilityHint')} rows={3} />
      </FormSection>
      <FormSection title={t('locationForm.section.openingHours')}>
        <OpeningHoursFields prefix="loc" rows={schedules} onChange={setSchedules} problem={change.problem} word={change.fieldMessage} />
      </FormSection>
      <FormSection title={t('locationForm.section.phones')}>
        <PhoneFields prefix="loc" rows={phones} onChange={setPhones} problem={change.problem} word={change.fieldMessage} />
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
