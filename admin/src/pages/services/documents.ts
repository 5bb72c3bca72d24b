import { graphql } from '../../gql';

graphql(`
  fragment ServiceFormFields on Service {
    id
    version
    name
    description
    eligibility
    status
    minAge
    maxAge
    cost
    languages
    validFrom
    validTo
    periodDescription
    frequency
    url
    email
    schedules {
      byday
      opensAt
      closesAt
      description
      validFrom
      validTo
      notes
    }
    phones {
      number
      type
      description
      extension
      languages
    }
    requiresIndication
    worksWithoutIndication
    archivedAt
    lastVerifiedAt
    organisation {
      id
      name
    }
    partners {
      id
    }
    targetGroups {
      code
    }
    interventionTypes {
      code
    }
    areasServed {
      id
    }
    locations {
      id
    }
  }
`);

export const EditServiceDocument = graphql(`
  query EditService($id: ID!) {
    service(id: $id) {
      ...ServiceFormFields
    }
  }
`);

export const CreateServiceDocument = graphql(`
  mutation CreateService($input: CreateServiceInput!) {
    createService(input: $input) {
      ...ServiceFormFields
    }
  }
`);

export const UpdateServiceDocument = graphql(`
  mutation UpdateService($id: ID!, $version: Int!, $input: UpdateServiceInput!) {
    updateService(id: $id, version: $version, input: $input) {
      ...ServiceFormFields
    }
  }
`);

export const ArchiveServiceDocument = graphql(`
  mutation ArchiveService($id: ID!, $version: Int!) {
    archiveService(id: $id, version: $version) {
      ...ServiceFormFields
    }
  }
`);

export const RestoreServiceDocument = graphql(`
  mutation RestoreService($id: ID!, $version: Int!) {
    restoreService(id: $id, version: $version) {
      ...ServiceFormFields
    }
  }
`);

export const ServiceListDocument = graphql(`
  query ServiceList($search: String, $organisation: ID, $includeArchived: Boolean, $first: Int!, $after: String) {
    services(search: $search, organisation: $organisation, includeArchived: $includeArchived, first: $first, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          id
          name
          status
          archivedAt
          organisation {
            id
            name
          }
          interventionTypes {
            code
          }
        }
      }
    }
  }
`);

/** Propose a change instead of saving it (an organisation's user, for a service another organisation provides): modules/proposal. */
export const ProposeServiceChangeDocument = graphql(`
  mutation ProposeServiceChange($id: ID!, $version: Int!, $input: UpdateServiceInput!, $motivation: String!) {
    proposeServiceChange(id: $id, version: $version, input: $input, motivation: $motivation) {
      id
    }
  }
`);
