/**
 * Rule 3 of the neighbourhood view (neighbourhood.rules.ts): coverage, target groups × the ten
 * basic functions (§6.1; §6.3 "Wat is er nodig?"), counted from the active services serving
 * the area.
 */

export type CoverageStatus = 'COVERED' | 'THIN' | 'EMPTY' | 'UNKNOWN';

export interface CoverageService {
  id: string;
  targetGroupIds: string[];
  basicFunctionIds: string[];
}

export interface CoverageCellData {
  basicFunctionId: string | null;
  serviceIds: string[];
  status: CoverageStatus;
}

export interface CoverageRowData {
  targetGroupId: string;
  /** Every active service for the group, whatever its basic functions. */
  total: CoverageCellData;
  /** One cell per basic function, in the given order. */
  cells: CoverageCellData[];
  /** Services for the group with no basic function recorded (no intervention type linked). */
  unclassified: CoverageCellData;
}

export interface CoverageData {
  rows: CoverageRowData[];
  withoutTargetGroup: string[];
  withoutBasicFunction: string[];
}

export function countStatus(count: number, thinBelow: number): CoverageStatus {
  if (count === 0) return 'EMPTY';
  return count < thinBelow ? 'THIN' : 'COVERED';
}

/**
 * Target groups × basic functions. A service counts in every cell of its target groups and of
 * the basic functions of its intervention types (primary and secondary). A cell with no
 * service is EMPTY only when every service of the row has its basic functions recorded;
 * otherwise UNKNOWN: an unclassified service may well fill it.
 */
export function coverageMatrix(services: CoverageService[], targetGroupIds: string[], basicFunctionIds: string[], thinBelow: number): CoverageData {
  // One pass over the services (a district of a large city has thousands): each lands in the row of
  // every group it serves and in the cell of every function it has, in the services' order.
  const groupIndex = new Map(targetGroupIds.map((id, i) => [id, i]));
  const functionIndex = new Map(basicFunctionIds.map((id, i) => [id, i]));
  const totals = targetGroupIds.map((): string[] => []);
  const unclassified = targetGroupIds.map((): string[] => []);
  const cells = targetGroupIds.map(() => basicFunctionIds.map((): string[] => []));
  for (const service of services) {
    const functions = [...new Set(service.basicFunctionIds)].map((id) => functionIndex.get(id)).filter((f): f is number => f !== undefined);
    for (const groupId of new Set(service.targetGroupIds)) {
      const g = groupIndex.get(groupId);
      if (g === undefined) continue;
      totals[g].push(service.id);
      if (service.basicFunctionIds.length === 0) unclassified[g].push(service.id);
      for (const f of functions) cells[g][f].push(service.id);
    }
  }
  const rows = targetGroupIds.map(
    (targetGroupId, g): CoverageRowData => ({
      targetGroupId,
      total: { basicFunctionId: null, serviceIds: totals[g], status: countStatus(totals[g].length, thinBelow) },
      cells: basicFunctionIds.map((basicFunctionId, f): CoverageCellData => {
        const serviceIds = cells[g][f];
        const status = serviceIds.length === 0 && unclassified[g].length > 0 ? 'UNKNOWN' : countStatus(serviceIds.length, thinBelow);
        return { basicFunctionId, serviceIds, status };
      }),
      unclassified: { basicFunctionId: null, serviceIds: unclassified[g], status: unclassified[g].length > 0 ? 'COVERED' : 'EMPTY' },
    }),
  );
  return {
    rows,
    withoutTargetGroup: services.filter((service) => service.targetGroupIds.length === 0).map((service) => service.id),
    withoutBasicFunction: services.filter((service) => service.basicFunctionIds.length === 0).map((service) => service.id),
  };
}
