/**
 * The target-group taxonomy that coverage follows (issue 18; the neighbourhood view's coverage,
 * neighbourhood.rules.coverage.ts). The curator defines two kinds of link:
 * - a parent: the broader group. A service for the broader group counts for every group below it
 *   ("ouderen" covers "alleenstaande ouderen"), never the other way round;
 * - "counts as": a service for this group also counts for the other one, in that direction only.
 *   Two groups that are synonyms count as each other (a link each way).
 * Both follow on: what a group counts for, counts for what lies below it, and so on.
 */

export interface TargetGroupLinks {
  id: string;
  parentId: string | null;
  /** The groups a service for this one also counts for. */
  countsAsIds: readonly string[];
}

/**
 * Per group, every group a service for it counts for: itself first, then the groups reached
 * through children and "counts as" links, nearest first. Cycles (a synonym pair) end where a
 * group is reached again; a link to a group not in `groups` (archived) is not followed.
 */
export function coverageReach(groups: readonly TargetGroupLinks[]): Map<string, string[]> {
  const known = new Set(groups.map((group) => group.id));
  const next = new Map<string, string[]>(groups.map((group) => [group.id, group.countsAsIds.filter((id) => known.has(id))]));
  for (const group of groups) if (group.parentId && known.has(group.parentId)) next.get(group.parentId)!.push(group.id);
  const reach = new Map<string, string[]>();
  for (const group of groups) {
    const seen = new Set([group.id]);
    const queue = [group.id];
    for (let i = 0; i < queue.length; i++) {
      for (const id of next.get(queue[i])!) {
        if (seen.has(id)) continue;
        seen.add(id);
        queue.push(id);
      }
    }
    reach.set(group.id, queue);
  }
  return reach;
}

/** The groups a service for `targetGroupIds` counts for (each once); an unknown id stays as it is. */
export function countsFor(targetGroupIds: readonly string[], reach: Map<string, string[]>): string[] {
  return [...new Set(targetGroupIds.flatMap((id) => reach.get(id) ?? [id]))];
}
