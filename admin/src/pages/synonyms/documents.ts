import { graphql } from '../../gql';

graphql(`
  fragment SearchSynonymFields on SearchSynonym {
    id
    version
    terms
    updatedAt
  }
`);

export const SearchSynonymsDocument = graphql(`
  query SearchSynonyms {
    searchSynonyms {
      ...SearchSynonymFields
    }
  }
`);

export const CreateSearchSynonymDocument = graphql(`
  mutation CreateSearchSynonym($input: SearchSynonymInput!) {
    createSearchSynonym(input: $input) {
      ...SearchSynonymFields
    }
  }
`);

export const UpdateSearchSynonymDocument = graphql(`
  mutation UpdateSearchSynonym($id: ID!, $version: Int!, $input: SearchSynonymInput!) {
    updateSearchSynonym(id: $id, version: $version, input: $input) {
      ...SearchSynonymFields
    }
  }
`);

export const DeleteSearchSynonymDocument = graphql(`
  mutation DeleteSearchSynonym($id: ID!, $version: Int!) {
    deleteSearchSynonym(id: $id, version: $version)
  }
`);
