import { graphql } from '../../gql';

export const NotificationsDocument = graphql(`
  query Notifications($first: Int!, $after: String, $unreadOnly: Boolean) {
    notifications(first: $first, after: $after, unreadOnly: $unreadOnly) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          id
          kind
          referralId
          dossierNumber
          toStatus
          actionDueOn
          lookAgainOn
          recordType
          recordId
          recordName
          staleSince
          proposalId
          createdAt
          readAt
        }
      }
    }
  }
`);

export const MarkNotificationsReadDocument = graphql(`
  mutation MarkNotificationsRead($ids: [ID!]) {
    markNotificationsRead(ids: $ids)
  }
`);

export const NotificationSettingsDocument = graphql(`
  query NotificationSettings {
    notificationSettings {
      emailMode
      emailConfigured
    }
  }
`);

export const SetNotificationEmailModeDocument = graphql(`
  mutation SetNotificationEmailMode($emailMode: NotificationEmailMode!) {
    setNotificationEmailMode(emailMode: $emailMode) {
      emailMode
      emailConfigured
    }
  }
`);
