import { useTranslation } from 'react-i18next';
import type { ChangeProblem } from '../lib/problems';
import { TextAreaField } from './fields';

/**
 * The motivation every proposal carries (modules/proposal): why the organisation proposes it,
 * for the curator who decides. Required; the API's problem with it is shown under the field.
 * One field for every form's propose mode (organisations, locations, services, key persons).
 */
export function MotivationField({ id, value, onChange, problem }: { id: string; value: string; onChange(value: string): void; problem: ChangeProblem | null | undefined }) {
  const { t } = useTranslation();
  return (
    <TextAreaField
      id={id}
      label={t('recordForm.required', { label: t('proposal.motivation') })}
      description={t('proposal.motivationHint')}
      value={value}
      onChange={onChange}
      rows={3}
      required
      error={problem?.kind === 'fields' ? problem.fields.motivation : undefined}
    />
  );
}
