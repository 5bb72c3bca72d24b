import { graphql } from '../../gql';

graphql(`
  fragment NetworkMemberFields on NetworkMember {
    id
    version
    organisationName
    role
    tier
    contribution
    fte
    hoursPerWeek
    knowledgeAreas
    joinedOn
    leftOn
    source
    note
    organisation {
      id
      name
    }
    keyPerson {
      id
      name
    }
  }
`);

graphql(`
  fragment NetworkFormFields on Network {
    id
    version
    name
    slug
    kind
    kindDescription
    switchModel
    purpose
    meetingIntervalWeeks
    meetingFrequency
    coordinatorRole
    workingMethod
    sizeDescription
    period
    foundedOn
    status
    knowledgeAreas
    source
    note
    archivedAt
    coordinatorOrganisation {
      id
      name
    }
    homeBaseLocation {
      id
    }
    areas {
      id
    }
    targetGroups {
      code
    }
  }
`);

export const NetworkListDocument = graphql(`
  query NetworkList($area: String, $kind: NetworkKind, $includeArchived: Boolean, $first: Int!, $after: String) {
    networks(area: $area, kind: $kind, includeArchived: $includeArchived, first: $first, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          id
          name
          kind
          status
          archivedAt
          coordinatorOrganisation {
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

export const EditNetworkDocument = graphql(`
  query EditNetwork($id: ID!) {
    network(id: $id) {
      ...NetworkFormFields
      members {
        ...NetworkMemberFields
      }
    }
  }
`);

export const CreateNetworkDocument = graphql(`
  mutation CreateNetwork($input: CreateNetworkInput!) {
    createNetwork(input: $input) {
      ...NetworkFormFields
    }
  }
`);

export const UpdateNetworkDocument = graphql(`
  mutation UpdateNetwork($id: ID!, $version: Int!, $input: UpdateNetworkInput!) {
    updateNetwork(id: $id, version: $version, input: $input) {
      ...NetworkFormFields
    }
  }
`);

export const ArchiveNetworkDocument = graphql(`
  mutation ArchiveNetwork($id: ID!, $version: Int!) {
    archiveNetwork(id: $id, version: $version) {
      ...NetworkFormFields
    }
  }
`);

export const RestoreNetworkDocument = graphql(`
  mutation RestoreNetwork($id: ID!, $version: Int!) {
    restoreNetwork(id: $id, version: $version) {
      ...NetworkFormFields
    }
  }
`);

export const AddNetworkMemberDocument = graphql(`
  mutation AddNetworkMember($networkId: ID!, $input: NetworkMemberInput!) {
    addNetworkMember(networkId: $networkId, input: $input) {
      ...NetworkMemberFields
    }
  }
`);

export const UpdateNetworkMemberDocument = graphql(`
  mutation UpdateNetworkMember($id: ID!, $version: Int!, $input: NetworkMemberInput!) {
    updateNetworkMember(id: $id, version: $version, input: $input) {
      ...NetworkMemberFields
    }
  }
`);

export const RemoveNetworkMemberDocument = graphql(`
  mutation RemoveNetworkMember($id: ID!, $version: Int!) {
    removeNetworkMember(id: $id, version: $version) {
      id
    }
  }
`);
