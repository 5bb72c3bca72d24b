import { graphql } from '../../gql';
import type { CompareAreasQuery } from '../../gql/graphql';

/** compareAreas takes 1–20 areas; comparing needs at least two. */
export const MIN_AREAS = 2;
export const MAX_AREAS = 20;

export const CompareAreasDocument = graphql(`
  query CompareAreas($areas: [String!]!, $year: Int) {
    compareAreas(areas: $areas, year: $year) {
      year
      areas {
        id
        slug
        name
        level
      }
      views {
        municipality {
          id
          name
        }
        coverage {
          thinBelow
        }
      }
      indicators {
        indicatorCode
        indicator {
          id
          code
          nameNl
          nameEn
          unit
        }
        values {
          value
          year
          derived
          municipalityValue
        }
      }
      coverage {
        targetGroup {
          id
          code
          nameNl
          nameEn
        }
        serviceCounts
        statuses
        needs {
          status
        }
      }
    }
  }
`);

export type Comparison = CompareAreasQuery['compareAreas'];
