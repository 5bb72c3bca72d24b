import { graphql } from '../../gql';

export const UsersDocument = graphql(`
  query Users($first: Int!, $after: String) {
    users(first: $first, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          id
          email
          displayName
          role
          status
          lastLoginAt
          erasedAt
          organisation {
            id
            name
          }
          areas {
            id
            name
          }
        }
      }
    }
  }
`);

graphql(`
  fragment UserFormFields on User {
    id
    version
    email
    displayName
    role
    status
    lastLoginAt
    erasedAt
    createdAt
    organisation {
      id
      name
    }
    areas {
      id
      name
    }
  }
`);

export const UserDocument = graphql(`
  query User($id: ID!) {
    user(id: $id) {
      ...UserFormFields
    }
  }
`);

export const InviteUserDocument = graphql(`
  mutation InviteUser($input: InviteUserInput!) {
    inviteUser(input: $input) {
      emailed
      password
      user {
        ...UserFormFields
      }
    }
  }
`);

export const UpdateUserDocument = graphql(`
  mutation UpdateUser($input: UpdateUserInput!) {
    updateUser(input: $input) {
      ...UserFormFields
    }
  }
`);

export const SetUserStatusDocument = graphql(`
  mutation SetUserStatus($id: ID!, $version: Int!, $status: UserStatus!) {
    setUserStatus(id: $id, version: $version, status: $status) {
      ...UserFormFields
    }
  }
`);

export const ResetUserPasswordDocument = graphql(`
  mutation ResetUserPassword($id: ID!) {
    resetUserPassword(id: $id) {
      emailed
      password
      user {
        ...UserFormFields
      }
    }
  }
`);
