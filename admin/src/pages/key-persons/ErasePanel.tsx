import { Button, Heading2, Paragraph } from '@utrecht/component-library-react';
import { useMutation } from '@apollo/client/react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ConfirmPanel } from '../../components/ConfirmPanel';
import { TextAreaField } from '../../components/fields';
import { ProblemSummary } from '../../components/ProblemSummary';
import { useChange } from '../../lib/useChange';
import { EraseKeyPersonDocument } from './documents';

/**
 * Erasure of a key person's personal data (GDPR art. 17, admins): from the record and its whole
 * history, for good — the record stays as an archived tombstone. The reason (the request's
 * reference) is required and recorded; the data itself is not.
 */
export function ErasePanel({ id, name, onErased }: { id: string; name: string; onErased(): Promise<unknown> }) {
  const { t } = useTranslation();
  const change = useChange();
  const [erase] = useMutation(EraseKeyPersonDocument);
  const [reason, setReason] = useState('');
  const [confirming, setConfirming] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const rules = change.problem?.kind === 'fields' ? change.problem.rules : {};
  const fieldError = error ?? (change.problem?.kind === 'fields' && change.problem.fields.reason ? change.fieldMessage(change.problem.fields.reason, rules.reason, 'reason') : null);

  async function confirm() {
    const outcome = await change.run(() => erase({ variables: { id, reason: reason.trim() } }));
    setConfirming(false);
    if (outcome.ok) await onErased();
  }

  return (
    <section aria-labelledby="erase-heading" className="app-archive-panel">
      <Heading2 id="erase-heading">{t('keyPersonErase.title')}</Heading2>
      <Paragraph>{t('keyPersonErase.text')}</Paragraph>
      <TextAreaField id="kp-erase-reason" label={t('keyPersonErase.reason')} description={t('keyPersonErase.reasonHint')} value={reason} onChange={setReason} error={fieldError} rows={2} />
      <ProblemSummary problem={change.problem?.kind === 'fields' ? null : change.problem} notSaved={t('keyPersonErase.notErased')} fieldMessage={(message) => change.fieldMessage(message)} />
      {confirming ? (
        <ConfirmPanel
          question={t('keyPersonErase.question', { name })}
          consequence={t('keyPersonErase.consequence')}
          confirmLabel={t('keyPersonErase.confirm')}
          cancelLabel={t('keyPersonErase.cancel')}
          busy={change.busy}
          onConfirm={() => void confirm()}
          onCancel={() => setConfirming(false)}
        />
      ) : (
        <Button
          appearance="secondary-action-button"
          onClick={() => {
            if (!reason.trim()) {
              setError(t('validation.required'));
              document.getElementById('kp-erase-reason')?.focus();
              return;
            }
            setError(null);
            setConfirming(true);
          }}
        >
          {t('keyPersonErase.start')}
        </Button>
      )}
    </section>
  );
}
