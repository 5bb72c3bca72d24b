import { graphql } from '../../../gql';

graphql(`
  fragment OrganisationFormFields on Organisation {
    id
    name
    abbreviation
    sector
    secondarySector
    subsector
    status
    scope
    website
    email
    phone
    description
    lastVerifiedAt
    version
  }
`);

export const EditOrganisationDocument = graphql(`
  query EditOrganisation($id: ID!) {
    organisation(id: $id) {
      ...OrganisationFormFields
    }
  }
`);

export const UpdateOrganisationDocument = graphql(`
  mutation UpdateOrganisation($id: ID!, $version: Int!, $input: UpdateOrganisationInput!) {
    updateOrganisation(id: $id, version: $version, input: $input) {
      ...OrganisationFormFields
    }
  }
`);
