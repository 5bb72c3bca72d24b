import { Alert, Button, ButtonGroup, Paragraph } from '@utrecht/component-library-react';
import { useMutation } from '@apollo/client/react';
import { useCallback, useEffect, useRef, useState } from 'react';
import { Controller, useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { SelectField, TextAreaField, TextField } from '../../../components/fields';
import { ComboboxField } from '../../../components/Combobox';
import { DuplicateOf } from '../../../components/DuplicateOf';
import { SimilarNames } from '../../../components/SimilarNames';
import type { CreateOrganisationInput, OrganisationFormFieldsFragment, UpdateOrganisationInput } from '../../../gql/graphql';
import { currentLanguage } from '../../../i18n';
import { formatDate } from '../../../lib/format';
import { useFormChange } from '../../../lib/useFormChange';
import { ORGANISATION_SCOPES, ORGANISATION_STATUSES, SECTORS } from '../options';
import { CreateOrganisationDocument, ProposeNewOrganisationDocument, UpdateOrganisationDocument } from './documents';
import { OrganisationProblem } from './OrganisationProblem';
import { changedInput, NEW_ORGANISATION, valuesOf, type FieldName, type Values } from './values';
import { MotivationField } from '../../../components/MotivationField';

export type Notice = 'saved' | 'reloaded' | 'unchanged' | 'archived' | 'restored' | null;

interface Props {
  /** Null: a new organisation (admins add it; an organisation's user proposes it, with `onProposed`). */
  organisation: OrganisationFormFieldsFragment | null;
  /** Kept by the page: a save renders a new form (the new version), and the notice belongs above it. */
  notice: Notice;
  onNotice(notice: Notice): void;
  onReload(): Promise<void>;
  /** A new organisation was added: its id. */
  onCreated?(id: string): void;
  /** Propose the new organisation instead of adding it, with a motivation for the curators: the proposal's id. */
  onProposed?(proposalId: string): void;
}

/** The API's message for an organisation field, in the user's language where we know it. */
function useOrganisationFieldMessage() {
  const { t } = useTranslation();
  return useCallback(
    (field: string, message: string): string => {
      if (/e-mail address/.test(message)) return t('validation.email');
      if (/http\(s\) URL|must be a URL/.test(message)) return t('validation.url');
      if (/phone number/.test(message)) return t('validation.phone');
      if (/already exists/.test(message)) return t('validation.duplicate');
      const shorter = /shorter than or equal to (\d+)/.exec(message);
      if (shorter) return t('validation.maxLength', { max: Number(shorter[1]) });
      if (/longer than or equal to 1 characters|should not be empty/.test(message) || (field === 'name' && /longer than/.test(message))) {
        return t('validation.required');
      }
      return t('validation.other', { message });
    },
    [t],
  );
}

/** The organisation's own details; only what changed is sent, with the version it was read at. */
export function OrganisationForm({ organisation, notice, onNotice, onReload, onCreated, onProposed }: Props) {
  const { t, i18n } = useTranslation();
  const language = currentLanguage(i18n.language);
  const fieldMessage = useOrganisationFieldMessage();
  const initial = organisation ? valuesOf(organisation) : NEW_ORGANISATION;
  const form = useForm<Values>({ defaultValues: initial, reValidateMode: 'onSubmit' });
  const { errors } = form.formState;
  const change = useFormChange(form, { onReload, keepProblemIfReloadFails: true, fieldMessage });
  const [attempted, setAttempted] = useState<UpdateOrganisationInput | null>(null);
  const [update] = useMutation(UpdateOrganisationDocument);
  const [create] = useMutation(CreateOrganisationDocument);
  const [proposeNew] = useMutation(ProposeNewOrganisationDocument);
  const proposing = !organisation && Boolean(onProposed);
  const [motivation, setMotivation] = useState('');
  const noticeRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (notice) noticeRef.current?.focus();
  }, [notice]);

  const submit = change.submit(async (values) => {
    onNotice(null);
    const input = changedInput(initial, values);
    if (!organisation) {
      // The sector is required and has no default: say so here, as the API cannot name a missing one.
      if (!values.sector) {
        form.setError('sector', { type: 'required', message: t('validation.required') });
        form.setFocus('sector');
        return;
      }
      const created = { ...input, name: values.name, sector: values.sector } as CreateOrganisationInput;
      setAttempted(created);
      if (proposing && onProposed) {
        const outcome = await change.run(async () => (await proposeNew({ variables: { input: created, motivation } })).data?.proposeNewOrganisation.id);
        if (outcome.ok && outcome.value) onProposed(outcome.value);
        return;
      }
      const outcome = await change.run(async () => (await create({ variables: { input: created } })).data?.createOrganisation.id);
      if (outcome.ok && outcome.value) onCreated?.(outcome.value);
      return;
    }
    if (Object.keys(input).length === 0) {
      change.clear();
      onNotice('unchanged');
      return;
    }
    setAttempted(input);
    const outcome = await change.run(() => update({ variables: { id: organisation.id, version: organisation.version, input } }));
    // The answer carries the new version: the page renders a fresh form with the saved values.
    if (outcome.ok) onNotice('saved');
  });

  const label = (field: FieldName) => t(`organisation.${field}`);
  const required = (field: FieldName) => t('organisationEdit.required', { label: label(field) });
  /** What every field has: its id (the summary links to it), its registration and its error. */
  const bound = (field: FieldName) => ({ id: `org-${field}`, registration: form.register(field), error: errors[field]?.message });
  const optional = (options: ReadonlyArray<{ value: string; label: string }>, emptyLabel: string) => [{ value: '', label: emptyLabel }, ...options];
  const sectorOptions = SECTORS.map((s) => ({ value: s, label: t(`sector.${s}`) }));

  return (
    <form className="app-form" onSubmit={submit} noValidate aria-busy={change.busy || undefined}>
      {notice && (
        <div ref={noticeRef} tabIndex={-1}>
          <Alert type={notice === 'unchanged' ? 'info' : 'ok'}>
            <Paragraph>{t(`organisationEdit.notice.${notice}`)}</Paragraph>
          </Alert>
        </div>
      )}
      <OrganisationProblem
        problem={change.problem}
        attempted={attempted}
        fieldMessage={fieldMessage}
        onFocusField={(field) => form.setFocus(field)}
        onReload={() => void change.reload?.()}
        reloading={change.reloading}
      />
      <TextField {...bound('name')} label={required('name')} required />
      <DuplicateOf id="org-name-duplicate" problem={change.problem} field="name" />
      <SimilarNames id="org-name-similar" kind="ORGANISATION" name={form.watch('name') ?? ''} storedName={organisation?.name} excludeId={organisation?.id} />
      <TextField {...bound('abbreviation')} label={label('abbreviation')} />
      {organisation ? (
        <SelectField {...bound('sector')} label={required('sector')} options={sectorOptions} required />
      ) : (
        // A new organisation has no sector yet: a searchable choice rather than a preselected one (15 sectors).
        <Controller
          control={form.control}
          name="sector"
          render={({ field: control }) => (
            <ComboboxField
              id="org-sector"
              label={required('sector')}
              options={sectorOptions}
              value={(control.value as string) ?? ''}
              onChange={control.onChange}
              inputRef={control.ref}
              error={errors.sector?.message}
            />
          )}
        />
      )}
      <Controller
        control={form.control}
        name="secondarySector"
        render={({ field: control }) => (
          <ComboboxField
            id="org-secondarySector"
            label={label('secondarySector')}
            description={t('organisationEdit.secondarySectorHint')}
            options={sectorOptions}
            value={(control.value as string) ?? ''}
            onChange={control.onChange}
            inputRef={control.ref}
            error={errors.secondarySector?.message}
          />
        )}
      />
      <TextField {...bound('subsector')} label={label('subsector')} />
      <SelectField
        {...bound('status')}
        label={required('status')}
        options={ORGANISATION_STATUSES.map((s) => ({ value: s, label: t(`organisationStatus.${s}`) }))}
        required
      />
      <SelectField
        {...bound('scope')}
        label={label('scope')}
        options={optional(
          ORGANISATION_SCOPES.map((s) => ({ value: s, label: t(`organisationScope.${s}`) })),
          t('organisationEdit.unknown'),
        )}
      />
      <TextField {...bound('website')} type="url" label={label('website')} description={t('organisationEdit.websiteHint')} autoComplete="url" />
      <TextField {...bound('email')} type="email" label={label('email')} autoComplete="email" />
      <TextField {...bound('phone')} type="tel" label={label('phone')} description={t('organisationEdit.phoneHint')} autoComplete="tel" />
      <TextAreaField {...bound('description')} label={label('description')} />
      {organisation && (
        <Paragraph className="app-small app-muted">
          {organisation.lastVerifiedAt
            ? t('organisationEdit.lastVerified', { date: formatDate(organisation.lastVerifiedAt, language) })
            : t('organisationEdit.neverVerified')}
        </Paragraph>
      )}
      {proposing && (
        <MotivationField id="org-motivation" value={motivation} onChange={setMotivation} problem={change.problem} />
      )}
      <ButtonGroup>
        <Button appearance="primary-action-button" type="submit" busy={change.busy} disabled={change.busy}>
          {change.busy ? t('organisationEdit.saving') : organisation ? t('organisationEdit.save') : proposing ? t('proposal.submit') : t('organisationEdit.create')}
        </Button>
      </ButtonGroup>
    </form>
  );
}
