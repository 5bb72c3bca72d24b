import { Button, Heading1, Heading2, Paragraph, TableBody, TableCell, TableHeaderCell, TableRow } from '@utrecht/component-library-react';
import { useMutation, useQuery } from '@apollo/client/react';
import { useState } from 'react';
import { Controller, useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { useViewer } from '../../auth/viewer';
import { CheckboxGroup } from '../../components/choices';
import { ConfirmPanel } from '../../components/ConfirmPanel';
import { TextField } from '../../components/fields';
import { usePageTitle } from '../../components/PageTitle';
import { ProblemSummary } from '../../components/ProblemSummary';
import { ScrollTable } from '../../components/ScrollTable';
import { SecretOnce } from '../../components/SecretOnce';
import { ListStates } from '../../components/States';
import { graphql } from '../../gql';
import type { ApiKeyScope, ApiKeysQuery } from '../../gql/graphql';
import { currentLanguage } from '../../i18n';
import { useChange } from '../../lib/useChange';
import { useFormChange } from '../../lib/useFormChange';
import { formatDateTime } from '../../lib/format';
import '../../partner-styles';

export const API_KEY_SCOPES: readonly ApiKeyScope[] = ['READ_MAP', 'REFERRALS', 'WRITE_OWN_ORGANISATION'];

graphql(`
  fragment ApiKeyRow on ApiKey {
    id
    name
    prefix
    scopes
    createdAt
    expiresAt
    lastUsedAt
    revokedAt
  }
`);

export const ApiKeysDocument = graphql(`
  query ApiKeys($organisationId: ID!) {
    apiKeys(organisationId: $organisationId) {
      ...ApiKeyRow
    }
  }
`);

export const CreateApiKeyDocument = graphql(`
  mutation CreateApiKey($input: CreateApiKeyInput!) {
    createApiKey(input: $input) {
      key
      apiKey {
        ...ApiKeyRow
      }
    }
  }
`);

export const RevokeApiKeyDocument = graphql(`
  mutation RevokeApiKey($id: ID!) {
    revokeApiKey(id: $id) {
      ...ApiKeyRow
    }
  }
`);

type ApiKey = ApiKeysQuery['apiKeys'][number];

function keyState(key: ApiKey): 'revoked' | 'expired' | 'active' {
  if (key.revokedAt) return 'revoked';
  if (key.expiresAt && new Date(key.expiresAt).getTime() <= Date.now()) return 'expired';
  return 'active';
}

/** /api-sleutels: the organisation's API keys for its own systems (list, create, revoke). */
export function ApiKeysPage() {
  const { t } = useTranslation();
  const { viewer } = useViewer();
  const organisationId = viewer?.organisation?.id ?? '';
  const query = useQuery(ApiKeysDocument, { variables: { organisationId }, skip: !organisationId, fetchPolicy: 'cache-and-network' });
  const [created, setCreated] = useState<{ key: string; name: string } | null>(null);
  usePageTitle(t('apiKeys.title'));

  return (
    <>
      <Heading1>{t('apiKeys.title')}</Heading1>
      <Paragraph>{t('apiKeys.intro', { organisation: viewer?.organisation?.name ?? '' })}</Paragraph>
      {created && (
        <SecretOnce
          title={t('apiKeys.createdTitle', { name: created.name })}
          warning={t('apiKeys.createdWarning')}
          label={t('apiKeys.keyLabel')}
          secret={created.key}
          onDone={() => setCreated(null)}
        />
      )}
      <section aria-labelledby="api-keys-list" className="app-section">
        <Heading2 id="api-keys-list">{t('apiKeys.listTitle')}</Heading2>
        <ListStates list={query.data?.apiKeys} query={query} loadingLabel={t('apiKeys.loading')} what={t('apiKeys.title')} empty={t('apiKeys.empty')}>
          {(keys) => <ApiKeyTable keys={keys} busy={query.loading} />}
        </ListStates>
      </section>
      <CreateApiKeyForm
        organisationId={organisationId}
        onCreated={(key, name) => {
          setCreated({ key, name });
          void query.refetch();
        }}
      />
    </>
  );
}

function ApiKeyTable({ keys, busy }: { keys: readonly ApiKey[]; busy: boolean }) {
  const { t, i18n } = useTranslation();
  const language = currentLanguage(i18n.language);
  const [revoking, setRevoking] = useState<ApiKey | null>(null);
  const change = useChange();
  const [revoke] = useMutation(RevokeApiKeyDocument);

  async function confirm() {
    if (!revoking) return;
    const outcome = await change.run(() => revoke({ variables: { id: revoking.id } }), { notice: t('apiKeys.revoked', { name: revoking.name }) });
    if (outcome.ok) setRevoking(null);
  }

  return (
    <>
      {change.notice && (
        <p role="status" className="app-muted">
          {change.notice}
        </p>
      )}
      <ProblemSummary problem={change.problem} notSaved={t('apiKeys.notRevoked')} fieldMessage={change.fieldMessage} forbiddenText={t('apiKeys.forbidden')} />
      {revoking && (
        <ConfirmPanel
          question={t('apiKeys.confirmQuestion', { name: revoking.name, prefix: revoking.prefix })}
          consequence={t('apiKeys.confirmConsequence')}
          confirmLabel={t('apiKeys.confirmRevoke')}
          cancelLabel={t('formCommon.cancel')}
          busy={change.busy}
          onConfirm={() => void confirm()}
          onCancel={() => {
            setRevoking(null);
            change.clear();
          }}
        />
      )}
      <ScrollTable
        caption={t('apiKeys.caption', { count: keys.length })}
        busy={busy}
        columns={[
          t('apiKeys.name'),
          t('apiKeys.prefix'),
          t('apiKeys.scopes'),
          t('apiKeys.expiresAt'),
          t('apiKeys.lastUsedAt'),
          t('apiKeys.state'),
          t('apiKeys.actions'),
        ]}
      >
        <TableBody>
          {keys.map((key) => {
            const state = keyState(key);
            return (
              <TableRow key={key.id}>
                <TableHeaderCell scope="row">{key.name}</TableHeaderCell>
                <TableCell>
                  <span className="app-mono" translate="no">
                    skl_{key.prefix}_…
                  </span>
                </TableCell>
                <TableCell>{API_KEY_SCOPES.filter((s) => key.scopes.includes(s)).map((s) => t(`apiKeys.scope.${s}`)).join(', ')}</TableCell>
                <TableCell>{key.expiresAt ? formatDateTime(key.expiresAt, language) : t('apiKeys.noExpiry')}</TableCell>
                <TableCell>{key.lastUsedAt ? formatDateTime(key.lastUsedAt, language) : t('apiKeys.neverUsed')}</TableCell>
                <TableCell>
                  {state === 'revoked' && key.revokedAt
                    ? t('apiKeys.stateRevoked', { date: formatDateTime(key.revokedAt, language) })
                    : state === 'expired'
                      ? t('apiKeys.stateExpired')
                      : t('apiKeys.stateActive')}
                </TableCell>
                <TableCell>
                  {state !== 'revoked' && (
                    <Button aria-label={`${t('apiKeys.revoke')}: ${key.name}`}
                      appearance="secondary-action-button"
                      onClick={() => {
                        change.clear();
                        setRevoking(key);
                      }}
                    >
                      {t('apiKeys.revoke')}
                    </Button>
                  )}
                </TableCell>
              </TableRow>
            );
          })}
        </TableBody>
      </ScrollTable>
    </>
  );
}

interface ApiKeyValues {
  name: string;
  scopes: ApiKeyScope[];
  /** The last day the key works (a date field), empty for a key without an end. */
  expires: string;
}

function CreateApiKeyForm({ organisationId, onCreated }: { organisationId: string; onCreated(key: string, name: string): void }) {
  const { t } = useTranslation();
  const form = useForm<ApiKeyValues>({ defaultValues: { name: '', scopes: ['REFERRALS'], expires: '' }, reValidateMode: 'onSubmit' });
  const { errors } = form.formState;
  const change = useFormChange(form, { aliases: { expiresAt: 'expires' } });
  const [create] = useMutation(CreateApiKeyDocument);

  const submit = change.submit(async ({ name, scopes, expires }) => {
    // The end of the chosen day, in the user's time zone.
    const expiresAt = expires ? new Date(`${expires}T23:59:59`).toISOString() : null;
    const outcome = await change.run(() => create({ variables: { input: { organisationId, name, scopes, expiresAt } } }));
    const answer = outcome.ok ? outcome.value.data?.createApiKey : undefined;
    if (answer) {
      // The scopes stay as chosen: the next key is often for the same kind of system.
      form.reset({ name: '', scopes, expires: '' });
      onCreated(answer.key, answer.apiKey.name);
    }
  });

  return (
    <section aria-labelledby="api-keys-new" className="app-section">
      <Heading2 id="api-keys-new">{t('apiKeys.newTitle')}</Heading2>
      <Paragraph>{t('apiKeys.newIntro')}</Paragraph>
      <form className="app-form" onSubmit={submit} noValidate aria-labelledby="api-keys-new" aria-busy={change.busy || undefined}>
        <ProblemSummary
          problem={change.problem}
          notSaved={t('apiKeys.notCreated')}
          fields={{
            name: { id: 'key-name', label: t('apiKeys.name') },
            scopes: { id: 'key-scopes', label: t('apiKeys.scopes') },
            expiresAt: { id: 'key-expires', label: t('apiKeys.expiresAt') },
          }}
          fieldMessage={change.fieldMessage}
          forbiddenText={t('apiKeys.forbidden')}
        />
        <TextField
          id="key-name"
          label={t('formCommon.required', { label: t('apiKeys.name') })}
          description={t('apiKeys.nameHint')}
          registration={form.register('name')}
          required
          error={errors.name?.message}
        />
        <Controller
          control={form.control}
          name="scopes"
          render={({ field, fieldState }) => (
            <CheckboxGroup
              id="key-scopes"
              legend={t('apiKeys.scopesLegend')}
              description={t('apiKeys.scopesHint')}
              values={field.value}
              onChange={(values) => field.onChange(values as ApiKeyScope[])}
              inputRef={field.ref}
              options={API_KEY_SCOPES.map((s) => ({ value: s, label: t(`apiKeys.scope.${s}`), description: t(`apiKeys.scopeHint.${s}`) }))}
              error={fieldState.error?.message}
            />
          )}
        />
        <TextField
          id="key-expires"
          type="date"
          label={t('apiKeys.expiresAt')}
          description={t('apiKeys.expiresHint')}
          registration={form.register('expires')}
          error={errors.expires?.message}
        />
        <Button appearance="primary-action-button" type="submit" busy={change.busy} disabled={change.busy}>
          {t('apiKeys.create')}
        </Button>
      </form>
    </section>
  );
}
