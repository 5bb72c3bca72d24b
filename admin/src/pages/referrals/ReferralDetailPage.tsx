import { Alert, Button, ButtonGroup, Heading1, Heading2, Heading3, Paragraph } from '@utrecht/component-library-react';
import { useMutation, useQuery } from '@apollo/client/react';
import { useEffect, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate, useParams } from 'react-router-dom';
import { useViewer } from '../../auth/viewer';
import { AppLink } from '../../components/AppLink';
import { RadioGroup } from '../../components/choices';
import { SelectField, TextAreaField, TextField } from '../../components/fields';
import { usePageTitle } from '../../components/PageTitle';
import { ProblemSummary, type ProblemField } from '../../components/ProblemSummary';
import { ErrorState, Loading } from '../../components/States';
import type { ReferralDetailFragment, ReferralStatus } from '../../gql/graphql';
import { currentLanguage } from '../../i18n';
import { organisationLabel, useOrganisationOptions } from '../../lib/directory';
import { toChangeProblem, useFieldMessage, type ChangeProblem } from '../../lib/problems';
import '../partner-styles';
import { moveKind, TERMINAL_STATUSES } from './options';
import {
  AcceptReferralDocument,
  AddReferralActionDocument,
  AddReferralNoteDocument,
  ChangeReferralStatusDocument,
  CloseReferralDocument,
  CompleteReferralActionDocument,
  DeclineReferralDocument,
  RecordConsentDocument,
  ReferralDetailDocument,
} from './referralDocuments';
import { formatDay, formatMoment, StatusPill, todayIso } from './ui';

type Referral = ReferralDetailFragment;
type Action = NonNullable<Referral['actions']>[number];
type ReferralEvent = NonNullable<Referral['events']>[number];

/**
 * A change in flight: its problem and whether it runs; `run` says whether it succeeded. `reload`
 * loads the newest referral (after a conflict) and then drops the problem — also when loading
 * failed, unless `keepProblemIfReloadFails`.
 */
function useChange(onReload: () => Promise<void>, { keepProblemIfReloadFails = false } = {}) {
  const fieldMessage = useFieldMessage();
  const [problem, setProblem] = useState<ChangeProblem | null>(null);
  const [busy, setBusy] = useState(false);
  const [reloading, setReloading] = useState(false);
  async function run(change: () => Promise<unknown>): Promise<boolean> {
    setBusy(true);
    try {
      await change();
      setProblem(null);
      return true;
    } catch (error) {
      setProblem(toChangeProblem(error));
      return false;
    } finally {
      setBusy(false);
    }
  }
  async function reload() {
    setReloading(true);
    let reloaded = false;
    try {
      await onReload();
      reloaded = true;
    } finally {
      setReloading(false);
      if (reloaded || !keepProblemIfReloadFails) setProblem(null);
    }
  }
  /** The API's message on the first of these inputs that has one, in the user's language. */
  function fieldError(...names: string[]): string | null {
    const fields = problem?.kind === 'fields' ? problem.fields : {};
    const name = names.find((n) => fields[n]);
    return name ? fieldMessage(fields[name]) : null;
  }
  return { problem, busy, run, reloading, reload, fieldError, fieldMessage };
}

type Change = ReturnType<typeof useChange>;

/** Why a change was not saved (see ProblemSummary); a conflict or a stale move offers to reload the referral. */
function ChangeSummary({
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
  return (
    <ProblemSummary
      problem={change.problem}
      notSaved={notSaved}
      fields={fields}
      fieldMessage={change.fieldMessage}
      forbiddenText={forbiddenText}
      conflictTitle={t('referralDetail.conflictTitle')}
      conflictText={conflictText ?? t('referralDetail.conflictText')}
      onReload={() => void change.reload()}
      reloading={change.reloading}
      statusLabel={(s) => t(`referrals.status.${s as ReferralStatus}`)}
    />
  );
}

/** The form's submit button, busy while the change runs; with `onCancel`, a cancel button next to it. */
function SubmitButtons({ change, label, disabled, onCancel }: { change: Change; label: string; disabled?: boolean; onCancel?(): void }) {
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
function OrganisationSelect({
  organisations,
  id,
  label,
  description,
  value,
  onChange,
  error,
}: {
  organisations: ReturnType<typeof useOrganisationOptions>;
  id: string;
  label: string;
  description?: string;
  value: string;
  onChange(value: string): void;
  error: string | null;
}) {
  const { t } = useTranslation();
  if (organisations.loading) return <Loading label={t('referralDetail.loadingOrganisations')} />;
  if (organisations.error) return <ErrorState error={organisations.error} onRetry={organisations.retry} what={t('referralDetail.organisations')} />;
  return (
    <SelectField
      id={id}
      label={t('formCommon.required', { label })}
      description={description}
      value={value}
      onChange={onChange}
      required
      options={(organisations.organisations ?? []).map((o) => ({ value: o.id, label: organisationLabel(o) }))}
      error={error}
    />
  );
}

/** "date, organisation, person" under a note or a step of the history. */
function useByLine() {
  const { t, i18n } = useTranslation();
  const language = currentLanguage(i18n.language);
  return (event: Pick<ReferralEvent, 'occurredAt' | 'organisation' | 'actorName'>) =>
    t('referralDetail.byLine', {
      date: formatMoment(event.occurredAt, language),
      organisation: event.organisation?.name ?? t('common.notRecorded'),
      actor: event.actorName ?? t('common.notRecorded'),
    });
}

/** "Saved" for one section, focused so the result is heard where the user is working. */
function Saved({ text }: { text: string | null }) {
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

/** /verwijzingen/:dossier: one referral with its parties, consent, next steps, actions, notes and history. */
export function ReferralDetailPage() {
  const { dossier = '' } = useParams();
  const { t } = useTranslation();
  const location = useLocation();
  const navigate = useNavigate();
  // "Created" once: the notice stays while the page is open, not after a reload or a visit later.
  const [created] = useState((location.state as { created?: boolean } | null)?.created === true);
  useEffect(() => {
    if (created) navigate(location.pathname, { replace: true, state: null });
  }, [created, navigate, location.pathname]);
  const { data, loading, error, refetch } = useQuery(ReferralDetailDocument, { variables: { dossierNumber: dossier }, fetchPolicy: 'cache-and-network' });
  const referral = data?.referral;
  usePageTitle(referral ? t('referralDetail.title', { dossier: referral.dossierNumber }) : data ? t('referralDetail.notFound') : t('referralDetail.titleGeneric'));

  const back = (
    <Paragraph>
      <AppLink to="/verwijzingen">{t('referralDetail.backToList')}</AppLink>
    </Paragraph>
  );
  if (loading && !data) return <Loading label={t('referralDetail.loading')} />;
  if (error && !data) {
    return (
      <>
        {back}
        <Heading1>{t('referralDetail.titleGeneric')}</Heading1>
        <ErrorState error={error} onRetry={() => void refetch()} what={t('referralDetail.what', { dossier })} />
      </>
    );
  }
  if (!referral) {
    return (
      <>
        {back}
        <Heading1>{t('referralDetail.notFound')}</Heading1>
        <Paragraph>{t('referralDetail.notFoundText', { dossier })}</Paragraph>
      </>
    );
  }

  const reload = async () => {
    await refetch();
  };

  return (
    <>
      {back}
      <Heading1>{t('referralDetail.title', { dossier: referral.dossierNumber })}</Heading1>
      <Paragraph>
        {t('referralDetail.statusNow')} <StatusPill status={referral.status} />
      </Paragraph>
      {created && (
        <Alert type="ok">
          <Paragraph>{t('referralDetail.created', { dossier: referral.dossierNumber })}</Paragraph>
        </Alert>
      )}
      {referral.contentVisible ? (
        <ReferralContent referral={referral} onReload={reload} />
      ) : (
        <>
          <Alert type="info">
            <Paragraph>{t('referralDetail.metadataOnly')}</Paragraph>
          </Alert>
          <Moves referral={referral} onReload={reload} />
        </>
      )}
    </>
  );
}

function Fact({ term, children }: { term: string; children: ReactNode }) {
  return (
    <>
      <dt>{term}</dt>
      <dd>{children}</dd>
    </>
  );
}

function ReferralContent({ referral, onReload }: { referral: Referral; onReload(): Promise<void> }) {
  const { t, i18n } = useTranslation();
  const language = currentLanguage(i18n.language);
  const { viewer } = useViewer();
  const ownId = viewer?.organisation?.id;
  const open = !TERMINAL_STATUSES.includes(referral.status);
  const parties = [
    referral.referringOrganisation?.id === ownId ? t('referralDetail.party.REFERRER') : null,
    referral.receivingOrganisation?.id === ownId ? t('referralDetail.party.RECEIVER') : null,
  ].filter(Boolean);
  const none = t('common.notRecorded');

  return (
    <>
      <section aria-labelledby="referral-facts" className="app-section">
        <Heading2 id="referral-facts">{t('referralDetail.facts')}</Heading2>
        <dl className="app-facts">
          <Fact term={t('referral.dossierNumber')}>{referral.dossierNumber}</Fact>
          <Fact term={t('referral.referrer')}>{referral.referringOrganisation?.name ?? none}</Fact>
          <Fact term={t('referral.receiver')}>{referral.receivingOrganisation?.name ?? t('referral.noReceiver')}</Fact>
          <Fact term={t('referral.network')}>{referral.network?.name ?? t('common.none')}</Fact>
          <Fact term={t('referralDetail.yourRole')}>{parties.length > 0 ? parties.join(', ') : t('referralDetail.party.MEMBER')}</Fact>
          <Fact term={t('referral.area')}>{referral.area?.name ?? none}</Fact>
          {referral.service && <Fact term={t('referral.service')}>{referral.service.name}</Fact>}
          <Fact term={t('referral.openedAt')}>{referral.openedAt ? formatMoment(referral.openedAt, language) : none}</Fact>
          {referral.closedAt && <Fact term={t('referral.closedAt')}>{formatMoment(referral.closedAt, language)}</Fact>}
          {referral.status === 'CLOSED' && <Fact term={t('referral.problemOwner')}>{referral.problemOwnerOrganisation?.name ?? none}</Fact>}
          {referral.outcome && (
            <Fact term={t('referral.outcome')}>
              <span className="app-summary-text">{referral.outcome}</span>
            </Fact>
          )}
          {referral.declineReason && (
            <Fact term={t('referral.declineReason')}>
              <span className="app-summary-text">{referral.declineReason}</span>
            </Fact>
          )}
          <Fact term={t('referral.lifeDomains')}>
            {referral.lifeDomains && referral.lifeDomains.length > 0 ? referral.lifeDomains.map((d) => t(`referrals.lifeDomain.${d}`)).join(', ') : none}
          </Fact>
          <Fact term={t('referral.targetGroups')}>
            {referral.targetGroups && referral.targetGroups.length > 0
              ? referral.targetGroups.map((g) => (language === 'en' && g.nameEn ? g.nameEn : g.nameNl)).join(', ')
              : none}
          </Fact>
        </dl>
        <Heading3>{t('referral.summary')}</Heading3>
        <Paragraph className="app-summary-text">{referral.summary ?? t('referralDetail.noSummary')}</Paragraph>
      </section>

      <Moves referral={referral} onReload={onReload} />

      <ConsentSection referral={referral} ownId={ownId} onReload={onReload} />

      <ActionsSection referral={referral} open={open} onReload={onReload} />

      <NotesSection referral={referral} open={open} onReload={onReload} />

      <Timeline events={referral.events ?? []} />
    </>
  );
}

// Moves through the transition table ------------------------------------------------------------

function Moves({ referral, onReload }: { referral: Referral; onReload(): Promise<void> }) {
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

function MoveForm({ referral, to, onCancel, onDone, onReload }: { referral: Referral; to: ReferralStatus; onCancel(): void; onDone(text: string): void; onReload(): Promise<void> }) {
  const { t } = useTranslation();
  const { viewer } = useViewer();
  const kind = moveKind(referral.status, to);
  const [note, setNote] = useState('');
  const [owner, setOwner] = useState(viewer?.organisation?.id ?? '');
  const change = useChange(onReload, { keepProblemIfReloadFails: true });
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
  const variables = { id: referral.id, version: referral.version };

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const ok = await change.run(async () => {
      if (kind === 'accept') await accept({ variables: { ...variables, input: { note: note.trim() || null } } });
      else if (kind === 'decline') await decline({ variables: { ...variables, input: { reason: note } } });
      else if (kind === 'close') await close({ variables: { ...variables, input: { outcome: note, problemOwnerOrganisationId: owner } } });
      else await changeStatus({ variables: { ...variables, input: { to, note: note.trim() || null } } });
    });
    if (ok) onDone(t('referralDetail.moves.done', { status: statusLabel(to) }));
  }

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
        }}
        forbiddenText={t('referralDetail.moves.forbidden')}
      />
      <TextAreaField
        id="move-note"
        label={kind === 'decline' || kind === 'close' ? t('formCommon.required', { label: noteLabel }) : noteLabel}
        description={t(`referralDetail.moves.hint.${noteField}`)}
        value={note}
        onChange={setNote}
        rows={4}
        required={kind === 'decline' || kind === 'close'}
        error={change.fieldError(noteField, 'note')}
      />
      {kind === 'close' && (
        <OrganisationSelect
          organisations={organisations}
          id="move-owner"
          label={t('referralDetail.moves.field.problemOwner')}
          description={t('referralDetail.moves.hint.problemOwner')}
          value={owner}
          onChange={setOwner}
          error={change.fieldError('problemOwnerOrganisationId')}
        />
      )}
      <SubmitButtons change={change} label={t('referralDetail.moves.confirm', { action: title })} onCancel={onCancel} />
    </form>
  );
}

// Consent -----------------------------------------------------------------------------------------

function consentState(referral: Referral): 'notRecorded' | 'refused' | 'network' | 'receiver' {
  const consent = referral.consent;
  if (!consent || !consent.recordedAt) return 'notRecorded';
  if (!consent.given) return 'refused';
  return consent.scope === 'NETWORK' ? 'network' : 'receiver';
}

function ConsentSection({ referral, ownId, onReload }: { referral: Referral; ownId: string | undefined; onReload(): Promise<void> }) {
  const { t, i18n } = useTranslation();
  const language = currentLanguage(i18n.language);
  const mayRecord =
    !TERMINAL_STATUSES.includes(referral.status) && Boolean(ownId) && (referral.referringOrganisation?.id === ownId || referral.receivingOrganisation?.id === ownId);
  const current = referral.consent?.recordedAt ? (referral.consent.given ? (referral.consent.scope ?? 'RECEIVER') : 'REFUSED') : '';
  const [value, setValue] = useState<string>(current);
  const [editing, setEditing] = useState(false);
  const [saved, setSaved] = useState<string | null>(null);
  const change = useChange(onReload);
  const [record] = useMutation(RecordConsentDocument);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const input = value === 'REFUSED' ? { given: false } : value === 'NETWORK' ? { given: true, scope: 'NETWORK' as const } : { given: true, scope: 'RECEIVER' as const };
    const ok = await change.run(() => record({ variables: { id: referral.id, version: referral.version, input } }));
    if (ok) {
      setEditing(false);
      setSaved(t('referralDetail.consent.saved'));
    }
  }

  const options = [
    { value: 'REFUSED', label: t('referralDetail.consent.option.REFUSED') },
    { value: 'RECEIVER', label: t('referralDetail.consent.option.RECEIVER') },
    ...(referral.network ? [{ value: 'NETWORK', label: t('referralDetail.consent.option.NETWORK') }] : []),
  ];

  return (
    <section aria-labelledby="referral-consent" className="app-section">
      <Heading2 id="referral-consent">{t('referralDetail.consent.title')}</Heading2>
      <Saved text={saved} />
      <Paragraph>{t(`referralDetail.consent.${consentState(referral)}`)}</Paragraph>
      {referral.consent?.recordedAt && (
        <Paragraph className="app-small app-muted">
          {t('referralDetail.consent.recorded', {
            date: formatMoment(referral.consent.recordedAt, language),
            by: referral.consent.recordedBy ?? t('referralDetail.consent.bySystem'),
          })}
        </Paragraph>
      )}
      {mayRecord && !editing && (
        <Button
          appearance="secondary-action-button"
          aria-expanded={false}
          onClick={() => {
            setSaved(null);
            setValue(current || 'RECEIVER');
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
          <RadioGroup
            id="consent-choice"
            legend={t('referralDetail.consent.legend')}
            value={value}
            onChange={setValue}
            options={options}
            error={change.fieldError('scope')}
          />
          <SubmitButtons change={change} label={t('referralDetail.consent.save')} disabled={!value} onCancel={() => setEditing(false)} />
        </form>
      )}
    </section>
  );
}

// Actions (werkafspraken) -------------------------------------------------------------------------

function ActionState({ action }: { action: Action }) {
  const { t, i18n } = useTranslation();
  const language = currentLanguage(i18n.language);
  if (action.completedAt) return <span className="app-status app-status--done">{t('referralDetail.actions.doneOn', { date: formatMoment(action.completedAt, language) })}</span>;
  if (action.overdue) return <span className="app-status app-status--overdue">{t('referralDetail.actions.overdue')}</span>;
  return <span className="app-status">{t('referralDetail.actions.open')}</span>;
}

function ActionsSection({ referral, open, onReload }: { referral: Referral; open: boolean; onReload(): Promise<void> }) {
  const { t, i18n } = useTranslation();
  const language = currentLanguage(i18n.language);
  const actions = referral.actions ?? [];
  const canWork = open && referral.status !== 'SIGNALLED';
  const [completing, setCompleting] = useState<Action | null>(null);
  const [saved, setSaved] = useState<string | null>(null);

  return (
    <section aria-labelledby="referral-actions" className="app-section">
      <Heading2 id="referral-actions">{t('referralDetail.actions.title')}</Heading2>
      <Saved text={saved} />
      {actions.length === 0 ? (
        <Paragraph className="app-muted">{t('referralDetail.actions.empty')}</Paragraph>
      ) : (
        <ul className="app-notes">
          {actions.map((action) => (
            <li key={action.id}>
              <Paragraph>
                <strong>{action.description}</strong>
              </Paragraph>
              <Paragraph className="app-small">
                {t('referralDetail.actions.line', {
                  organisation: action.assignedOrganisation?.name ?? t('common.notRecorded'),
                  date: formatDay(action.dueOn, language),
                })}{' '}
                <ActionState action={action} />
              </Paragraph>
              {action.result && (
                <Paragraph className="app-summary-text">
                  {t('referralDetail.actions.result')}: {action.result}
                </Paragraph>
              )}
              {canWork && !action.completedAt && completing?.id !== action.id && (
                <Button aria-label={`${t('referralDetail.actions.complete')}: ${action.description}`}
                  appearance="secondary-action-button"
                  onClick={() => {
                    setSaved(null);
                    setCompleting(action);
                  }}
                >
                  {t('referralDetail.actions.complete')}
                </Button>
              )}
              {completing?.id === action.id && (
                <CompleteActionForm
                  action={action}
                  onReload={onReload}
                  onCancel={() => setCompleting(null)}
                  onDone={() => {
                    setCompleting(null);
                    setSaved(t('referralDetail.actions.completed'));
                  }}
                />
              )}
            </li>
          ))}
        </ul>
      )}
      {referral.status === 'SIGNALLED' && <Paragraph className="app-muted">{t('referralDetail.actions.afterAccept')}</Paragraph>}
      {canWork && <AddActionForm referral={referral} onReload={onReload} onDone={() => setSaved(t('referralDetail.actions.added'))} />}
    </section>
  );
}

function AddActionForm({ referral, onReload, onDone }: { referral: Referral; onReload(): Promise<void>; onDone(): void }) {
  const { t, i18n } = useTranslation();
  const language = currentLanguage(i18n.language);
  const { viewer } = useViewer();
  const organisations = useOrganisationOptions();
  const [description, setDescription] = useState('');
  const [assigned, setAssigned] = useState(viewer?.organisation?.id ?? '');
  const [dueOn, setDueOn] = useState('');
  const change = useChange(onReload);
  const [add] = useMutation(AddReferralActionDocument);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const ok = await change.run(() =>
      add({ variables: { id: referral.id, version: referral.version, input: { description, assignedOrganisationId: assigned, dueOn: dueOn || null } } }),
    );
    if (ok) {
      setDescription('');
      setDueOn('');
      onDone();
    }
  }

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
        value={description}
        onChange={setDescription}
        rows={3}
        required
        error={change.fieldError('description')}
      />
      <OrganisationSelect
        organisations={organisations}
        id="action-organisation"
        label={t('referralDetail.actions.field.organisation')}
        value={assigned}
        onChange={setAssigned}
        error={change.fieldError('assignedOrganisationId')}
      />
      <TextField
        id="action-due"
        type="date"
        label={t('referralDetail.actions.field.dueOn')}
        description={t('referralDetail.actions.dueHint', { today: formatDay(todayIso(), language) })}
        value={dueOn}
        onChange={setDueOn}
        error={change.fieldError('dueOn')}
      />
      <SubmitButtons change={change} label={t('referralDetail.actions.addSubmit')} />
    </form>
  );
}

function CompleteActionForm({ action, onReload, onCancel, onDone }: { action: Action; onReload(): Promise<void>; onCancel(): void; onDone(): void }) {
  const { t } = useTranslation();
  const [result, setResult] = useState('');
  const change = useChange(onReload);
  const [complete] = useMutation(CompleteReferralActionDocument);
  const ref = useRef<HTMLTextAreaElement>(null);
  useEffect(() => {
    ref.current?.focus();
  }, []);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const ok = await change.run(() => complete({ variables: { id: action.id, version: action.version, input: { result } } }));
    if (ok) onDone();
  }

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
        inputRef={ref}
        label={t('formCommon.required', { label: t('referralDetail.actions.field.result') })}
        description={t('referralDetail.actions.resultHint')}
        value={result}
        onChange={setResult}
        rows={3}
        required
        error={change.fieldError('result')}
      />
      <SubmitButtons change={change} label={t('referralDetail.actions.completeSubmit')} onCancel={onCancel} />
    </form>
  );
}

// Notes ---------------------------------------------------------------------------------------------

function NotesSection({ referral, open, onReload }: { referral: Referral; open: boolean; onReload(): Promise<void> }) {
  const { t } = useTranslation();
  const byLine = useByLine();
  const notes = (referral.events ?? []).filter((event) => event.type === 'NOTE_ADDED');
  const [text, setText] = useState('');
  const [saved, setSaved] = useState<string | null>(null);
  const change = useChange(onReload);
  const [add] = useMutation(AddReferralNoteDocument);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const ok = await change.run(() => add({ variables: { id: referral.id, version: referral.version, input: { text } } }));
    if (ok) {
      setText('');
      setSaved(t('referralDetail.notes.added'));
    }
  }

  return (
    <section aria-labelledby="referral-notes" className="app-section">
      <Heading2 id="referral-notes">{t('referralDetail.notes.title')}</Heading2>
      <Saved text={saved} />
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
            value={text}
            onChange={setText}
            rows={3}
            required
            error={change.fieldError('text')}
          />
          <SubmitButtons change={change} label={t('referralDetail.notes.submit')} />
        </form>
      )}
    </section>
  );
}

// History -------------------------------------------------------------------------------------------

/** The event's title: what happened, in words. */
function EventTitle({ event }: { event: ReferralEvent }) {
  const { t } = useTranslation();
  if (event.type === 'STATUS_CHANGED' && event.toStatus) return <>{t('referralDetail.history.statusChanged', { status: t(`referrals.status.${event.toStatus}`) })}</>;
  if (event.type === 'CONSENT_RECORDED') {
    const scope = event.data.given !== true ? 'REFUSED' : event.data.scope === 'NETWORK' ? 'NETWORK' : 'RECEIVER';
    return <>{t(`referralDetail.history.consent.${scope}`)}</>;
  }
  return <>{t(`referrals.event.${event.type}`)}</>;
}

function Timeline({ events }: { events: readonly ReferralEvent[] }) {
  const { t } = useTranslation();
  const byLine = useByLine();
  return (
    <section aria-labelledby="referral-history" className="app-section">
      <Heading2 id="referral-history">{t('referralDetail.history.title')}</Heading2>
      {events.length === 0 ? (
        <Paragraph className="app-muted">{t('referralDetail.history.empty')}</Paragraph>
      ) : (
        <ol className="app-timeline" aria-label={t('referralDetail.history.list')}>
          {events.map((event) => (
            <li key={event.id} className="app-timeline__item">
              <p className="app-timeline__title">
                <EventTitle event={event} />
              </p>
              <p className="app-timeline__meta app-small app-muted">
                {byLine(event)}
                {event.fromStatus && event.toStatus && (
                  <> · {t('referralDetail.history.move', { from: t(`referrals.status.${event.fromStatus}`), to: t(`referrals.status.${event.toStatus}`) })}</>
                )}
              </p>
              {event.note && <p className="app-timeline__note">{event.note}</p>}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
