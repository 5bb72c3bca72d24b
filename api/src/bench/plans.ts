import type { Layout } from './plans.shared';
import { locationCount } from './plans.organisations';
import { planNetwork } from './plans.networks';
import { serviceProvider } from './plans.services';
import type { World } from './world';

/**
 * What one generated entity looks like: a pure function of (world, number), so every table
 * that needs the entity (the service itself, its target groups, its areas, …) plans it again
 * and gets the same answer.
 *
 * One file per entity group: plans.organisations.ts (organisations, locations), plans.services.ts,
 * plans.networks.ts (networks, members), plans.referrals.ts (referrals, their events and
 * actions), and what they share in plans.shared.ts. This file lays them out.
 */

/** The layout (plans.shared.ts Layout): each organisation's locations, each service's provider, each network's coordinator. */
export function planLayout(world: World): Layout {
  const organisations = world.organisationMunicipality.length;
  const locationStart = new Int32Array(organisations + 1);
  for (let o = 0; o < organisations; o += 1) locationStart[o + 1] = locationStart[o] + locationCount(world, o);
  const locationOrganisation = new Int32Array(locationStart[organisations]);
  for (let o = 0; o < organisations; o += 1) locationOrganisation.fill(o, locationStart[o], locationStart[o + 1]);

  const serviceOrganisation = new Int32Array(world.serviceMunicipality.length);
  const perOrganisation = new Int32Array(organisations + 1);
  for (let s = 0; s < serviceOrganisation.length; s += 1) {
    serviceOrganisation[s] = serviceProvider(world, s, world.random('service', s));
    perOrganisation[serviceOrganisation[s] + 1] += 1;
  }
  const organisationServiceStart = new Int32Array(organisations + 1);
  for (let o = 0; o < organisations; o += 1) organisationServiceStart[o + 1] = organisationServiceStart[o] + perOrganisation[o + 1];
  const organisationServices = new Int32Array(serviceOrganisation.length);
  const fill = organisationServiceStart.slice(0, organisations);
  serviceOrganisation.forEach((o, s) => {
    organisationServices[fill[o]] = s;
    fill[o] += 1;
  });

  const networkCoordinator = new Int32Array(world.networkCount);
  for (let n = 0; n < world.networkCount; n += 1) networkCoordinator[n] = planNetwork(world, n).coordinator;
  return { locationStart, locationOrganisation, serviceOrganisation, organisationServiceStart, organisationServices, networkCoordinator };
}
