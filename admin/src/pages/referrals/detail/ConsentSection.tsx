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

type Choice = '' | 'REFUSED' | 'RECEIVER' | 'NETWORK';

function consentState(referral: Referral): 'notRecorded' | 'refused' | 'network' | 'receiver' {
  const consent = referral.consent;
  if (!consent || !consent.recordedAt) return 'notRecorded';
  if (!consent.given) return 'refused';
  return consent.scope === 'NETWORK' ? 'network' : 'receiver';
}

function currentChoice(referral: Referral): Choice {
  const consent = referral.consent;
  if (!consent?.recordedAt) return '';
  return consent.given ? (consent.scope ?? 'RECEIVER') : 'REFUSED';
}

function consentInput(choice: Choice): ConsentInput {
  if (choice === 'REFUSED') return { given: false };
  return { given: true, scope: choice === 'NETWORK' ? 'NETWORK' : 'RECEIVER' };
}

/** What the client agreed to (who may read the case), and — for the two parties — changing it. */
export function ConsentSection({ referral, onReload }: SectionProps) {
  const { t, i18n } = useTranslation();
  const language = currentLanguage(i18n.language);
  const { viewer } = useViewer();
  const mayRecord = !TERMINAL_STATUSES.includes(referral.status) && permissions.recordConsent(viewer, referral);
  const [editing, setEditing] = useState(false);
  const form = useForm<{ choice: Choice }>({ defaultValues: { choice: currentChoice(referral) }, reValidateMode: 'onSubmit' });
  const choice = useWatch({ control: form.control, name: 'choice' });
  const change = useFormChange(form, { onReload, aliases: { scope: 'choice' } });
  const [record] = useMutation(RecordConsentDocument);

  const submit = change.submit(async (values) => {
    const input = consentInput(values.choice);
    const outcome = await change.run(() => record({ variables: { id: referral.id, version: referral.version, input } }), { notice: t('referralDetail.consent.saved') });
    if (outcome.ok) setEditing(false);
  });

  const options = [
    { value: 'REFUSED', label: t('referralDetail.consent.option.REFUSED') },
    { value: 'RECEIVER', label: t('referralDetail.consent.option.RECEIVER') },
    ...(referral.network ? [{ value: 'NETWORK', label: t('referralDetail.consent.option.NETWORK') }] : []),
  ];

  return (
    <section aria-labelledby="referral-consent" className="app-section">
      <Heading2 id="referral-consent">{t('referralDetail.consent.title')}</Heading2>
      <Saved text={change.notice} />
      <Paragraph>{t(`referralDetail.consent.${consentState(referral)}`)}</Paragraph>
      {referral.consent?.recordedAt && (
        <Paragraph className="app-small app-muted">
          {t('referralDetail.consent.recorded', {
            date: formatDateTime(referral.consent.recordedAt, language),
            by: referral.consent.recordedBy ?? t('referralDetail.consent.bySystem'),
          })}
        </Paragraph>
      )}
      {mayRecord && !editing && (
        <Button
          appearance="secondary-action-button"
          aria-expanded={false}
          onClick={() => {
            change.clear();
            // Start from what is recorded now (the referral may have changed since the last edit).
            form.reset({ choice: currentChoice(referral) || 'RECEIVER' });
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
