import { Button, Heading2, Paragraph } from '@utrecht/component-library-react';
import { useMutation } from '@apollo/client/react';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { TextAreaField } from '../../../components/fields';
import { useFormChange } from '../../../lib/useFormChange';
import { TERMINAL_STATUSES } from '../options';
import { SetReferralIdentifyingDetailsDocument } from '../referralDocuments';
import { ChangeSummary, Saved, SubmitButtons, type SectionProps } from './parts';

/**
 * Changing the identifying details after the case was signalled (who the person is, contact,
 * identifying circumstances): for the organisations that may read them — the referrer and those
 * the person consented to — while the case is open. Emptying the field clears them. The API
 * decides; the history records that they changed, never what they say.
 */
export function IdentitySection({ referral, onReload }: SectionProps) {
  const { t } = useTranslation();
  const [editing, setEditing] = useState(false);
  const form = useForm<{ identifyingDetails: string }>({ defaultValues: { identifyingDetails: referral.identifyingDetails ?? '' }, reValidateMode: 'onSubmit' });
  const change = useFormChange(form, { onReload });
  const [save] = useMutation(SetReferralIdentifyingDetailsDocument);
  if (!referral.identityVisible || TERMINAL_STATUSES.includes(referral.status)) return null;

  const submit = change.submit(async ({ identifyingDetails }) => {
    const outcome = await change.run(
      () => save({ variables: { id: referral.id, version: referral.version, input: { identifyingDetails: identifyingDetails.trim() || null } } }),
      { notice: identifyingDetails.trim() ? t('referralDetail.identity.saved') : t('referralDetail.identity.cleared') },
    );
    if (outcome.ok) setEditing(false);
  });

  return (
    <section aria-labelledby="referral-identity-edit" className="app-section">
      <Heading2 id="referral-identity-edit">{t('referralDetail.identity.editTitle')}</Heading2>
      <Saved text={change.notice} />
      {!editing ? (
        <Button
          appearance="secondary-action-button"
          aria-expanded={false}
          onClick={() => {
            change.clear();
            form.reset({ identifyingDetails: referral.identifyingDetails ?? '' });
            setEditing(true);
          }}
        >
          {t('referralDetail.identity.edit')}
        </Button>
      ) : (
        <form className="app-form app-panel" onSubmit={submit} noValidate aria-label={t('referralDetail.identity.editTitle')}>
          <ChangeSummary
            change={change}
            notSaved={t('referralDetail.identity.notSaved')}
            fields={{ identifyingDetails: { id: 'identity-details', label: t('referralDetail.identity.title') } }}
            forbiddenText={t('referralDetail.identity.forbidden')}
          />
          <Paragraph className="app-small">{t('referralDetail.identity.editHint')}</Paragraph>
          <TextAreaField
            id="identity-details"
            label={t('referralDetail.identity.title')}
            registration={form.register('identifyingDetails')}
            rows={4}
            error={form.formState.errors.identifyingDetails?.message}
          />
          <SubmitButtons change={change} label={t('referralDetail.identity.save')} onCancel={() => setEditing(false)} />
        </form>
      )}
    </section>
  );
}
