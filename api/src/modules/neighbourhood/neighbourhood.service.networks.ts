import type { NeighbourhoodThresholds } from '../../config';
import { loadAll } from '../../common/loaders';
import type { RequestContext } from '../../context';
import type { NetworkMember } from '../network/network-member.entity';
import { isCurrentNetworkMember, membershipToday } from '../network';
import { type Network, NetworkKind } from '../network/network.entity';
import type { ServingRelation } from './neighbourhood.loaders';
import { type IndicatorRef, selectYear, valueOf } from './neighbourhood.rules.figures';
import { type TeamMemberFacts, assessTeam, teamMembers } from './neighbourhood.rules.team';
import { assessSwitchModel } from './neighbourhood.rules.switch-model';
import { groupPart, loadMany, thresholdsOf, unique } from './neighbourhood.service';
import { type NeighbourhoodView, NetworkCoverage, SwitchModelCheck, TeamNormCheck } from './neighbourhood.types';
import type { ServingServiceRow } from './neighbourhood.loaders';

/**
 * The networks covering an area, switch teams first, each switch team checked against the
 * book's team norms (§9.7 Beleid 4, §6.3 "Omvang", §9.7 Praktijk 2; the rules in
 * neighbourhood.rules.team.ts) with the population of the areas it covers.
 */

const POPULATION = 'population';

/**
 * Inhabitants of a network's areas: the sum of their populations (own or derived figures),
 * leaving out areas that lie inside another of its areas. Null when one of them has none.
 */
async function populationsOf(ctx: RequestContext, areaIdsByNetwork: Map<string, string[]>, year: number | null): Promise<Map<string, { population: number | null; year: number | null }>> {
  const areaIds = unique([...areaIdsByNetwork.values()].flat());
  const [figureList, ancestorLists] = await Promise.all([
    loadMany(ctx.loaders.figuresOfAreaAndChildren, areaIds),
    loadMany(ctx.loaders.areaAncestorIds, areaIds),
  ]);
  const figures = new Map(figureList.map((f) => [f.areaId, f]));
  const ancestors = new Map(areaIds.map((id, i) => [id, ancestorLists[i]]));
  const result = new Map<string, { population: number | null; year: number | null }>();
  for (const [networkId, ids] of areaIdsByNetwork) {
    const outermost = ids.filter((id) => !ancestors.get(id)!.some((ancestor) => ids.includes(ancestor)));
    let population: number | null = outermost.length > 0 ? 0 : null;
    let latest: number | null = null;
    for (const id of outermost) {
      const areaFigures = figures.get(id);
      const row = areaFigures?.rows.find((r) => r.code === POPULATION);
      const indicator: IndicatorRef | null = row ? { id: row.indicatorId, code: POPULATION, unit: row.unit } : null;
      const chosen = indicator ? selectYear(areaFigures, indicator, year) : undefined;
      const value = indicator && chosen !== undefined ? valueOf(areaFigures, indicator.id, POPULATION, chosen) : null;
      if (!value || population === null) {
        population = null;
        break;
      }
      population += value.value;
      if (value.year !== null && (latest === null || value.year > latest)) latest = value.year;
    }
    result.set(networkId, { population, year: population === null ? null : latest });
  }
  return result;
}

export interface NetworksPart {
  coverage: NetworkCoverage[];
  networks: Network[];
}

function memberFacts(member: NetworkMember): TeamMemberFacts {
  return { id: member.id, tier: member.tier, fte: member.fte, knowledgeAreas: member.knowledgeAreas, joinedOn: member.joinedOn, leftOn: member.leftOn };
}

/** Networks covering the area, switch teams first, with the team norm checks where they apply. */
export function viewNetworks(ctx: RequestContext, view: NeighbourhoodView): Promise<NetworksPart> {
  return groupPart(view, 'networks', async (views) => {
    const thresholds = thresholdsOf(ctx);
    const coveringLists = await loadMany(ctx.loaders.networksCoveringArea, views.map((v) => v.area.id));
    const allNetworks = await loadAll(ctx.loaders.networkById, unique(coveringLists.flat().map((c) => c.id)));
    const byId = new Map(allNetworks.map((network) => [network.id, network]));
    const normed = allNetworks.filter((network) => thresholds.normNetworkKinds.includes(network.kind));
    const [memberLists, areaLists] = await Promise.all([
      loadMany(ctx.loaders.membersByNetwork, allNetworks.map((network) => network.id)),
      loadMany(ctx.loaders.areaIdsByNetwork, normed.map((network) => network.id)),
    ]);
    const members = new Map(allNetworks.map((network, i) => [network.id, memberLists[i]]));
    // Views opened together share their year.
    const populations = await populationsOf(ctx, new Map(normed.map((network, i) => [network.id, areaLists[i]])), views[0].year);
    const today = membershipToday();
    // What the teams' members provide for each area: the basic functions by number (§6.1), for the switch-model check.
    const [serviceLists, basicFunctions] = await Promise.all([loadMany(ctx.loaders.servicesServingArea, views.map((v) => v.area.id)), ctx.loaders.basicFunctionsInOrder.load('all')]);
    const numberOf = new Map(basicFunctions.map((f) => [f.id, f.number]));
    return coveringLists.map((covering, i) => networksOfView(covering, byId, members, populations, thresholds, today, serviceLists[i], numberOf));
  });
}

function networksOfView(
  covering: Array<{ id: string; relation: ServingRelation }>,
  byId: Map<string, Network>,
  members: Map<string, NetworkMember[]>,
  populations: Map<string, { population: number | null; year: number | null }>,
  thresholds: NeighbourhoodThresholds,
  today: string,
  services: readonly ServingServiceRow[],
  numberOf: ReadonlyMap<string, number>,
): NetworksPart {
  const networks = covering.map((c) => byId.get(c.id)).filter((network): network is Network => network !== undefined);
  const coverage = covering
    .filter((c) => byId.has(c.id))
    .map((c) => {
      const network = byId.get(c.id)!;
      const list = members.get(network.id) ?? [];
      const current = list.filter((member) => isCurrentNetworkMember(member, today));
      const node = Object.assign(new NetworkCoverage(), {
        networkId: network.id,
        relation: c.relation,
        memberIds: current.map((member) => member.id),
        teamMemberIds: [] as string[],
        normsApply: thresholds.normNetworkKinds.includes(network.kind),
        population: null as number | null,
        populationYear: null as number | null,
        normChecks: [] as TeamNormCheck[],
        overall: null,
        knowledgeAreasPresent: [],
        knowledgeAreasMissing: [],
        switchModelCheck: null as SwitchModelCheck | null,
      });
      if (network.kind === NetworkKind.SWITCH_TEAM) {
        // The team's current core members' organisations, and the basic functions of their services for the area.
        const teamIds = new Set(teamMembers(list.map(memberFacts), today).map((m) => m.id));
        const organisations = new Set(list.filter((m) => teamIds.has(m.id) && m.organisationId).map((m) => m.organisationId!));
        if (network.coordinatorOrganisationId) organisations.add(network.coordinatorOrganisationId);
        const theirs = services.filter((service) => service.organisationId !== null && organisations.has(service.organisationId));
        const functions = theirs.flatMap((service) => service.basicFunctionIds.map((id) => numberOf.get(id)).filter((n): n is number => n !== undefined));
        node.switchModelCheck = Object.assign(new SwitchModelCheck(), assessSwitchModel(network.switchModel, theirs.length > 0 ? functions : null));
      }
      if (node.normsApply) {
        const population = populations.get(network.id) ?? { population: null, year: null };
        const assessment = assessTeam(
          { population: population.population, populationYear: population.year, members: list.map(memberFacts), teamKnowledge: network.knowledgeAreas },
          thresholds,
          today,
        );
        Object.assign(node, {
          population: population.population,
          populationYear: population.year,
          teamMemberIds: assessment.teamMemberIds,
          normChecks: assessment.checks.map((check) => Object.assign(new TeamNormCheck(), check)),
          overall: assessment.overall,
          knowledgeAreasPresent: assessment.knowledgePresent,
          knowledgeAreasMissing: assessment.knowledgeMissing,
        });
      }
      return node;
    });
  return { coverage, networks };
}
