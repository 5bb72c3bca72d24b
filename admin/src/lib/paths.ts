import type { CuratedEntityType } from '../gql/graphql';

/**
 * Addresses of pages other pages link to, so a page need not import another page to link to
 * it (the routes themselves are in App.tsx).
 */

/** `/geschiedenis/organisation/<id>`: the type in the address in lower case with hyphens. */
export function historyPath(entityType: CuratedEntityType, id: string): string {
  return `/geschiedenis/${entityType.toLowerCase().replace(/_/g, '-')}/${id}`;
}

/** The edit form of a curated record that has one by its own id (organisations, services, locations, key persons, networks); null otherwise. */
export function editPath(entityType: CuratedEntityType | 'KEY_PERSON', id: string): string | null {
  switch (entityType) {
    case 'ORGANISATION':
      return `/organisaties/${id}`;
    case 'SERVICE':
      return `/diensten/${id}`;
    case 'LOCATION':
      return `/locaties/${id}`;
    case 'KEY_PERSON':
      return `/sleutelpersonen/${id}`;
    case 'NETWORK':
      return `/netwerken/${id}`;
    default:
      return null;
  }
}
