import { graphql } from '../../gql';

graphql(`
  fragment LocationFormFields on Location {
    id
    version
    name
    kind
    description
    address
    postcode
    city
    latitude
    longitude
    accessibility
    locationDescription
    status
    archivedAt
    lastVerifiedAt
    organisation {
      id
      name
    }
    area {
      id
    }
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
  }
`);

/** The positions the geocoder gives for an address, for the form to offer (nothing is written). */
export const GeocodeAddressDocument = graphql(`
  query GeocodeAddress($postcode: String!, $address: String!) {
    geocodeAddress(postcode: $postcode, address: $address) {
      address
      latitude
      longitude
      neighbourhoodCode
      areaId
    }
  }
`);

export const EditLocationDocument = graphql(`
  query EditLocation($id: ID!) {
    location(id: $id) {
      ...LocationFormFields
    }
  }
`);

export const CreateLocationDocument = graphql(`
  mutation CreateLocation($input: CreateLocationInput!) {
    createLocation(input: $input) {
      ...LocationFormFields
    }
  }
`);

export const UpdateLocationDocument = graphql(`
  mutation UpdateLocation($id: ID!, $version: Int!, $input: UpdateLocationInput!) {
    updateLocation(id: $id, version: $version, input: $input) {
      ...LocationFormFields
    }
  }
`);

export const ArchiveLocationDocument = graphql(`
  mutation ArchiveLocation($id: ID!, $version: Int!) {
    archiveLocation(id: $id, version: $version) {
      ...LocationFormFields
    }
  }
`);

export const RestoreLocationDocument = graphql(`
  mutation RestoreLocation($id: ID!, $version: Int!) {
    restoreLocation(id: $id, version: $version) {
      ...LocationFormFields
    }
  }
`);

export const LocationListDocument = graphql(`
  query LocationList($search: String, $organisation: ID, $includeArchived: Boolean, $first: Int!, $after: String) {
    locations(search: $search, organisation: $organisation, includeArchived: $includeArchived, first: $first, after: $after) {
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
          address
          status
          archivedAt
          organisation {
            id
            name
          }
        }
      }
    }
  }
`);

/** Propose instead of save (an organisation's user, to the curators): modules/proposal. */
export const ProposeLocationChangeDocument = graphql(`
  mutation ProposeLocationChange($id: ID!, $version: Int!, $input: UpdateLocationInput!, $motivation: String!) {
    proposeLocationChange(id: $id, version: $version, input: $input, motivation: $motivation) {
      id
    }
  }
`);

/** Propose instead of save (an organisation's user, to the curators): modules/proposal. */
export const ProposeNewLocationDocument = graphql(`
  mutation ProposeNewLocation($input: CreateLocationInput!, $motivation: String!) {
    proposeNewLocation(input: $input, motivation: $motivation) {
      id
    }
  }
`);
