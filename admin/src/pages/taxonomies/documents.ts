import { graphql } from '../../gql';

graphql(`
  fragment InterventionTypeFormFields on InterventionType {
    id
    version
    code
    nameNl
    nameEn
    description
    category
    source
    archivedAt
    basicFunction {
      code
    }
    secondaryBasicFunction {
      code
    }
    parent {
      code
    }
  }
`);

graphql(`
  fragment TargetGroupFormFields on TargetGroup {
    id
    version
    code
    nameNl
    nameEn
    description
    minAge
    maxAge
    source
    archivedAt
    needIndicator {
      code
    }
    parent {
      code
    }
    countsAs {
      code
    }
  }
`);

export const BasicFunctionsDocument = graphql(`
  query BasicFunctions {
    basicFunctions {
      id
      code
      number
      nameNl
      nameEn
    }
  }
`);

export const InterventionTypeTreeDocument = graphql(`
  query InterventionTypeTree($first: Int!, $after: String) {
    interventionTypes(first: $first, after: $after, includeArchived: true) {
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          id
          code
          nameNl
          nameEn
          archivedAt
          basicFunction {
            code
          }
          parent {
            id
          }
        }
      }
    }
  }
`);

export const TargetGroupListDocument = graphql(`
  query TargetGroupList($first: Int!, $after: String) {
    targetGroups(first: $first, after: $after, includeArchived: true) {
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          id
          code
          nameNl
          nameEn
          minAge
          maxAge
          archivedAt
        }
      }
    }
  }
`);

export const IndicatorOptionsDocument = graphql(`
  query IndicatorOptions($first: Int!, $after: String) {
    indicators(first: $first, after: $after) {
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          id
          code
          nameNl
        }
      }
    }
  }
`);

export const EditInterventionTypeDocument = graphql(`
  query EditInterventionType($id: ID!) {
    interventionType(id: $id) {
      ...InterventionTypeFormFields
    }
  }
`);

export const CreateInterventionTypeDocument = graphql(`
  mutation CreateInterventionType($input: CreateInterventionTypeInput!) {
    createInterventionType(input: $input) {
      ...InterventionTypeFormFields
    }
  }
`);

export const UpdateInterventionTypeDocument = graphql(`
  mutation UpdateInterventionType($id: ID!, $version: Int!, $input: UpdateInterventionTypeInput!) {
    updateInterventionType(id: $id, version: $version, input: $input) {
      ...InterventionTypeFormFields
    }
  }
`);

export const ArchiveInterventionTypeDocument = graphql(`
  mutation ArchiveInterventionType($id: ID!, $version: Int!) {
    archiveInterventionType(id: $id, version: $version) {
      ...InterventionTypeFormFields
    }
  }
`);

export const RestoreInterventionTypeDocument = graphql(`
  mutation RestoreInterventionType($id: ID!, $version: Int!) {
    restoreInterventionType(id: $id, version: $version) {
      ...InterventionTypeFormFields
    }
  }
`);

export const EditTargetGroupDocument = graphql(`
  query EditTargetGroup($id: ID!) {
    targetGroup(id: $id) {
      ...TargetGroupFormFields
    }
  }
`);

export const CreateTargetGroupDocument = graphql(`
  mutation CreateTargetGroup($input: CreateTargetGroupInput!) {
    createTargetGroup(input: $input) {
      ...TargetGroupFormFields
    }
  }
`);

export const UpdateTargetGroupDocument = graphql(`
  mutation UpdateTargetGroup($id: ID!, $version: Int!, $input: UpdateTargetGroupInput!) {
    updateTargetGroup(id: $id, version: $version, input: $input) {
      ...TargetGroupFormFields
    }
  }
`);

export const ArchiveTargetGroupDocument = graphql(`
  mutation ArchiveTargetGroup($id: ID!, $version: Int!) {
    archiveTargetGroup(id: $id, version: $version) {
      ...TargetGroupFormFields
    }
  }
`);

export const RestoreTargetGroupDocument = graphql(`
  mutation RestoreTargetGroup($id: ID!, $version: Int!) {
    restoreTargetGroup(id: $id, version: $version) {
      ...TargetGroupFormFields
    }
  }
`);

graphql(`
  fragment IndicatorFormFields on Indicator {
    id
    version
    code
    nameNl
    nameEn
    unit
    description
    archivedAt
  }
`);

export const IndicatorListDocument = graphql(`
  query IndicatorList($first: Int!, $after: String) {
    indicators(first: $first, after: $after, includeArchived: true) {
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          ...IndicatorFormFields
        }
      }
    }
  }
`);

export const CreateIndicatorDocument = graphql(`
  mutation CreateIndicator($input: CreateIndicatorInput!) {
    createIndicator(input: $input) {
      ...IndicatorFormFields
    }
  }
`);

export const UpdateIndicatorDocument = graphql(`
  mutation UpdateIndicator($id: ID!, $version: Int!, $input: UpdateIndicatorInput!) {
    updateIndicator(id: $id, version: $version, input: $input) {
      ...IndicatorFormFields
    }
  }
`);

export const ArchiveIndicatorDocument = graphql(`
  mutation ArchiveIndicator($id: ID!, $version: Int!) {
    archiveIndicator(id: $id, version: $version) {
      ...IndicatorFormFields
    }
  }
`);

export const RestoreIndicatorDocument = graphql(`
  mutation RestoreIndicator($id: ID!, $version: Int!) {
    restoreIndicator(id: $id, version: $version) {
      ...IndicatorFormFields
    }
  }
`);
