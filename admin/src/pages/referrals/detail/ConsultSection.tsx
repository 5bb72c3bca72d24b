import { Heading2, Paragraph } from '@utrecht/component-library-react';
import { useMutation, useQuery } from '@apollo/client/react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { referralRoles } from '../../../auth/permissions';
import { useViewer } from '../../../auth/viewer';
import { SelectField, TextAreaField } from '../../../components/fields';
import { currentLanguage } from '../../../i18n';
import { organisationLabel } from '../../../lib/directory';
import { formatDateTime } from '../../../lib/format';
import { useFormChange } from '../../../lib/useFormChange';
import { TERMINAL_STATUSES } from '../options';
import { ConsultOnReferralDocument, ReferralNetworkMembersDocument } from '../referralDocuments';
import { ChangeSummary, Saved, SubmitButtons, type SectionProps } from './parts';

/**
 * Consulting a shell partner (§4.4 B: not at the meetings, consulted on call): who was consulted
 * on this case, when, by whom and on what question; and — for the core partners and the parties
 * of an open network case — a form that asks one of the network's current shell partners. The
 * consulted organisation reads the anonymous case from then on, never the identifying details.
 * The question is anonymous text (the API refuses identity in it, with its span).
 */
export function ConsultSection({ referral, onReload }: SectionProps) {
  const { t, i18n } = useTranslation();
  const language = currentLanguage(i18n.language);
  const { viewer } = useViewer();
  const networkId = referral.network?.id ?? null;
  const members = useQuery(ReferralNetworkMembersDocument, { variables: { id: networkId ?? '' }, skip: !networkId });
  const form = useForm<{ organisationId: string; question: string }>({ defaultValues: { organisationId: '', question: '' }, reValidateMode: 'onSubmit' });
  const change = useFormChange(form, { onReload });
  const [consult] = useMutation(ConsultOnReferralDocument);
  if (!networkId) return null;

  const today = new Date().toISOString().slice(0, 10);
  const current = (members.data?.network?.members ?? []).filter((m) => m.organisation && (!m.leftOn || m.leftOn > today));
  const own = viewer?.organisation?.id;
  const core = current.some((m) => m.organisation!.id === own && m.tier !== 'SHELL');
  const party = referralRoles(viewer, referral).length > 0 || referral.holderOrganisation?.id === own;
  const consulted = new Set((referral.consultations ?? []).flatMap((c) => (c.organisation ? [c.organisation.id] : [])));
  const shell = current
    .filter((m) => m.tier === 'SHELL' && !consulted.has(m.organisation!.id) && !current.some((o) => o.organisation!.id === m.organisation!.id && o.tier !== 'SHELL'))
    .map((m) => ({ value: m.organisation!.id, label: organisationLabel(m.organisation!) }));
  const mayConsult = (core || party) && !TERMINAL_STATUSES.includes(referral.status);
  const consultations = referral.consultations ?? [];
  if (!mayConsult && consultations.length === 0) return null;

  const submit = change.submit(async ({ organisationId, question }) => {
    const name = shell.find((o) => o.value === organisationId)?.label ?? '';
    const outcome = await change.run(
      () => consult({ variables: { id: referral.id, version: referral.version, input: { organisationId, question: question.trim() || null } } }),
      { notice: t('referralDetail.consult.done', { organisation: name }) },
    );
    if (outcome.ok) form.reset({ organisationId: '', question: '' });
  });

  return (
    <section aria-labelledby="referral-consult" className="app-section">
      <Heading2 id="referral-consult">{t('referralDetail.consult.title')}</Heading2>
      <Saved text={change.notice} />
      <Paragraph>{t('referralDetail.consult.intro')}</Paragraph>
      {consultations.length > 0 ? (
        <ul aria-label={t('referralDetail.consult.list')}>
          {consultations.map((c) => (
            <li key={c.id}>
              {t('referralDetail.consult.line', {
                organisation: c.organisation?.name ?? t('common.notRecorded'),
                date: formatDateTime(c.consultedAt, language),
                by: c.consultedBy?.name ?? t('common.notRecorded'),
              })}
              {c.question && <span className="app-summary-text"> — {c.question}</span>}
            </li>
          ))}
        </ul>
      ) : (
        <Paragraph className="app-muted">{t('referralDetail.consult.none')}</Paragraph>
      )}
      {mayConsult && members.data && shell.length === 0 && <Paragraph className="app-muted">{t('referralDetail.consult.noShell')}</Paragraph>}
      {mayConsult && shell.length > 0 && (
        <form className="app-form" onSubmit={submit} noValidate aria-label={t('referralDetail.consult.form')}>
          <ChangeSummary
            change={change}
            notSaved={t('referralDetail.consult.notSaved')}
            fields={{ organisationId: { id: 'consult-organisation', label: t('referralDetail.consult.organisation') }, question: { id: 'consult-question', label: t('referralDetail.consult.question') } }}
            forbiddenText={t('referralDetail.consult.forbidden')}
          />
          <SelectField
            id="consult-organisation"
            label={t('formCommon.required', { label: t('referralDetail.consult.organisation') })}
            registration={form.register('organisationId', { required: t('validation.required') })}
            required
            options={shell}
            error={form.formState.errors.organisationId?.message}
          />
          <TextAreaField
            id="consult-question"
            label={t('referralDetail.consult.question')}
            description={t('referralDetail.consult.questionHint')}
            registration={form.register('question')}
            rows={3}
            error={form.formState.errors.question?.message}
          />
          <SubmitButtons change={change} label={t('referralDetail.consult.submit')} />
        </form>
      )}
    </section>
  );
}
