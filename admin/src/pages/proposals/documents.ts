import { graphql } from '../../gql';

graphql(`
  fragment ProposalFields on Proposal {
    id
    version
    kind
    status
    targetId
    targetVersion
    targetName
    payload
    currentValues
    motivation
    decisionReason
    decidedAt
    resultId
    createdAt
    proposerName
    decidedByName
    proposerOrganisation {
      id
      name
    }
    history {
      action
      occurredAt
      actorName
      reason
    }
  }
`);

export const ProposalListDocument = graphql(`
  query ProposalList($status: ProposalStatus, $first: Int!, $after: String) {
    proposals(status: $status, first: $first, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          id
          kind
          status
          targetId
          targetName
          payload
          createdAt
          proposerOrganisation {
            id
            name
          }
        }
      }
    }
  }
`);

export const ProposalDocument = graphql(`
  query Proposal($id: ID!) {
    proposal(id: $id) {
      ...ProposalFields
    }
  }
`);

export const AcceptProposalDocument = graphql(`
  mutation AcceptProposal($id: ID!, $version: Int!, $reason: String) {
    acceptProposal(id: $id, version: $version, reason: $reason) {
      ...ProposalFields
    }
  }
`);

export const RejectProposalDocument = graphql(`
  mutation RejectProposal($id: ID!, $version: Int!, $reason: String) {
    rejectProposal(id: $id, version: $version, reason: $reason) {
      ...ProposalFields
    }
  }
`);

export const WithdrawProposalDocument = graphql(`
  mutation WithdrawProposal($id: ID!, $version: Int!) {
    withdrawProposal(id: $id, version: $version) {
      ...ProposalFields
    }
  }
`);
