import { Button, Heading2, Paragraph } from '@utrecht/component-library-react';
import { useMutation } from '@apollo/client/react';
import { useState } from 'react';
import { Controller, useForm, useWatch } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { permissions } from '../../../auth/permissions';
import { useViewer } from '../../../auth/viewer';
import { RadioGroup } from '../../../components/choices';
import type { ConsentInput } from '../../../gql/graphql';
import { currentLanguage } from '../../../i18n';
import { formatDateTime } from '../../../lib/format';
import { useFormChange } from '../../../lib/useFormChange';
import { TERMINAL_STATUSES } from '../options';
import { RecordConsentDocument } from '../referralDocuments';
import { ChangeSummary, Saved, SubmitButtons, type Referral, type SectionProps } from './parts';

/** REFUSED withdraws every standing consent; RECEIVER and NETWORK add one. */
type Choice = '' | 'REFUSED' | 'RECEIVER' | 'NETWORK';

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
    ...(scopes.length > 0 ? (['REFUSED'] as const) : []),
  ];
}

function consentInput(choice: Choice): ConsentInput {
  if (choice === 'REFUSED') return { given: false };
  return { given: true, scope: choice === 'NETWORK' ? 'NETWORK' : 'RECEIVER' };
}

/** Whom the resident's consent lets read the identifying details, its history, and — for the referrer, receiver and holder — changing it. */
export function ConsentSection({ referral, onReload }: SectionProps) {
  const { t, i18n } = useTranslation();
  const language = currentLanguage(i18n.language);
  const { viewer } = useViewer();
  const mayRecord = !TERMINAL_STATUSES.includes(referral.status) && permissions.recordConsent(viewer, referral);
  const [editing, setEditing] = useState(false);
  const choices = choicesFor(referral);
  const form = useForm<{ choice: Choice }>({ defaultValues: { choice: choices[0] ?? '' }, reValidateMode: 'onSubmit' });
  const choice = useWatch({ control: form.control, name: 'choice' });
  const change = useFormChange(form, { onReload, aliases: { scope: 'choice' } });
  const [record] = useMutation(RecordConsentDocument);

  const submit = change.submit(async (values) => {
    const input = consentInput(values.choice);
    const outcome = await change.run(() => record({ variables: { id: referral.id, version: referral.version, input } }), { notice: t('referralDetail.consent.saved') });
    if (outcome.ok) setEditing(false);
  });

  const options = choices.map((value) => ({ value, label: t(`referralDetail.consent.option.${value as 'REFUSED' | 'RECEIVER' | 'NETWORK'}`) }));
  const organisations = standing(referral)
    .filter((r) => r.scope === 'ORGANISATION' && r.organisation)
    .map((r) => r.organisation!.name);
  const scopeLabel = (record: ConsentRecord) =>
    record.scope === 'ORGANISATION' ? t('referralDetail.consent.scope.ORGANISATION', { organisation: record.organisation?.name ?? '' }) : t(`referralDetail.consent.scope.${record.scope as 'RECEIVER' | 'NETWORK'}`);

  return (
    <section aria-labelledby="referral-consent" className="app-section">
      <Heading2 id="referral-consent">{t('referralDetail.consent.title')}</Heading2>
      <Saved text={change.notice} />
      <Paragraph>
        {consentState(referral) === 'organisation'
          ? t('referralDetail.consent.organisation', { organisations: organisations.join(', ') })
          : t(`referralDetail.consent.${consentState(referral) as 'notRecorded' | 'refused' | 'network' | 'receiver'}`)}
      </Paragraph>
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
            // Start from what is recorded now (the referral may have changed since the last edit).
            form.reset({ choice: choices[0] ?? '' });
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
            fields={{ scope: { id: 'consent-choice', label: t('referralDetail.consent.legend') } }}
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
          <SubmitButtons change={change} label={t('referralDetail.consent.save')} disabled={!choice} onCancel={() => setEditing(false)} />
        </form>
      )}
    </section>
  );
}
