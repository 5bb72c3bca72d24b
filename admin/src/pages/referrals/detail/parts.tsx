import { Alert, Button, ButtonGroup, Paragraph } from '@utrecht/component-library-react';
import { useEffect, useRef, type ReactNode } from 'react';
import type { UseFormRegisterReturn } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { SelectField } from '../../../components/fields';
import { ProblemSummary, type ProblemField } from '../../../components/ProblemSummary';
import { ErrorState, Loading } from '../../../components/States';
import type { ReferralDetailFragment, ReferralStatus } from '../../../gql/graphql';
import { currentLanguage } from '../../../i18n';
import { organisationLabel, type useOrganisationOptions } from '../../../lib/directory';
import { formatDateTime } from '../../../lib/format';
import type { Change } from '../../../lib/useChange';

/** The parts every section of the referral detail page shares. */

export type Referral = ReferralDetailFragment;
export type Action = NonNullable<Referral['actions']>[number];
export type ReferralEvent = NonNullable<Referral['events']>[number];

/** What each section gets: the referral, and how to load its newest version (after a conflict). */
export interface SectionProps {
  referral: Referral;
  onReload(): Promise<void>;
}

/** Why a change was not saved (see ProblemSummary); a conflict or a stale move offers to reload the referral. */
export function ChangeSummary({
  change,
  notSaved,
  fields,
  forbiddenText,
  conflictText,
}: {
  change: Change;
  notSaved: string;
  fields: Record<string, ProblemField>;
  forbiddenText: string;
  conflictText?: string;
}) {
  const { t } = useTranslation();
  const { reload } = change;
  return (
    <ProblemSummary
      problem={change.problem}
      notSaved={notSaved}
      fields={fields}
      fieldMessage={change.fieldMessage}
      forbiddenText={forbiddenText}
      conflictTitle={t('referralDetail.conflictTitle')}
      conflictText={conflictText ?? t('referralDetail.conflictText')}
      onReload={reload && (() => void reload())}
      reloading={change.reloading}
      statusLabel={(s) => t(`referrals.status.${s as ReferralStatus}`)}
    />
  );
}

/** The form's submit button, busy while the change runs; with `onCancel`, a cancel button next to it. */
export function SubmitButtons({ change, label, disabled, onCancel }: { change: Change; label: string; disabled?: boolean; onCancel?(): void }) {
  const { t } = useTranslation();
  const submit = (
    <Button appearance="primary-action-button" type="submit" busy={change.busy} disabled={change.busy || disabled}>
      {label}
    </Button>
  );
  if (!onCancel) return submit;
  return (
    <ButtonGroup>
      {submit}
      <Button appearance="secondary-action-button" onClick={onCancel} disabled={change.busy}>
        {t('formCommon.cancel')}
      </Button>
    </ButtonGroup>
  );
}

/** A required choice of organisation, from every organisation on the map (loaded by the form). */
export function OrganisationSelect({
  organisations,
  id,
  label,
  description,
  registration,
  error,
}: {
  organisations: ReturnType<typeof useOrganisationOptions>;
  id: string;
  label: string;
  description?: string;
  registration: UseFormRegisterReturn;
  error: string | undefined;
}) {
  const { t } = useTranslation();
  if (organisations.loading) return <Loading label={t('referralDetail.loadingOrganisations')} />;
  if (organisations.error) return <ErrorState error={organisations.error} onRetry={organisations.retry} what={t('referralDetail.organisations')} />;
  return (
    <SelectField
      id={id}
      label={t('formCommon.required', { label })}
      description={description}
      registration={registration}
      required
      options={(organisations.organisations ?? []).map((o) => ({ value: o.id, label: organisationLabel(o) }))}
      error={error}
    />
  );
}

/** "date, organisation, person" under a note or a step of the history. */
export function useByLine() {
  const { t, i18n } = useTranslation();
  const language = currentLanguage(i18n.language);
  return (event: Pick<ReferralEvent, 'occurredAt' | 'organisation' | 'actorName'>) =>
    t('referralDetail.byLine', {
      date: formatDateTime(event.occurredAt, language),
      organisation: event.organisation?.name ?? t('common.notRecorded'),
      actor: event.actorName ?? t('common.notRecorded'),
    });
}

/** "Saved" for one section, focused so the result is heard where the user is working. */
export function Saved({ text }: { text: string | null }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (text) ref.current?.focus();
  }, [text]);
  if (!text) return null;
  return (
    <div ref={ref} tabIndex={-1} role="status">
      <Alert type="ok">
        <Paragraph>{text}</Paragraph>
      </Alert>
    </div>
  );
}

export function Fact({ term, children }: { term: string; children: ReactNode }) {
  return (
    <>
      <dt>{term}</dt>
      <dd>{children}</dd>
    </>
  );
}
