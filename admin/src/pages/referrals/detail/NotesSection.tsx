import { Heading2, Heading3, Paragraph } from '@utrecht/component-library-react';
import { useMutation } from '@apollo/client/react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { TextAreaField } from '../../../components/fields';
import { useFormChange } from '../../../lib/useFormChange';
import { TERMINAL_STATUSES } from '../options';
import { AddReferralNoteDocument } from '../referralDocuments';
import { ChangeSummary, Saved, SubmitButtons, useByLine, type SectionProps } from './parts';

/** The notes the parties wrote, and a new one while the referral is open. */
export function NotesSection({ referral, onReload }: SectionProps) {
  const { t } = useTranslation();
  const byLine = useByLine();
  const notes = (referral.events ?? []).filter((event) => event.type === 'NOTE_ADDED');
  const open = !TERMINAL_STATUSES.includes(referral.status);
  const form = useForm<{ text: string }>({ defaultValues: { text: '' }, reValidateMode: 'onSubmit' });
  const change = useFormChange(form, { onReload });
  const [add] = useMutation(AddReferralNoteDocument);

  const submit = change.submit(async ({ text }) => {
    const outcome = await change.run(() => add({ variables: { id: referral.id, version: referral.version, input: { text } } }), { notice: t('referralDetail.notes.added') });
    if (outcome.ok) form.reset();
  });

  return (
    <section aria-labelledby="referral-notes" className="app-section">
      <Heading2 id="referral-notes">{t('referralDetail.notes.title')}</Heading2>
      <Saved text={change.notice} />
      {notes.length === 0 ? (
        <Paragraph className="app-muted">{t('referralDetail.notes.empty')}</Paragraph>
      ) : (
        <ul className="app-notes">
          {notes.map((note) => (
            <li key={note.id}>
              <Paragraph className="app-small app-muted">{byLine(note)}</Paragraph>
              <Paragraph className="app-summary-text">{note.note}</Paragraph>
            </li>
          ))}
        </ul>
      )}
      {open && (
        <form className="app-form app-panel" onSubmit={submit} noValidate aria-labelledby="add-note-title" aria-busy={change.busy || undefined}>
          <Heading3 id="add-note-title">{t('referralDetail.notes.add')}</Heading3>
          <ChangeSummary
            change={change}
            notSaved={t('referralDetail.notes.notSaved')}
            fields={{ text: { id: 'note-text', label: t('referralDetail.notes.field') } }}
            forbiddenText={t('referralDetail.notes.forbidden')}
          />
          <TextAreaField
            id="note-text"
            label={t('formCommon.required', { label: t('referralDetail.notes.field') })}
            description={t('referralDetail.notes.hint')}
            registration={form.register('text')}
            rows={3}
            required
            error={form.formState.errors.text?.message}
          />
          <SubmitButtons change={change} label={t('referralDetail.notes.submit')} />
        </form>
      )}
    </section>
  );
}
