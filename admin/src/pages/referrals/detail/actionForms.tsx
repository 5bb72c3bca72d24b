import { Heading3 } from '@utrecht/component-library-react';
import { useMutation } from '@apollo/client/react';
import { useEffect } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { useViewer } from '../../../auth/viewer';
import { TextAreaField, TextField } from '../../../components/fields';
import { currentLanguage } from '../../../i18n';
import { useOrganisationOptions } from '../../../lib/directory';
import { formatDay, todayIso } from '../../../lib/format';
import { useFormChange } from '../../../lib/useFormChange';
import { AddReferralActionDocument, CompleteReferralActionDocument } from '../referralDocuments';
import { ChangeSummary, OrganisationSelect, SubmitButtons, type Action, type SectionProps } from './parts';

interface AddActionValues {
  description: string;
  assignedOrganisationId: string;
  dueOn: string;
}

/** A new action: what, by which organisation (the own one unless chosen otherwise), and by when. */
export function AddActionForm({ referral, onReload, onDone }: SectionProps & { onDone(): void }) {
  const { t, i18n } = useTranslation();
  const language = currentLanguage(i18n.language);
  const { viewer } = useViewer();
  const organisations = useOrganisationOptions();
  const form = useForm<AddActionValues>({
    defaultValues: { description: '', assignedOrganisationId: viewer?.organisation?.id ?? '', dueOn: '' },
    reValidateMode: 'onSubmit',
  });
  const { errors } = form.formState;
  const change = useFormChange(form, { onReload });
  const [add] = useMutation(AddReferralActionDocument);

  const submit = change.submit(async ({ description, assignedOrganisationId, dueOn }) => {
    const outcome = await change.run(() =>
      add({ variables: { id: referral.id, version: referral.version, input: { description, assignedOrganisationId, dueOn: dueOn || null } } }),
    );
    if (outcome.ok) {
      // The organisation stays chosen: the next action is often for the same one.
      form.reset({ description: '', assignedOrganisationId, dueOn: '' });
      onDone();
    }
  });

  return (
    <form className="app-form app-panel" onSubmit={submit} noValidate aria-labelledby="add-action-title" aria-busy={change.busy || undefined}>
      <Heading3 id="add-action-title">{t('referralDetail.actions.add')}</Heading3>
      <ChangeSummary
        change={change}
        notSaved={t('referralDetail.actions.notSaved')}
        fields={{
          description: { id: 'action-description', label: t('referralDetail.actions.field.description') },
          assignedOrganisationId: { id: 'action-organisation', label: t('referralDetail.actions.field.organisation') },
          dueOn: { id: 'action-due', label: t('referralDetail.actions.field.dueOn') },
        }}
        forbiddenText={t('referralDetail.actions.forbidden')}
      />
      <TextAreaField
        id="action-description"
        label={t('formCommon.required', { label: t('referralDetail.actions.field.description') })}
        registration={form.register('description')}
        rows={3}
        required
        error={errors.description?.message}
      />
      <OrganisationSelect
        organisations={organisations}
        id="action-organisation"
        label={t('referralDetail.actions.field.organisation')}
        registration={form.register('assignedOrganisationId')}
        error={errors.assignedOrganisationId?.message}
      />
      <TextField
        id="action-due"
        type="date"
        label={t('referralDetail.actions.field.dueOn')}
        description={t('referralDetail.actions.dueHint', { today: formatDay(todayIso(), language) })}
        registration={form.register('dueOn')}
        error={errors.dueOn?.message}
      />
      <SubmitButtons change={change} label={t('referralDetail.actions.addSubmit')} />
    </form>
  );
}

/** Completing an action: its result, required (it is what the next person reads). */
export function CompleteActionForm({ action, onReload, onCancel, onDone }: { action: Action; onReload(): Promise<void>; onCancel(): void; onDone(): void }) {
  const { t } = useTranslation();
  const form = useForm<{ result: string }>({ defaultValues: { result: '' }, reValidateMode: 'onSubmit' });
  const change = useFormChange(form, { onReload });
  const [complete] = useMutation(CompleteReferralActionDocument);
  const { setFocus } = form;
  // The form opens under the action's button: the user continues in its only field.
  useEffect(() => {
    setFocus('result');
  }, [setFocus]);

  const submit = change.submit(async ({ result }) => {
    const outcome = await change.run(() => complete({ variables: { id: action.id, version: action.version, input: { result } } }));
    if (outcome.ok) onDone();
  });

  const fieldId = `action-result-${action.id}`;
  return (
    <form className="app-form app-panel" onSubmit={submit} noValidate aria-label={t('referralDetail.actions.completeTitle', { action: action.description })}>
      <ChangeSummary
        change={change}
        notSaved={t('referralDetail.actions.notCompleted')}
        fields={{ result: { id: fieldId, label: t('referralDetail.actions.field.result') } }}
        forbiddenText={t('referralDetail.actions.forbidden')}
        conflictText={t('referralDetail.actions.conflictText')}
      />
      <TextAreaField
        id={fieldId}
        label={t('formCommon.required', { label: t('referralDetail.actions.field.result') })}
        description={t('referralDetail.actions.resultHint')}
        registration={form.register('result')}
        rows={3}
        required
        error={form.formState.errors.result?.message}
      />
      <SubmitButtons change={change} label={t('referralDetail.actions.completeSubmit')} onCancel={onCancel} />
    </form>
  );
}
