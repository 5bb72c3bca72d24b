import { graphql } from '../../gql';

graphql(`
  fragment AreaFormFields on Area {
    id
    version
    slug
    name
    level
    code
    description
    history
    futurePlans
    source
    validFromYear
    validToYear
    alternativeNames
    archivedAt
    boundary
    parent {
      id
      name
    }
  }
`);

export const AreaFormDocument = graphql(`
  query AreaForm($id: ID!) {
    area(id: $id) {
      ...AreaFormFields
    }
  }
`);

export const CreateAreaDocument = graphql(`
  mutation CreateArea($input: CreateAreaInput!) {
    createArea(input: $input) {
      ...AreaFormFields
    }
  }
`);

export const UpdateAreaDocument = graphql(`
  mutation UpdateArea($id: ID!, $version: Int!, $input: UpdateAreaInput!) {
    updateArea(id: $id, version: $version, input: $input) {
      ...AreaFormFields
    }
  }
`);

export const ArchiveAreaDocument = graphql(`
  mutation ArchiveArea($id: ID!, $version: Int!) {
    archiveArea(id: $id, version: $version) {
      ...AreaFormFields
    }
  }
`);

export const RestoreAreaDocument = graphql(`
  mutation RestoreArea($id: ID!, $version: Int!) {
    restoreArea(id: $id, version: $version) {
      ...AreaFormFields
    }
  }
`);
