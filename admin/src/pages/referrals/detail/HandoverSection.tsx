import { Heading2, Paragraph } from '@utrecht/component-library-react';
import { useMutation } from '@apollo/client/react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { useViewer } from '../../../auth/viewer';
import { TextAreaField } from '../../../components/fields';
import { useOrganisationOptions } from '../../../lib/directory';
import { useFormChange } from '../../../lib/useFormChange';
import { TERMINAL_STATUSES } from '../options';
import { HandOverReferralDocument } from '../referralDocuments';
import { ChangeSummary, OrganisationSelect, Saved, SubmitButtons, type SectionProps } from './parts';

/**
 * The holder hands the case over (§4.5: "wordt de casus overgedragen aan een netwerklid"): the
 * other organisation becomes receiver, holder and problem owner. Shown to the holding
 * organisation of an accepted, open case; the API decides.
 */
export function HandoverSection({ referral, onReload }: SectionProps) {
  const { t } = useTranslation();
  const { viewer } = useViewer();
  const organisations = useOrganisationOptions();
  const form = useForm<{ organisationId: string; note: string }>({ defaultValues: { organisationId: '', note: '' }, reValidateMode: 'onSubmit' });
  const change = useFormChange(form, { onReload });
  const [handOver] = useMutation(HandOverReferralDocument);
  const holds = referral.holderOrganisation !== null && referral.holderOrganisation?.id === viewer?.organisation?.id;
  if (!holds || referral.status === 'SIGNALLED' || TERMINAL_STATUSES.includes(referral.status)) return null;

  const submit = change.submit(async ({ organisationId, note }) => {
    const outcome = await change.run(() => handOver({ variables: { id: referral.id, version: referral.version, input: { organisationId, note: note.trim() || null } } }), {
      notice: t('referralDetail.handover.done'),
    });
    if (outcome.ok) form.reset({ organisationId: '', note: '' });
  });

  return (
    <section aria-labelledby="referral-handover" className="app-section">
      <Heading2 id="referral-handover">{t('referralDetail.handover.title')}</Heading2>
      <Saved text={change.notice} />
      <Paragraph>{t('referralDetail.handover.intro')}</Paragraph>
      <form className="app-form" onSubmit={submit} noValidate aria-label={t('referralDetail.handover.title')}>
        <ChangeSummary
          change={change}
          notSaved={t('referralDetail.handover.notSaved')}
          fields={{ organisationId: { id: 'handover-organisation', label: t('referralDetail.handover.organisation') }, note: { id: 'handover-note', label: t('referralDetail.handover.note') } }}
          forbiddenText={t('referralDetail.handover.forbidden')}
        />
        <OrganisationSelect
          organisations={organisations}
          id="handover-organisation"
          label={t('referralDetail.handover.organisation')}
          registration={form.register('organisationId', { required: t('validation.required') })}
          error={form.formState.errors.organisationId?.message}
        />
        <TextAreaField id="handover-note" label={t('referralDetail.handover.note')} registration={form.register('note')} rows={3} error={form.formState.errors.note?.message} />
        <SubmitButtons change={change} label={t('referralDetail.handover.submit')} />
      </form>
    </section>
  );
}
