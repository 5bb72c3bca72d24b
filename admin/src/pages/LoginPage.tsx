import { Alert, Button, Heading1, Paragraph } from '@utrecht/component-library-react';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useNavigate, useSearchParams } from 'react-router-dom';
import { useViewer, type LoginResult } from '../auth/viewer';
import { TextField } from '../components/fields';
import { usePageTitle } from '../components/PageTitle';
import { Loading } from '../components/States';

/** Only paths of this app: never an absolute or protocol-relative URL (no open redirect). */
export function safeReturnPath(value: string | null): string {
  return value && value.startsWith('/') && !value.startsWith('//') && !value.startsWith('/\\') ? value : '/';
}

type Failure = Exclude<LoginResult, { ok: true }>;

export function LoginPage() {
  const { t } = useTranslation();
  const { loading, viewer, login } = useViewer();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<Failure | null>(null);
  const alertRef = useRef<HTMLDivElement>(null);
  const emailRef = useRef<HTMLInputElement>(null);
  const passwordRef = useRef<HTMLInputElement>(null);
  const target = safeReturnPath(params.get('terug'));
  usePageTitle(t('login.title'));

  useEffect(() => {
    if (!failure) return;
    if (failure.reason === 'field') (failure.field === 'password' ? passwordRef : emailRef).current?.focus();
    else alertRef.current?.focus();
  }, [failure]);

  if (loading) return <Loading label={t('state.checkingSession')} />;
  if (viewer && !busy) return <Navigate to={target} replace />;

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setBusy(true);
    setFailure(null);
    const result = await login(email.trim(), password);
    if (result.ok) {
      navigate(target, { replace: true });
      return;
    }
    setBusy(false);
    setFailure(result);
  }

  const fieldError = failure?.reason === 'field' ? failure.field : null;
  const message =
    failure === null || failure.reason === 'field'
      ? null
      : failure.reason === 'wrong'
        ? t('login.wrong')
        : failure.reason === 'locked'
          ? failure.retryAfterMinutes
            ? t('login.lockedMinutes', { count: failure.retryAfterMinutes })
            : t('login.locked')
          : t('login.unavailable');

  return (
    <div className="app-form">
      <Heading1>{t('login.title')}</Heading1>
      <Paragraph>{t('login.intro')}</Paragraph>
      {params.get('uitgelogd') === '1' && !failure && (
        <Alert type="ok">
          <Paragraph>{t('login.loggedOut')}</Paragraph>
        </Alert>
      )}
      {message && (
        <div ref={alertRef} tabIndex={-1}>
          <Alert type="error">
            <Paragraph>{message}</Paragraph>
          </Alert>
        </div>
      )}
      <form onSubmit={submit} noValidate aria-busy={busy || undefined}>
        <TextField
          id="login-email"
          name="email"
          label={t('login.email')}
          type="email"
          autoComplete="username"
          value={email}
          onChange={setEmail}
          error={fieldError === 'email' ? t('login.emailRequired') : null}
          inputRef={emailRef}
          required
        />
        <TextField
          id="login-password"
          name="password"
          label={t('login.password')}
          type="password"
          autoComplete="current-password"
          value={password}
          onChange={setPassword}
          error={fieldError === 'password' ? t('login.passwordRequired') : null}
          inputRef={passwordRef}
          required
        />
        <Button appearance="primary-action-button" type="submit" busy={busy} disabled={busy}>
          {busy ? t('login.busy') : t('login.submit')}
        </Button>
      </form>
    </div>
  );
}
