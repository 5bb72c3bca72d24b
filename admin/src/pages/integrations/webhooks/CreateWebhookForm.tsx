import { Button, Heading2, Paragraph } from '@utrecht/component-library-react';
import { useMutation } from '@apollo/client/react';
import { Controller, useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { CheckboxGroup } from '../../../components/choices';
import { TextField } from '../../../components/fields';
import { ProblemSummary } from '../../../components/ProblemSummary';
import type { ReferralEventType } from '../../../gql/graphql';
import { useFormChange } from '../../../lib/useFormChange';
import { CreateWebhookDocument } from './documents';
import { WEBHOOK_EVENT_TYPES } from './events';

interface WebhookValues {
  url: string;
  description: string;
  events: ReferralEventType[];
}

/** A new webhook: its address, a description for the people who look after it, and its events (all by default). */
export function CreateWebhookForm({ onCreated }: { onCreated(secret: string, url: string): void }) {
  const { t } = useTranslation();
  const form = useForm<WebhookValues>({ defaultValues: { url: '', description: '', events: [...WEBHOOK_EVENT_TYPES] }, reValidateMode: 'onSubmit' });
  const { errors } = form.formState;
  const change = useFormChange(form);
  const [create] = useMutation(CreateWebhookDocument);

  const submit = change.submit(async ({ url, description, events }) => {
    const outcome = await change.run(() => create({ variables: { input: { url, description: description.trim() || null, events } } }));
    const answer = outcome.ok ? outcome.value.data?.createWebhook : undefined;
    if (answer) {
      // The events stay as chosen: a second endpoint usually wants the same ones.
      form.reset({ url: '', description: '', events });
      onCreated(answer.secret, answer.webhook.url);
    }
  });

  return (
    <section aria-labelledby="webhooks-new" className="app-section">
      <Heading2 id="webhooks-new">{t('webhooks.newTitle')}</Heading2>
      <Paragraph>{t('webhooks.newIntro')}</Paragraph>
      <form className="app-form" onSubmit={submit} noValidate aria-labelledby="webhooks-new" aria-busy={change.busy || undefined}>
        <ProblemSummary
          problem={change.problem}
          notSaved={t('webhooks.notCreated')}
          fields={{
            url: { id: 'webhook-url', label: t('webhooks.url') },
            description: { id: 'webhook-description', label: t('webhooks.description') },
            events: { id: 'webhook-events', label: t('webhooks.events') },
          }}
          fieldMessage={change.fieldMessage}
          forbiddenText={t('webhooks.forbidden')}
        />
        <TextField
          id="webhook-url"
          type="url"
          label={t('formCommon.required', { label: t('webhooks.url') })}
          description={t('webhooks.urlHint')}
          registration={form.register('url')}
          required
          error={errors.url?.message}
        />
        <TextField
          id="webhook-description"
          label={t('webhooks.description')}
          description={t('webhooks.descriptionHint')}
          registration={form.register('description')}
          error={errors.description?.message}
        />
        <Controller
          control={form.control}
          name="events"
          render={({ field, fieldState }) => (
            <CheckboxGroup
              id="webhook-events"
              legend={t('webhooks.eventsLegend')}
              description={t('webhooks.eventsHint')}
              values={field.value}
              onChange={(values) => field.onChange(values as ReferralEventType[])}
              inputRef={field.ref}
              options={WEBHOOK_EVENT_TYPES.map((e) => ({ value: e, label: t(`referrals.event.${e}`) }))}
              error={fieldState.error?.message}
            />
          )}
        />
        <Button appearance="primary-action-button" type="submit" busy={change.busy} disabled={change.busy}>
          {t('webhooks.create')}
        </Button>
      </form>
    </section>
  );
}
