import { Button, Heading2, Paragraph } from '@utrecht/component-library-react';
import { useMutation } from '@apollo/client/react';
import { useState } from 'react';
import { Controller, useForm, useWatch } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { permissions } from '../../../auth/permissions';
import { useViewer } from '../../../auth/viewer';
import { RadioGroup } from '../../../components/choices';
import { ComboboxField } from '../../../components/Combobox';
import type { ConsentInput } from '../../../gql/graphql';
import { currentLanguage } from '../../../i18n';
import { organisationLabel, useOrganisationOptions } from '../../../lib/directory';
import { formatDateTime } from '../../../lib/format';
import { useFormChange } from '../../../lib/useFormChange';
import { TERMINAL_STATUSES } from '../options';
import { RecordConsentDocument } from '../referralDocuments';
import { ChangeSummary, Saved, SubmitButtons, type Referral, type SectionProps } from './parts';

/** REFUSED withdraws every standing consent; RECEIVER, NETWORK and ORGANISATION (one organisation, chosen) add one. */
type Choice = '' | 'REFUSED' | 'RECEIVER' | 'NETWORK' | 'ORGANISATION';

type ConsentRecord = NonNullable<Referral['consent']>['records'][number];

function standing(referral: Referral): ConsentRecord[] {
  return (referral.consent?.records ?? []).filter((r) => !r.withdrawnAt);
}

function consentState(referral: Referral): 'notRecorded' | 'refused' | 'network' | 'receiver' | 'organisation' {
  const consent = referral.consent;
  if (!consent || !consent.recordedAt) return 'notRecorded';
  const scopes = standing(referral).map((r) => r.scope);
  if (scopes.includes('NETWORK')) return 'network';
  if (scopes.includes('RECEIVER')) return 'receiver';
  if (scopes.includes('ORGANISATION')) return 'organisation';
  return 'refused';
}

/** The choices that change something now: a scope not yet given, or withdrawing what stands. */
function choicesFor(referral: Referral): Choice[] {
  const scopes = standing(referral).map((r) => r.scope);
  return [
    ...(!scopes.includes('RECEIVER') ? (['RECEIVER'] as const) : []),
    ...(referral.network && !scopes.includes('NETWORK') ? (['NETWORK'] as const) : []),
    'ORGANISATION' as const,
    ...(scopes.length > 0 ? (['REFUSED'] as const) : []),
  ];
}

function consentInput(choice: Choice, organisationId: string): ConsentInput {
  if (choice === 'REFUSED') return { given: false };
  if (choice === 'ORGANISATION') return { given: true, scope: 'ORGANISATION', organisationId };
  return { given: true, scope: choice === 'NETWORK' ? 'NETWORK' : 'RECEIVER' };
}

/** The organisation a consent of scope ORGANISATION names: a searchable picker, loaded when that scope is chosen. */
function OrganisationPicker(props: { exclude: ReadonlySet<string>; value: string; onChange(value: string): void; inputRef(element: HTMLInputElement | null): void; error?: string }) {
  const { t } = useTranslation();
  const directory = useOrganisationOptions();
  const options = (directory.organisations ?? []).filter((o) => !props.exclude.has(o.id)).map((o) => ({ value: o.id, label: organisationLabel(o) }));
  return (
    <ComboboxField
      id="consent-organisation"
      label={t('formCommon.required', { label: t('referralDetail.consent.organisationLabel') })}
      description={t('referralDetail.consent.organisationHint')}
      required
      options={options}
      loading={directory.loading}
      value={props.value}
      onChange={props.onChange}
      inputRef={props.inputRef}
      error={props.error ?? (directory.error ? t('referralDetail.organisations') : undefined)}
    />
  );
}

/** Whom the resident's consent lets read the identifying details, its history, and — for the referrer, receiver and holder — changing it. */
export function ConsentSection({ referral, onReload }: SectionProps) {
  const { t, i18n } = useTranslation();
  const language = currentLanguage(i18n.language);
  const { viewer } = useViewer();
  const mayRecord = !TERMINAL_STATUSES.includes(referral.status) && permissions.recordConsent(viewer, referral);
  const [editing, setEditing] = useState(false);
  const choices = choicesFor(referral);
  const form = useForm<{ choice: Choice; organisationId: string }>({ defaultValues: { choice: choices[0] ?? '', organisationId: '' }, reValidateMode: 'onSubmit' });
  const choice = useWatch({ control: form.control, name: 'choice' });
  const change = useFormChange(form, { onReload, aliases: { scope: 'choice' } });
  const [record] = useMutation(RecordConsentDocument);
  const named = new Set(standing(referral).flatMap((r) => (r.scope === 'ORGANISATION' && r.organisation ? [r.organisation.id] : [])));
  const withdraw = useFormChange(form, { onReload });

  const withdrawOrganisation = (organisationId: string, name: string) => {
    // One notice at a time: the latest change's.
    change.clear();
    return withdraw.run(() => record({ variables: { id: referral.id, version: referral.version, input: { given: false, scope: 'ORGANISATION', organisationId } } }), {
      notice: t('referralDetail.consent.withdrawnFor', { organisation: name }),
    });
  };

  const submit = change.submit(async (values) => {
    withdraw.clear();
    if (values.choice === 'ORGANISATION' && !values.organisationId) {
      form.setError('organisationId', { type: 'required', message: t('validation.required') });
      return;
    }
    const input = consentInput(values.choice, values.organisationId);
    const outcome = await change.run(() => record({ variables: { id: referral.id, version: referral.version, input } }), { notice: t('referralDetail.consent.saved') });
    if (outcome.ok) setEditing(false);
  });

  const options = choices.map((value) => ({ value, label: t(`referralDetail.consent.option.${value as 'REFUSED' | 'RECEIVER' | 'NETWORK' | 'ORGANISATION'}`) }));
  const organisations = standing(referral)
    .filter((r) => r.scope === 'ORGANISATION' && r.organisation)
    .map((r) => r.organisation!.name);
  const scopeLabel = (record: ConsentRecord) =>
    record.scope === 'ORGANISATION' ? t('referralDetail.consent.scope.ORGANISATION', { organisation: record.organisation?.name ?? '' }) : t(`referralDetail.consent.scope.${record.scope as 'RECEIVER' | 'NETWORK'}`);

  return (
    <section aria-labelledby="referral-consent" className="app-section">
      <Heading2 id="referral-consent">{t('referralDetail.consent.title')}</Heading2>
      <Saved text={change.notice ?? withdraw.notice} />
      <Paragraph>
        {consentState(referral) === 'organisation'
          ? t('referralDetail.consent.organisation', { organisations: organisations.join(', ') })
          : t(`referralDetail.consent.${consentState(referral) as 'notRecorded' | 'refused' | 'network' | 'receiver'}`)}
      </Paragraph>
      {!editing && (
        <ChangeSummary change={withdraw} notSaved={t('referralDetail.consent.notWithdrawn')} fields={{}} forbiddenText={t('referralDetail.consent.forbidden')} />
      )}
      {(referral.consent?.records.length ?? 0) > 0 && (
        <ul className="app-small" aria-label={t('referralDetail.consent.records')}>
          {referral.consent!.records.map((record) => (
            <li key={record.id}>
              {t('referralDetail.consent.record', {
                scope: scopeLabel(record),
                date: formatDateTime(record.givenAt, language),
                by: record.recordedBy ?? t('referralDetail.consent.bySystem'),
              })}
              {record.withdrawnAt && <> · {t('referralDetail.consent.withdrawn', { date: formatDateTime(record.withdrawnAt, language), by: record.withdrawnBy ?? t('referralDetail.consent.bySystem') })}</>}
              {mayRecord && !record.withdrawnAt && record.scope === 'ORGANISATION' && record.organisation && (
                <>
                  {' '}
                  <Button
                    appearance="subtle-button"
                    disabled={withdraw.busy}
                    onClick={() => void withdrawOrganisation(record.organisation!.id, record.organisation!.name)}
                    aria-label={t('referralDetail.consent.withdrawFor', { organisation: record.organisation.name })}
                  >
                    {t('referralDetail.consent.withdraw')}
                  </Button>
                </>
              )}
            </li>
          ))}
        </ul>
      )}
      {referral.consent?.recordedAt && (
        <Paragraph className="app-small app-muted">
          {t('referralDetail.consent.recorded', {
            date: formatDateTime(referral.consent.recordedAt, language),
            by: referral.consent.recordedBy ?? t('referralDetail.consent.bySystem'),
          })}
        </Paragraph>
      )}
      {mayRecord && !editing && choices.length > 0 && (
        <Button
          appearance="secondary-action-button"
          aria-expanded={false}
          onClick={() => {
            change.clear();
            withdraw.clear();
            // Start from what is recorded now (the referral may have changed since the last edit).
            form.reset({ choice: choices[0] ?? '', organisationId: '' });
            setEditing(true);
          }}
        >
          {t('referralDetail.consent.change')}
        </Button>
      )}
      {mayRecord && editing && (
        <form className="app-form app-panel" onSubmit={submit} noValidate aria-label={t('referralDetail.consent.change')}>
          <ChangeSummary
            change={change}
            notSaved={t('referralDetail.consent.notSaved')}
            fields={{ scope: { id: 'consent-choice', label: t('referralDetail.consent.legend') }, organisationId: { id: 'consent-organisation', label: t('referralDetail.consent.organisationLabel') } }}
            forbiddenText={t('referralDetail.consent.forbidden')}
          />
          <Controller
            control={form.control}
            name="choice"
            render={({ field, fieldState }) => (
              <RadioGroup
                id="consent-choice"
                legend={t('referralDetail.consent.legend')}
                value={field.value}
                onChange={field.onChange}
                inputRef={field.ref}
                options={options}
                error={fieldState.error?.message}
              />
            )}
          />
          {choice === 'ORGANISATION' && (
            <Controller
              control={form.control}
              name="organisationId"
              render={({ field, fieldState }) => (
                <OrganisationPicker exclude={named} value={field.value} onChange={field.onChange} inputRef={field.ref} error={fieldState.error?.message} />
              )}
            />
          )}
          <SubmitButtons change={change} label={t('referralDetail.consent.save')} disabled={!choice} onCancel={() => setEditing(false)} />
        </form>
      )}
    </section>
  );
}
