import { useQuery } from '@apollo/client/react';
import { graphql } from '../gql';
import type { AreaLevel } from '../gql/graphql';

export const AreaTreeDocument = graphql(`
  query AreaTree {
    areas(rootsOnly: true, first: 100) {
      edges {
        node {
          id
          slug
          name
          level
          descendants {
            id
            slug
            name
            level
            parent {
              id
            }
          }
        }
      }
    }
  }
`);

export interface TreeArea {
  id: string;
  slug: string;
  name: string;
  level: AreaLevel;
  depth: number;
  children: TreeArea[];
}

/** The area hierarchy (municipality → district → neighbourhood) in tree order. */
export function useAreaTree() {
  const result = useQuery(AreaTreeDocument);
  const roots: TreeArea[] = [];
  const flat: TreeArea[] = [];
  for (const { node } of result.data?.areas.edges ?? []) {
    const root: TreeArea = { id: node.id, slug: node.slug, name: node.name, level: node.level, depth: 0, children: [] };
    roots.push(root);
    flat.push(root);
    const byId = new Map<string, TreeArea>([[root.id, root]]);
    for (const d of node.descendants) {
      const parent = d.parent ? byId.get(d.parent.id) : undefined;
      const area: TreeArea = { id: d.id, slug: d.slug, name: d.name, level: d.level, depth: parent ? parent.depth + 1 : 1, children: [] };
      (parent ?? root).children.push(area);
      byId.set(area.id, area);
      flat.push(area);
    }
  }
  return { ...result, roots, flat };
}
