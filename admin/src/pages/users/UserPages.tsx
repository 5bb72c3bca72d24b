import { Alert, Button, ButtonGroup, Heading1, Heading2, Paragraph } from '@utrecht/component-library-react';
import { useApolloClient, useMutation, useQuery } from '@apollo/client/react';
import { useCallback, useState } from 'react';
import { Controller } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { Route, Routes, useLocation, useNavigate, useParams } from 'react-router-dom';
import { useViewer } from '../../auth/viewer';
import { AppLink } from '../../components/AppLink';
import { ComboboxField, MultiComboboxField } from '../../components/Combobox';
import { ConfirmPanel } from '../../components/ConfirmPanel';
import { SelectField, TextField } from '../../components/fields';
import { usePageTitle } from '../../components/PageTitle';
import { ProblemSummary } from '../../components/ProblemSummary';
import { FormSection, RecordNoticeBlock, RecordPageState, RecordProblem, SaveButton, useRecordForm, type RecordNotice } from '../../components/RecordForm';
import { SecretOnce } from '../../components/SecretOnce';
import type { InviteUserInput, UpdateUserInput, UserFormFieldsFragment, UserRole } from '../../gql/graphql';
import { currentLanguage } from '../../i18n';
import { formatDateTime } from '../../lib/format';
import { useAreaPicker, useOrganisationPicker } from '../../lib/pickers';
import { formValuesOf, type FieldSpec, type FormValues } from '../../lib/recordForm';
import { useChange } from '../../lib/useChange';
import '../../partner-styles';
import { UsersPage } from './UsersPage';
import { InviteUserDocument, ResetUserPasswordDocument, SetUserStatusDocument, UpdateUserDocument, UserDocument } from './documents';

/*
 * A user account's pages (admins only): the invitation of a new account and an account's own
 * page — name, role and what the role works for (the organisation of an ORGANISATION user, the
 * areas of a MUNICIPALITY user), deactivate/reactivate, a new password, the last sign-in. The API
 * makes every password; it is mailed to the person or shown here once (SecretOnce).
 */

const ROLES: readonly UserRole[] = ['ADMIN', 'MUNICIPALITY', 'ORGANISATION'];
const EDIT_SPEC: FieldSpec = { displayName: 'requiredText', role: 'choice', organisationId: 'reference', areas: 'references' };
const NEW_SPEC: FieldSpec = { email: 'requiredText', ...EDIT_SPEC };
type Field = 'email' | 'displayName' | 'role' | 'organisationId' | 'areas';

function userValues(user: UserFormFieldsFragment): FormValues {
  return formValuesOf(EDIT_SPEC, { ...user, organisationId: user.organisation?.id ?? '', areas: user.areas.map((a) => a.id) });
}

/**
 * A change of role, organisation or areas is sent as a whole: the API checks that the three fit
 * together, so what the chosen role does not use is sent empty (an admin has neither).
 */
function withAccess(input: Record<string, unknown>, values: FormValues): Record<string, unknown> {
  if (!('role' in input) && !('organisationId' in input) && !('areas' in input)) return input;
  const role = values.role as UserRole;
  return {
    ...input,
    role,
    organisationId: role === 'ORGANISATION' ? (values.organisationId as string) || null : null,
    areas: role === 'MUNICIPALITY' ? (values.areas as string[]) : [],
  };
}

function UserForm({
  user,
  notice,
  onNotice,
  onReload,
  onInvited,
  onSaved,
}: {
  user: UserFormFieldsFragment | null;
  notice: RecordNotice;
  onNotice(n: RecordNotice): void;
  onReload(): Promise<void>;
  onInvited?(answer: { emailed: boolean; password: string | null; user: UserFormFieldsFragment }): void;
  onSaved?(user: UserFormFieldsFragment): void;
}) {
  const { t } = useTranslation();
  const { viewer } = useViewer();
  const spec = user ? EDIT_SPEC : NEW_SPEC;
  const { form, change, submit, attempted, bound } = useRecordForm({
    spec,
    initial: user ? userValues(user) : null,
    defaults: formValuesOf(NEW_SPEC, { role: 'ORGANISATION' }),
    onReload,
  });
  const [invite] = useMutation(InviteUserDocument);
  const [update] = useMutation(UpdateUserDocument);
  const organisations = useOrganisationPicker();
  const areas = useAreaPicker();
  const role = form.watch('role') as UserRole;
  const own = Boolean(user && viewer?.id === user.id);
  const label = (field: Field) => t(`userForm.field.${field}`);
  const fields = Object.fromEntries(Object.keys(spec).map((name) => [name, { id: `usr-${name}`, label: label(name as Field) }]));
  const errorOf = (name: Field) => form.formState.errors[name]?.message as string | undefined;

  const onSubmit = submit(
    async (changed) => {
      onNotice(null);
      const input = withAccess(changed, form.getValues());
      if (!user) {
        const outcome = await change.run(() => invite({ variables: { input: input as unknown as InviteUserInput } }));
        if (outcome.ok && outcome.value.data) onInvited?.(outcome.value.data.inviteUser);
        return;
      }
      const outcome = await change.run(() => update({ variables: { input: { ...input, id: user.id, version: user.version } as UpdateUserInput } }));
      if (outcome.ok && outcome.value.data) {
        onSaved?.(outcome.value.data.updateUser);
        onNotice('saved');
      }
    },
    () => onNotice('unchanged'),
  );

  return (
    <form className="app-form" onSubmit={onSubmit} noValidate aria-busy={change.busy || undefined} aria-label={user ? t('userForm.formLabel', { name: user.displayName }) : t('userForm.newFormLabel')}>
      <RecordNoticeBlock notice={notice} text={notice ? t(`recordForm.notice.${notice}`) : ''} />
      <RecordProblem
        change={change}
        form={form}
        fields={fields}
        notSaved={user ? t('recordForm.notSaved') : t('userForm.notInvited')}
        conflictTitle={t('recordForm.conflictTitle')}
        conflictText={t('userForm.conflictText')}
        attempted={attempted}
      />
      {!user && <TextField {...bound('email', 'usr')} type="email" autoComplete="off" label={t('recordForm.required', { label: label('email') })} required />}
      <TextField {...bound('displayName', 'usr')} label={t('recordForm.required', { label: label('displayName') })} required />
      {own ? (
        <Paragraph>{t('userForm.ownRole', { role: t(`role.${user!.role}`) })}</Paragraph>
      ) : (
        <SelectField {...bound('role', 'usr')} label={label('role')} description={t('userForm.roleHint')} options={ROLES.map((r) => ({ value: r, label: t(`role.${r}`) }))} />
      )}
      {role === 'ORGANISATION' && (
        <Controller
          control={form.control}
          name="organisationId"
          render={({ field: control }) => (
            <ComboboxField
              id="usr-organisationId"
              label={t('recordForm.required', { label: label('organisationId') })}
              description={t('userForm.organisationHint')}
              options={organisations.options}
              loading={organisations.loading}
              value={(control.value as string) ?? ''}
              onChange={control.onChange}
              inputRef={control.ref}
              error={errorOf('organisationId')}
              required
            />
          )}
        />
      )}
      {role === 'MUNICIPALITY' && (
        <Controller
          control={form.control}
          name="areas"
          render={({ field: control }) => (
            <MultiComboboxField
              id="usr-areas"
              label={t('recordForm.required', { label: label('areas') })}
              description={t('userForm.areasHint')}
              options={areas.options}
              loading={areas.loading}
              values={(control.value as string[]) ?? []}
              onChange={control.onChange}
              inputRef={control.ref}
              error={errorOf('areas')}
              required
            />
          )}
        />
      )}
      {!user && <Paragraph>{t('userForm.passwordHint')}</Paragraph>}
      <SaveButton busy={change.busy} label={user ? t('recordForm.save') : t('userForm.invite')} busyLabel={t('recordForm.saving')} />
    </form>
  );
}

/** The password the API made, mailed or to be handed over now (shown once). */
function PasswordOutcome({ answer, invited, onDone }: { answer: { emailed: boolean; password: string | null; user: { email: string } }; invited: boolean; onDone(): void }) {
  const { t } = useTranslation();
  if (answer.password) {
    return (
      <SecretOnce
        title={invited ? t('userForm.invitedTitle', { email: answer.user.email }) : t('userForm.resetTitle', { email: answer.user.email })}
        warning={t('userForm.passwordWarning')}
        label={t('userForm.passwordLabel')}
        secret={answer.password}
        onDone={onDone}
      />
    );
  }
  return (
    <div className="app-notice" role="status">
      <Alert type="ok">
        <Paragraph>{invited ? t('userForm.invitedMailed', { email: answer.user.email }) : t('userForm.resetMailed', { email: answer.user.email })}</Paragraph>
      </Alert>
    </div>
  );
}

/** /gebruikers/nieuw: invite a person. */
export function NewUserPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  usePageTitle(t('users.invite'));
  return (
    <>
      <Paragraph>
        <AppLink to="/gebruikers">{t('users.backToList')}</AppLink>
      </Paragraph>
      <Heading1>{t('users.invite')}</Heading1>
      <UserForm
        user={null}
        notice={null}
        onNotice={() => undefined}
        onReload={async () => undefined}
        onInvited={(answer) => navigate(`/gebruikers/${answer.user.id}`, { state: { invited: answer } })}
      />
    </>
  );
}

type Credentials = { emailed: boolean; password: string | null; user: UserFormFieldsFragment };

/** Deactivate or reactivate the account, and give it a new password: each asked first, each at the version read. */
function AccountActions({ user, own, onChanged, onReload }: { user: UserFormFieldsFragment; own: boolean; onChanged(user: UserFormFieldsFragment): void; onReload(): Promise<void> }) {
  const { t } = useTranslation();
  const change = useChange({ onReload, keepProblemIfReloadFails: true });
  const [asking, setAsking] = useState<'status' | 'password' | null>(null);
  const [reset, setReset] = useState<Credentials | null>(null);
  const [setStatus] = useMutation(SetUserStatusDocument);
  const [resetPassword] = useMutation(ResetUserPasswordDocument);
  const active = user.status === 'ACTIVE';

  async function toggle() {
    const outcome = await change.run(() => setStatus({ variables: { id: user.id, version: user.version, status: active ? 'DISABLED' : 'ACTIVE' } }));
    setAsking(null);
    if (outcome.ok && outcome.value.data) onChanged(outcome.value.data.setUserStatus);
  }
  async function newPassword() {
    const outcome = await change.run(() => resetPassword({ variables: { id: user.id } }));
    setAsking(null);
    if (outcome.ok && outcome.value.data) {
      setReset(outcome.value.data.resetUserPassword);
      onChanged(outcome.value.data.resetUserPassword.user);
    }
  }

  if (user.erasedAt) return <Paragraph>{t('userForm.erased')}</Paragraph>;
  return (
    <section aria-labelledby="usr-account" className="app-archive-panel">
      <Heading2 id="usr-account">{t('userForm.accountTitle')}</Heading2>
      <ProblemSummary
        problem={change.problem}
        notSaved={t('userForm.notChanged')}
        fieldMessage={(message) => change.fieldMessage(message)}
        conflictText={t('userForm.conflictText')}
        onReload={change.reload ? () => void change.reload?.() : undefined}
        reloading={change.reloading}
      />
      {reset && <PasswordOutcome answer={reset} invited={false} onDone={() => setReset(null)} />}
      {own ? (
        <Paragraph>{t('userForm.ownAccount')}</Paragraph>
      ) : asking === 'status' ? (
        <ConfirmPanel
          question={active ? t('userForm.disableQuestion', { email: user.email }) : t('userForm.enableQuestion', { email: user.email })}
          consequence={active ? t('userForm.disableConsequence') : t('userForm.enableConsequence')}
          confirmLabel={active ? t('userForm.disable') : t('userForm.enable')}
          cancelLabel={t('formCommon.cancel')}
          busy={change.busy}
          onConfirm={() => void toggle()}
          onCancel={() => setAsking(null)}
        />
      ) : asking === 'password' ? (
        <ConfirmPanel
          question={t('userForm.resetQuestion', { email: user.email })}
          consequence={t('userForm.resetConsequence')}
          confirmLabel={t('userForm.reset')}
          cancelLabel={t('formCommon.cancel')}
          busy={change.busy}
          onConfirm={() => void newPassword()}
          onCancel={() => setAsking(null)}
        />
      ) : (
        <>
          <Paragraph>{active ? t('userForm.activeText') : t('userForm.disabledText')}</Paragraph>
          <ButtonGroup>
            <Button appearance="secondary-action-button" onClick={() => setAsking('status')}>
              {active ? t('userForm.disable') : t('userForm.enable')}
            </Button>
            <Button appearance="secondary-action-button" onClick={() => setAsking('password')}>
              {t('userForm.reset')}
            </Button>
          </ButtonGroup>
        </>
      )}
    </section>
  );
}

/** /gebruikers/:id: one account. */
export function UserEditPage() {
  const { id = '' } = useParams();
  const { t, i18n } = useTranslation();
  const language = currentLanguage(i18n.language);
  const { viewer } = useViewer();
  const location = useLocation();
  const client = useApolloClient();
  const query = useQuery(UserDocument, { variables: { id }, fetchPolicy: 'network-only' });
  const invited = (location.state as { invited?: Credentials } | null)?.invited ?? null;
  const [shownInvite, setShownInvite] = useState<Credentials | null>(invited);
  const [notice, setNotice] = useState<RecordNotice>(null);
  const [answer, setAnswer] = useState<UserFormFieldsFragment | null>(null);
  const read = query.data?.user ?? null;
  // The newest answer of this page's own mutations wins over the read when it opened.
  const user = answer && (!read || answer.version >= read.version) ? answer : read;
  usePageTitle(user ? t('userForm.title', { name: user.displayName }) : t('users.title'));
  const reload = useCallback(async () => {
    const result = await client.query({ query: UserDocument, variables: { id }, fetchPolicy: 'network-only' });
    setAnswer(result.data?.user ?? null);
    setNotice('reloaded');
  }, [client, id]);
  const own = viewer?.id === id;
  return (
    <RecordPageState
      loading={query.loading && !query.data}
      error={query.error}
      found={Boolean(user)}
      allowed
      loadingLabel={t('users.loading')}
      what={t('users.title')}
      notFound={t('users.notFound')}
      backTo="/gebruikers"
      backLabel={t('users.backToList')}
      onRetry={() => void query.refetch()}
    >
      {user && (
        <>
          <Paragraph>
            <AppLink to="/gebruikers">{t('users.backToList')}</AppLink>
          </Paragraph>
          <Heading1>{t('userForm.title', { name: user.displayName })}</Heading1>
          {shownInvite && <PasswordOutcome answer={shownInvite} invited onDone={() => setShownInvite(null)} />}
          <dl className="app-facts">
            <dt>{t('users.email')}</dt>
            <dd>{user.email}</dd>
            <dt>{t('users.status')}</dt>
            <dd>{t(`userStatus.${user.status}`)}</dd>
            <dt>{t('users.lastLogin')}</dt>
            <dd>{user.lastLoginAt ? formatDateTime(user.lastLoginAt, language) : t('users.neverLoggedIn')}</dd>
          </dl>
          {!user.erasedAt && <UserForm key={`${user.id}:${user.version}`} user={user} notice={notice} onNotice={setNotice} onReload={reload} onSaved={setAnswer} />}
          <AccountActions
            key={`actions:${user.id}`}
            user={user}
            own={own}
            onChanged={(changed) => {
              setNotice(null);
              setAnswer(changed);
            }}
            onReload={reload}
          />
        </>
      )}
    </RecordPageState>
  );
}

/** /gebruikers, /gebruikers/nieuw, /gebruikers/:id — one lazy part, so the first download carries one route for the three. */
export function UserRoutes() {
  return (
    <Routes>
      <Route index element={<UsersPage />} />
      <Route path="nieuw" element={<NewUserPage />} />
      <Route path=":id" element={<UserEditPage />} />
    </Routes>
  );
}
