import { graphql } from '../../gql';

/** Everything the detail page shows; every change answers it, so the page updates from the cache. */
graphql(`
  fragment ReferralDetail on Referral {
    id
    dossierNumber
    status
    version
    contentVisible
    identityVisible
    identifyingDetails
    availableTransitions
    stayAlert
    lookAgainOn
    lessonsLearned
    recordedAfterwards
    holderName
    holderOrganisation {
      id
      name
    }
    openedAt
    updatedAt
    closedAt
    summary
    declineReason
    outcome
    lifeDomains
    area {
      id
      name
    }
    referringOrganisation {
      id
      name
    }
    receivingOrganisation {
      id
      name
    }
    network {
      id
      name
    }
    service {
      id
      name
    }
    problemOwnerOrganisation {
      id
      name
    }
    targetGroups {
      id
      nameNl
      nameEn
    }
    consultations {
      id
      consultedAt
      question
      organisation {
        id
        name
      }
      consultedBy {
        id
        name
      }
    }
    consent {
      given
      scope
      recordedAt
      recordedBy
      records {
        id
        scope
        givenAt
        withdrawnAt
        recordedBy
        withdrawnBy
        organisation {
          id
          name
        }
      }
    }
    actions {
      id
      version
      description
      dueOn
      completedAt
      result
      overdue
      assignedOrganisation {
        id
        name
      }
    }
    events {
      id
      sequence
      type
      fromStatus
      toStatus
      occurredAt
      happenedOn
      note
      actorName
      data
      organisation {
        id
        name
      }
    }
  }
`);

export const ReferralDetailDocument = graphql(`
  query ReferralDetail($dossierNumber: String!) {
    referral(dossierNumber: $dossierNumber) {
      ...ReferralDetail
    }
  }
`);

export const AcceptReferralDocument = graphql(`
  mutation AcceptReferral($id: ID!, $version: Int!, $input: AcceptReferralInput) {
    acceptReferral(id: $id, version: $version, input: $input) {
      ...ReferralDetail
    }
  }
`);

export const DeclineReferralDocument = graphql(`
  mutation DeclineReferral($id: ID!, $version: Int!, $input: DeclineReferralInput!) {
    declineReferral(id: $id, version: $version, input: $input) {
      ...ReferralDetail
    }
  }
`);

export const ChangeReferralStatusDocument = graphql(`
  mutation ChangeReferralStatus($id: ID!, $version: Int!, $input: ChangeReferralStatusInput!) {
    changeReferralStatus(id: $id, version: $version, input: $input) {
      ...ReferralDetail
    }
  }
`);

export const CloseReferralDocument = graphql(`
  mutation CloseReferral($id: ID!, $version: Int!, $input: CloseReferralInput!) {
    closeReferral(id: $id, version: $version, input: $input) {
      ...ReferralDetail
    }
  }
`);

export const RecordConsentDocument = graphql(`
  mutation RecordConsent($id: ID!, $version: Int!, $input: ConsentInput!) {
    recordConsent(id: $id, version: $version, input: $input) {
      ...ReferralDetail
    }
  }
`);

export const AddReferralActionDocument = graphql(`
  mutation AddReferralAction($id: ID!, $version: Int!, $input: AddReferralActionInput!) {
    addReferralAction(id: $id, version: $version, input: $input) {
      ...ReferralDetail
    }
  }
`);

export const CompleteReferralActionDocument = graphql(`
  mutation CompleteReferralAction($id: ID!, $version: Int!, $input: CompleteReferralActionInput!) {
    completeReferralAction(id: $id, version: $version, input: $input) {
      ...ReferralDetail
    }
  }
`);

export const AddReferralNoteDocument = graphql(`
  mutation AddReferralNote($id: ID!, $version: Int!, $input: AddReferralNoteInput!) {
    addReferralNote(id: $id, version: $version, input: $input) {
      ...ReferralDetail
    }
  }
`);

export const HandOverReferralDocument = graphql(`
  mutation HandOverReferral($id: ID!, $version: Int!, $input: HandOverReferralInput!) {
    handOverReferral(id: $id, version: $version, input: $input) {
      ...ReferralDetail
    }
  }
`);

export const SetReferralIdentifyingDetailsDocument = graphql(`
  mutation SetReferralIdentifyingDetails($id: ID!, $version: Int!, $input: IdentifyingDetailsInput!) {
    setReferralIdentifyingDetails(id: $id, version: $version, input: $input) {
      ...ReferralDetail
    }
  }
`);

export const ConsultOnReferralDocument = graphql(`
  mutation ConsultOnReferral($id: ID!, $version: Int!, $input: ConsultOnReferralInput!) {
    consultOnReferral(id: $id, version: $version, input: $input) {
      ...ReferralDetail
    }
  }
`);

/** The network's members, for the consultation form: who is core (may consult), who is shell (may be consulted). */
export const ReferralNetworkMembersDocument = graphql(`
  query ReferralNetworkMembers($id: ID!) {
    network(id: $id) {
      id
      members {
        id
        tier
        leftOn
        organisation {
          id
          name
          abbreviation
        }
      }
    }
  }
`);
