import { Button, ButtonGroup, Checkbox, FormField, FormLabel, Heading2, Heading3, Paragraph } from '@utrecht/component-library-react';
import { useMutation } from '@apollo/client/react';
import { useEffect, useRef, useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { useViewer } from '../../../auth/viewer';
import { TextAreaField, TextField } from '../../../components/fields';
import type { ReferralStatus } from '../../../gql/graphql';
import { useOrganisationOptions } from '../../../lib/directory';
import { useFormChange } from '../../../lib/useFormChange';
import { moveKind, TERMINAL_STATUSES } from '../options';
import { AcceptReferralDocument, ChangeReferralStatusDocument, CloseReferralDocument, DeclineReferralDocument } from '../referralDocuments';
import { ChangeSummary, OrganisationSelect, Saved, SubmitButtons, type Referral, type SectionProps } from './parts';

/** The moves the API allows this organisation now (`availableTransitions`), each with its own form. */
export function MovesSection({ referral, onReload }: SectionProps) {
  const { t } = useTranslation();
  const [chosen, setChosen] = useState<ReferralStatus | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const moves = referral.availableTransitions;
  const terminal = TERMINAL_STATUSES.includes(referral.status);
  const statusLabel = (status: string) => t(`referrals.status.${status as ReferralStatus}`);

  return (
    <section aria-labelledby="referral-moves" className="app-section">
      <Heading2 id="referral-moves">{t('referralDetail.moves.title')}</Heading2>
      <Saved text={saved} />
      {moves.length === 0 ? (
        <Paragraph>{terminal ? t('referralDetail.moves.ended', { status: statusLabel(referral.status) }) : t('referralDetail.moves.none')}</Paragraph>
      ) : (
        <div className="app-moves">
          <Paragraph>{t('referralDetail.moves.intro')}</Paragraph>
          <ButtonGroup>
            {moves.map((to) => {
              const kind = moveKind(referral.status, to);
              const label = kind === 'accept' ? t('referralDetail.moves.accept') : t(`referralDetail.moves.to.${to}`);
              const backward = to === 'DECLINED' || to === 'WITHDRAWN';
              return (
                <Button
                  key={to}
                  appearance={backward ? 'secondary-action-button' : 'primary-action-button'}
                  pressed={chosen === to ? true : undefined}
                  aria-expanded={chosen === to}
                  onClick={() => {
                    setSaved(null);
                    setChosen(chosen === to ? null : to);
                  }}
                >
                  {label}
                </Button>
              );
            })}
          </ButtonGroup>
          {chosen && moves.includes(chosen) && (
            <MoveForm
              key={chosen}
              referral={referral}
              to={chosen}
              onCancel={() => setChosen(null)}
              onReload={onReload}
              onDone={(text) => {
                setChosen(null);
                setSaved(text);
              }}
            />
          )}
        </div>
      )}
    </section>
  );
}

interface MoveValues {
  /** The note, the reason of a decline or the outcome of a close: one text field, asked per move. */
  note: string;
  problemOwnerOrganisationId: string;
  /** Step 5 (§3.7): stay alert, when to look again, what we learned. */
  stayAlert: boolean;
  lookAgainOn: string;
  lessonsLearned: string;
}

function MoveForm({ referral, to, onCancel, onDone, onReload }: { referral: Referral; to: ReferralStatus; onCancel(): void; onDone(text: string): void; onReload(): Promise<void> }) {
  const { t } = useTranslation();
  const { viewer } = useViewer();
  const kind = moveKind(referral.status, to);
  const form = useForm<MoveValues>({
    defaultValues: { note: '', problemOwnerOrganisationId: viewer?.organisation?.id ?? '', stayAlert: false, lookAgainOn: '', lessonsLearned: '' },
    reValidateMode: 'onSubmit',
  });
  const stayAlert = form.watch('stayAlert');
  const { errors } = form.formState;
  // The API names the text after the move (reason, outcome); the form has one field for it.
  const change = useFormChange(form, { onReload, keepProblemIfReloadFails: true, aliases: { reason: 'note', outcome: 'note' } });
  const organisations = useOrganisationOptions();
  const [accept] = useMutation(AcceptReferralDocument);
  const [decline] = useMutation(DeclineReferralDocument);
  const [changeStatus] = useMutation(ChangeReferralStatusDocument);
  const [close] = useMutation(CloseReferralDocument);
  const headingRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    headingRef.current?.focus();
  }, []);

  const statusLabel = (status: string) => t(`referrals.status.${status as ReferralStatus}`);
  const title = kind === 'accept' ? t('referralDetail.moves.accept') : t(`referralDetail.moves.to.${to}`);
  const noteField = kind === 'decline' ? 'reason' : kind === 'close' ? 'outcome' : 'note';
  const noteLabel = t(`referralDetail.moves.field.${noteField}`);
  const required = kind === 'decline' || kind === 'close';

  const submit = change.submit(async ({ note, problemOwnerOrganisationId, stayAlert, lookAgainOn, lessonsLearned }) => {
    const variables = { id: referral.id, version: referral.version };
    const outcome = await change.run(async () => {
      if (kind === 'accept') await accept({ variables: { ...variables, input: { note: note.trim() || null } } });
      else if (kind === 'decline') await decline({ variables: { ...variables, input: { reason: note } } });
      else if (kind === 'close') {
        const step5 = { stayAlert, lookAgainOn: stayAlert && lookAgainOn ? lookAgainOn : null, lessonsLearned: lessonsLearned.trim() || null };
        await close({ variables: { ...variables, input: { outcome: note, problemOwnerOrganisationId, ...step5 } } });
      }
      else await changeStatus({ variables: { ...variables, input: { to, note: note.trim() || null } } });
    });
    if (outcome.ok) onDone(t('referralDetail.moves.done', { status: statusLabel(to) }));
  });

  return (
    <form className="app-form app-panel" onSubmit={submit} noValidate aria-labelledby="move-form-title" aria-busy={change.busy || undefined}>
      <Heading3 id="move-form-title" ref={headingRef} tabIndex={-1}>
        {title}
      </Heading3>
      <Paragraph>{t(`referralDetail.moves.explain.${kind}`, { from: statusLabel(referral.status), to: statusLabel(to) })}</Paragraph>
      <ChangeSummary
        change={change}
        notSaved={t('referralDetail.moves.notSaved')}
        fields={{
          [noteField]: { id: 'move-note', label: noteLabel },
          note: { id: 'move-note', label: noteLabel },
          problemOwnerOrganisationId: { id: 'move-owner', label: t('referralDetail.moves.field.problemOwner') },
          lookAgainOn: { id: 'move-look-again', label: t('referralDetail.moves.field.lookAgainOn') },
          lessonsLearned: { id: 'move-lessons', label: t('referralDetail.moves.field.lessonsLearned') },
        }}
        forbiddenText={t('referralDetail.moves.forbidden')}
      />
      <TextAreaField
        id="move-note"
        label={required ? t('formCommon.required', { label: noteLabel }) : noteLabel}
        description={t(`referralDetail.moves.hint.${noteField}`)}
        registration={form.register('note')}
        rows={4}
        required={required}
        error={errors.note?.message}
      />
      {kind === 'close' && (
        <OrganisationSelect
          organisations={organisations}
          id="move-owner"
          label={t('referralDetail.moves.field.problemOwner')}
          description={t('referralDetail.moves.hint.problemOwner')}
          registration={form.register('problemOwnerOrganisationId')}
          error={errors.problemOwnerOrganisationId?.message}
        />
      )}
      {kind === 'close' && (
        <>
          <FormField type="checkbox" className="utrecht-form-field--distanced">
            <Checkbox id="move-stay-alert" {...form.register('stayAlert')} />
            <FormLabel htmlFor="move-stay-alert" type="checkbox" checked={stayAlert}>
              {t('referralDetail.moves.field.stayAlert')}
            </FormLabel>
          </FormField>
          {stayAlert && (
            <TextField
              id="move-look-again"
              type="date"
              label={t('referralDetail.moves.field.lookAgainOn')}
              description={t('referralDetail.moves.hint.lookAgainOn')}
              registration={form.register('lookAgainOn')}
              error={errors.lookAgainOn?.message}
            />
          )}
          <TextAreaField
            id="move-lessons"
            label={t('referralDetail.moves.field.lessonsLearned')}
            description={t('referralDetail.moves.hint.lessonsLearned')}
            registration={form.register('lessonsLearned')}
            rows={3}
            error={errors.lessonsLearned?.message}
          />
        </>
      )}
      <SubmitButtons change={change} label={t('referralDetail.moves.confirm', { action: title })} onCancel={onCancel} />
    </form>
  );
}
