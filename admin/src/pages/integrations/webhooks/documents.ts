import { graphql } from '../../../gql';
import type { WebhooksQuery } from '../../../gql/graphql';

/** The webhooks page's queries and mutations; each change answers the row, so the list updates from the cache. */
graphql(`
  fragment WebhookRow on Webhook {
    id
    version
    url
    description
    events
    enabled
    disabledAt
    secretHint
    createdAt
  }
`);

export const WebhooksDocument = graphql(`
  query Webhooks {
    webhooks {
      ...WebhookRow
    }
  }
`);

export const CreateWebhookDocument = graphql(`
  mutation CreateWebhook($input: CreateWebhookInput!) {
    createWebhook(input: $input) {
      secret
      webhook {
        ...WebhookRow
      }
    }
  }
`);

export const UpdateWebhookDocument = graphql(`
  mutation UpdateWebhook($id: ID!, $version: Int!, $input: UpdateWebhookInput!) {
    updateWebhook(id: $id, version: $version, input: $input) {
      ...WebhookRow
    }
  }
`);

export const RotateWebhookSecretDocument = graphql(`
  mutation RotateWebhookSecret($id: ID!, $version: Int!) {
    rotateWebhookSecret(id: $id, version: $version) {
      secret
      webhook {
        ...WebhookRow
      }
    }
  }
`);

export const DeleteWebhookDocument = graphql(`
  mutation DeleteWebhook($id: ID!, $version: Int!) {
    deleteWebhook(id: $id, version: $version) {
      id
    }
  }
`);

export const WebhookDeliveriesDocument = graphql(`
  query WebhookDeliveries($webhookId: ID!, $first: Int!, $after: String) {
    webhookDeliveries(webhookId: $webhookId, first: $first, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          id
          eventType
          dossierNumber
          sequence
          referralStatus
          status
          attempts
          createdAt
          deliveredAt
          nextAttemptAt
          lastStatusCode
          lastError
          attemptHistory {
            attempt
            attemptedAt
            statusCode
            error
            durationMs
          }
        }
      }
    }
  }
`);

export type Webhook = WebhooksQuery['webhooks'][number];
