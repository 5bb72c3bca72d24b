import { Heading1, Heading2, Paragraph } from '@utrecht/component-library-react';
import { useQuery } from '@apollo/client/react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { usePageTitle } from '../../components/PageTitle';
import { SecretOnce } from '../../components/SecretOnce';
import { ListStates } from '../../components/States';
import '../../partner-styles';
import { CreateWebhookForm } from './webhooks/CreateWebhookForm';
import { Deliveries } from './webhooks/Deliveries';
import { WebhooksDocument, type Webhook } from './webhooks/documents';
import { WebhookTable } from './webhooks/WebhookTable';

/** /webhooks: the organisation's endpoints for signed referral events, and their deliveries. */
export function WebhooksPage() {
  const { t } = useTranslation();
  const query = useQuery(WebhooksDocument, { fetchPolicy: 'cache-and-network' });
  const { data, refetch } = query;
  const [secret, setSecret] = useState<{ secret: string; url: string } | null>(null);
  const [showing, setShowing] = useState<Webhook | null>(null);
  usePageTitle(t('webhooks.title'));
  const shown = showing ? data?.webhooks.find((w) => w.id === showing.id) : undefined;

  return (
    <>
      <Heading1>{t('webhooks.title')}</Heading1>
      <Paragraph>{t('webhooks.intro')}</Paragraph>
      {secret && (
        <SecretOnce
          title={t('webhooks.secretTitle', { url: secret.url })}
          warning={t('webhooks.secretWarning')}
          label={t('webhooks.secretLabel')}
          secret={secret.secret}
          onDone={() => setSecret(null)}
        />
      )}
      <section aria-labelledby="webhooks-list" className="app-section">
        <Heading2 id="webhooks-list">{t('webhooks.listTitle')}</Heading2>
        <ListStates list={data?.webhooks} query={query} loadingLabel={t('webhooks.loading')} what={t('webhooks.title')} empty={t('webhooks.empty')}>
          {(webhooks) => (
            <WebhookTable
              webhooks={webhooks}
              busy={query.loading}
              showing={showing?.id ?? null}
              onShow={(webhook) => setShowing(showing?.id === webhook.id ? null : webhook)}
              onSecret={(value, url) => setSecret({ secret: value, url })}
              onDeleted={(id) => {
                if (showing?.id === id) setShowing(null);
                void refetch();
              }}
            />
          )}
        </ListStates>
      </section>
      {shown && <Deliveries key={shown.id} webhook={shown} />}
      <CreateWebhookForm
        onCreated={(value, url) => {
          setSecret({ secret: value, url });
          void refetch();
        }}
      />
    </>
  );
}
