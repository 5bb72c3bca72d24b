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
    archivedAt
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

export const ArchiveOrganisationDocument = graphql(`
  mutation ArchiveOrganisation($id: ID!, $version: Int!) {
    archiveOrganisation(id: $id, version: $version) {
      ...OrganisationFormFields
    }
  }
`);

export const RestoreOrganisationDocument = graphql(`
  mutation RestoreOrganisation($id: ID!, $version: Int!) {
    restoreOrganisation(id: $id, version: $version) {
      ...OrganisationFormFields
    }
  }
`);

export const CreateOrganisationDocument = graphql(`
  mutation CreateOrganisation($input: CreateOrganisationInput!) {
    createOrganisation(input: $input) {
      id
    }
  }
`);

/** Propose a new organisation instead of adding it (an organisation's user, to the curators): modules/proposal. */
export const ProposeNewOrganisationDocument = graphql(`
  mutation ProposeNewOrganisation($input: CreateOrganisationInput!, $motivation: String!) {
    proposeNewOrganisation(input: $input, motivation: $motivation) {
      id
    }
  }
`);
