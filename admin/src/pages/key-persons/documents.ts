import { graphql } from '../../gql';

graphql(`
  fragment KeyPersonFormFields on KeyPerson {
    id
    version
    name
    roleDescription
    email
    phone
    notes
    archivedAt
    erasedAt
    lastVerifiedAt
    role {
      code
    }
    organisation {
      id
      name
    }
    areas {
      id
    }
  }
`);

export const KeyPersonRolesDocument = graphql(`
  query KeyPersonRoles {
    keyPersonRoles {
      id
      code
      nameNl
      nameEn
    }
  }
`);

export const KeyPersonListDocument = graphql(`
  query KeyPersonList($search: String, $organisation: ID, $includeArchived: Boolean, $first: Int!, $after: String) {
    keyPersons(search: $search, organisation: $organisation, includeArchived: $includeArchived, first: $first, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          id
          name
          archivedAt
          role {
            nameNl
            nameEn
          }
          roleDescription
          organisation {
            id
            name
          }
        }
      }
    }
  }
`);

export const EditKeyPersonDocument = graphql(`
  query EditKeyPerson($id: ID!) {
    keyPerson(id: $id) {
      ...KeyPersonFormFields
    }
  }
`);

export const CreateKeyPersonDocument = graphql(`
  mutation CreateKeyPerson($input: CreateKeyPersonInput!) {
    createKeyPerson(input: $input) {
      ...KeyPersonFormFields
    }
  }
`);

export const UpdateKeyPersonDocument = graphql(`
  mutation UpdateKeyPerson($id: ID!, $version: Int!, $input: UpdateKeyPersonInput!) {
    updateKeyPerson(id: $id, version: $version, input: $input) {
      ...KeyPersonFormFields
    }
  }
`);

export const ArchiveKeyPersonDocument = graphql(`
  mutation ArchiveKeyPerson($id: ID!, $version: Int!) {
    archiveKeyPerson(id: $id, version: $version) {
      ...KeyPersonFormFields
    }
  }
`);

export const RestoreKeyPersonDocument = graphql(`
  mutation RestoreKeyPerson($id: ID!, $version: Int!) {
    restoreKeyPerson(id: $id, version: $version) {
      ...KeyPersonFormFields
    }
  }
`);

export const EraseKeyPersonDocument = graphql(`
  mutation EraseKeyPerson($id: ID!, $reason: String!) {
    eraseKeyPerson(id: $id, reason: $reason) {
      id
      fields
    }
  }
`);

/** Propose instead of save (an organisation's user, to the curators): modules/proposal. */
export const ProposeNewKeyPersonDocument = graphql(`
  mutation ProposeNewKeyPerson($input: CreateKeyPersonInput!, $motivation: String!) {
    proposeNewKeyPerson(input: $input, motivation: $motivation) {
      id
    }
  }
`);

/** Propose a change instead of saving it (an organisation's user, for a key person of another organisation): modules/proposal. */
export const ProposeKeyPersonChangeDocument = graphql(`
  mutation ProposeKeyPersonChange($id: ID!, $version: Int!, $input: UpdateKeyPersonInput!, $motivation: String!) {
    proposeKeyPersonChange(id: $id, version: $version, input: $input, motivation: $motivation) {
      id
    }
  }
`);
