import { createServer, type Server } from 'node:http';
import { type GraphQLField, type GraphQLNamedType, type GraphQLObjectType, getNamedType, isLeafType, isObjectType, isNonNullType } from 'graphql';
import { features } from '../../features';
import { getSchema } from '../../graphql/schema';
import { TEST_PASSWORD, type As, type TestApp, createTestUsers, dataOf, startTestApp } from '../../test/app';

/**
 * The role × operation matrix, generated from the schema: every query and mutation is called
 * by every kind of caller, and must succeed or fail with the designed code. An operation
 * missing from EXPECTED fails the test, so nothing ships without a decided rule.
 */
type Principal = 'anonymous' | 'admin' | 'municipality' | 'organisation' | 'wrongOrganisation' | 'keyReadMap' | 'keyReferralsOnly' | 'keyWriteOwn';
type Outcome = 'ok' | 'UNAUTHENTICATED' | 'FORBIDDEN';
const PRINCIPALS: Principal[] = ['anonymous', 'admin', 'municipality', 'organisation', 'wrongOrganisation', 'keyReadMap', 'keyReferralsOnly', 'keyWriteOwn'];

const publicMap: Record<Principal, Outcome> = {
  anonymous: 'ok', admin: 'ok', municipality: 'ok', organisation: 'ok', wrongOrganisation: 'ok', keyReadMap: 'ok', keyReferralsOnly: 'FORBIDDEN', keyWriteOwn: 'FORBIDDEN',
};
const loggedInUsers: Record<Principal, Outcome> = {
  anonymous: 'UNAUTHENTICATED', admin: 'ok', municipality: 'ok', organisation: 'ok', wrongOrganisation: 'ok', keyReadMap: 'FORBIDDEN', keyReferralsOnly: 'FORBIDDEN', keyWriteOwn: 'FORBIDDEN',
};
const adminsOnly: Record<Principal, Outcome> = {
  anonymous: 'UNAUTHENTICATED', admin: 'ok', municipality: 'FORBIDDEN', organisation: 'FORBIDDEN', wrongOrganisation: 'FORBIDDEN', keyReadMap: 'FORBIDDEN', keyReferralsOnly: 'FORBIDDEN', keyWriteOwn: 'FORBIDDEN',
};
/** Managing SWA's API keys: SWA's own users and admins (keys never manage keys). */
const ownOrganisation: Record<Principal, Outcome> = {
  anonymous: 'UNAUTHENTICATED', admin: 'ok', municipality: 'FORBIDDEN', organisation: 'ok', wrongOrganisation: 'FORBIDDEN', keyReadMap: 'FORBIDDEN', keyReferralsOnly: 'FORBIDDEN', keyWriteOwn: 'FORBIDDEN',
};
/** Curating SWA's records: admins, SWA's users, and SWA's keys with WRITE_OWN_ORGANISATION. */
const ownOrganisationRecords: Record<Principal, Outcome> = { ...ownOrganisation, keyWriteOwn: 'ok' };
/** Each organisation's own work list: any organisation user or writing key, and admins. */
const organisationsOwnLists: Record<Principal, Outcome> = { ...ownOrganisationRecords, wrongOrganisation: 'ok' };
// proposals: organisation users propose, admins (the curators) decide
/** Only organisation users propose (admins change records themselves; API keys do not propose). */
const organisationUsers: Record<Principal, Outcome> = { ...ownOrganisation, admin: 'FORBIDDEN', wrongOrganisation: 'ok' };
/** Admins see every proposal, each organisation's users their own organisation's. */
const proposalReaders: Record<Principal, Outcome> = { ...ownOrganisation, wrongOrganisation: 'ok' };
const everyone: Record<Principal, Outcome> = {
  anonymous: 'ok', admin: 'ok', municipality: 'ok', organisation: 'ok', wrongOrganisation: 'ok', keyReadMap: 'ok', keyReferralsOnly: 'ok', keyWriteOwn: 'ok',
};

// catalogue, key figures, networks
/** Key figures: admins, and municipality users for their areas and below (the test user: Randenbroek-Schuilenburg; the matrix uses Schuilenburg). */
const keyFigureCurators: Record<Principal, Outcome> = { ...adminsOnly, municipality: 'ok' };

// referrals
/** A referral SWA is involved in: SWA's users and SWA's REFERRALS key. Admins and municipality users read no cases. */
const referralParties: Record<Principal, Outcome> = {
  anonymous: 'UNAUTHENTICATED', admin: 'FORBIDDEN', municipality: 'FORBIDDEN', organisation: 'ok', wrongOrganisation: 'FORBIDDEN', keyReadMap: 'FORBIDDEN', keyReferralsOnly: 'ok', keyWriteOwn: 'FORBIDDEN',
};
/** Each organisation's own referrals: creating one, its inbox and outbox. */
const referralOrganisations: Record<Principal, Outcome> = { ...referralParties, wrongOrganisation: 'ok' };
/** Referral aggregates: admins and municipality users. */
const referralAggregates: Record<Principal, Outcome> = { ...adminsOnly, municipality: 'ok' };

// partner integration
/** SWA's webhooks: SWA's users, SWA's REFERRALS key (the partner system registers its own endpoint) and admins. */
const webhookManagers: Record<Principal, Outcome> = { ...ownOrganisation, keyReferralsOnly: 'ok' };

const EXPECTED: Record<string, Record<Principal, Outcome>> = {
  'Query.areas': publicMap,
  'Query.area': publicMap,
  'Query.keyFigures': publicMap,
  'Query.indicators': publicMap,
  'Query.interventionTypes': publicMap,
  'Query.interventionType': publicMap,
  'Query.basicFunctions': publicMap,
  'Query.targetGroups': publicMap,
  'Query.targetGroup': publicMap,
  'Query.organisations': publicMap,
  'Query.organisation': publicMap,
  'Query.locations': publicMap,
  'Query.location': publicMap,
  /** The location form's position lookup: those who may edit locations (any organisation's, for its own or a new one). */
  'Query.geocodeAddress': organisationsOwnLists,
  'Query.services': publicMap,
  'Query.service': publicMap,
  'Query.networks': publicMap,
  'Query.network': publicMap,
  'Query.keyPersonRoles': publicMap,
  'Query.keyPersons': loggedInUsers,
  'Query.keyPerson': loggedInUsers,
  'Query.viewer': everyone,
  'Query.users': adminsOnly,
  'Mutation.createUser': adminsOnly,
  'Query.user': adminsOnly,
  'Mutation.inviteUser': adminsOnly,
  'Mutation.updateUser': adminsOnly,
  'Mutation.setUserStatus': adminsOnly,
  'Mutation.resetUserPassword': adminsOnly,
  'Query.apiKeys': ownOrganisation,
  'Mutation.createApiKey': ownOrganisation,
  'Mutation.revokeApiKey': ownOrganisation,
  'Mutation.createOrganisation': adminsOnly,
  'Mutation.updateOrganisation': ownOrganisationRecords,
  'Mutation.archiveOrganisation': adminsOnly,
  'Mutation.restoreOrganisation': adminsOnly,
  'Mutation.mergeOrganisations': adminsOnly,
  'Query.organisationMergePreview': adminsOnly,
  'Query.changeHistory': loggedInUsers,
  'Query.staleRecords': organisationsOwnLists,
  'Mutation.markVerified': ownOrganisationRecords,
  'Mutation.markRecordsVerified': ownOrganisationRecords,
  'Query.similarRecords': { ...organisationsOwnLists, keyWriteOwn: 'FORBIDDEN' },
  // locations, services, key persons
  'Mutation.createLocation': ownOrganisationRecords,
  'Mutation.updateLocation': ownOrganisationRecords,
  'Mutation.archiveLocation': ownOrganisationRecords,
  'Mutation.restoreLocation': ownOrganisationRecords,
  'Mutation.createService': ownOrganisationRecords,
  'Mutation.updateService': ownOrganisationRecords,
  'Mutation.archiveService': ownOrganisationRecords,
  'Mutation.restoreService': ownOrganisationRecords,
  // Key persons are personal data: admins and SWA's users, no API key (not even WRITE_OWN_ORGANISATION).
  'Mutation.createKeyPerson': ownOrganisation,
  'Mutation.updateKeyPerson': ownOrganisation,
  'Mutation.archiveKeyPerson': ownOrganisation,
  'Mutation.restoreKeyPerson': ownOrganisation,
  // Data-subject rights (GDPR art. 15, 17): admins act on a person's request; nobody else, no API key.
  'Mutation.eraseKeyPerson': adminsOnly,
  'Query.keyPersonDataExport': adminsOnly,
  'Mutation.eraseUser': adminsOnly,
  'Query.userDataExport': adminsOnly,
  // catalogue, key figures, networks
  'Mutation.createArea': adminsOnly,
  'Mutation.updateArea': adminsOnly,
  'Mutation.archiveArea': adminsOnly,
  'Mutation.restoreArea': adminsOnly,
  'Mutation.createIndicator': adminsOnly,
  'Mutation.updateIndicator': adminsOnly,
  'Mutation.archiveIndicator': adminsOnly,
  'Mutation.restoreIndicator': adminsOnly,
  'Mutation.createKeyFigure': keyFigureCurators,
  'Mutation.updateKeyFigure': keyFigureCurators,
  'Mutation.deleteKeyFigure': keyFigureCurators,
  'Mutation.upsertKeyFigures': keyFigureCurators,
  'Mutation.createInterventionType': adminsOnly,
  'Mutation.updateInterventionType': adminsOnly,
  'Mutation.archiveInterventionType': adminsOnly,
  'Mutation.restoreInterventionType': adminsOnly,
  'Mutation.createTargetGroup': adminsOnly,
  'Query.searchSynonyms': adminsOnly,
  'Mutation.createSearchSynonym': adminsOnly,
  'Mutation.updateSearchSynonym': adminsOnly,
  'Mutation.deleteSearchSynonym': adminsOnly,
  'Mutation.updateTargetGroup': adminsOnly,
  'Mutation.archiveTargetGroup': adminsOnly,
  'Mutation.restoreTargetGroup': adminsOnly,
  // Networks SWA coordinates, and their members: admins, SWA's users and SWA's writing keys.
  'Mutation.createNetwork': ownOrganisationRecords,
  'Mutation.updateNetwork': ownOrganisationRecords,
  'Mutation.archiveNetwork': ownOrganisationRecords,
  'Mutation.restoreNetwork': ownOrganisationRecords,
  'Mutation.addNetworkMember': ownOrganisationRecords,
  'Mutation.updateNetworkMember': ownOrganisationRecords,
  'Mutation.removeNetworkMember': ownOrganisationRecords,
  // referrals
  'Query.referral': referralParties,
  'Query.referrals': referralOrganisations,
  'Query.networkAgenda': referralParties,
  'Query.referralStatistics': referralAggregates,
  'Query.accessLog': adminsOnly,
  'Query.refusedAccessAttempts': adminsOnly,
  'Mutation.handOverReferral': referralParties,
  'Mutation.consultOnReferral': referralParties,
  'Mutation.setReferralIdentifyingDetails': referralParties,
  'Mutation.createReferral': referralOrganisations,
  'Mutation.acceptReferral': referralParties,
  'Mutation.declineReferral': referralParties,
  'Mutation.changeReferralStatus': referralParties,
  'Mutation.recordConsent': referralParties,
  'Mutation.addReferralAction': referralParties,
  'Mutation.completeReferralAction': referralParties,
  'Mutation.addReferralNote': referralParties,
  'Mutation.closeReferral': referralParties,
  'Mutation.purgeClosedReferrals': adminsOnly,
  // neighbourhood view: public map data (key persons and referral aggregates are field-level rules, tested in neighbourhood.test.ts)
  'Query.neighbourhoodView': publicMap,
  'Query.compareAreas': publicMap,
  'Query.rankAreas': publicMap,
  // partner integration
  'Query.webhooks': webhookManagers,
  'Query.webhookDeliveries': webhookManagers,
  'Mutation.createWebhook': webhookManagers,
  'Mutation.updateWebhook': webhookManagers,
  'Mutation.rotateWebhookSecret': webhookManagers,
  'Mutation.deleteWebhook': webhookManagers,
  // notifications: each signed-in user's own (API keys have none)
  'Query.notifications': loggedInUsers,
  'Query.unreadNotificationCount': loggedInUsers,
  'Query.notificationSettings': loggedInUsers,
  'Mutation.markNotificationsRead': loggedInUsers,
  'Mutation.setNotificationEmailMode': loggedInUsers,
  // proposals (SWA's user proposes; a fresh record and a fresh pending SWA proposal per caller, see prepare)
  'Query.proposals': proposalReaders,
  'Query.proposal': ownOrganisation,
  'Mutation.proposeNewOrganisation': organisationUsers,
  'Mutation.proposeOrganisationChange': organisationUsers,
  'Mutation.proposeNewLocation': organisationUsers,
  'Mutation.proposeLocationChange': organisationUsers,
  'Mutation.proposeNewService': organisationUsers,
  'Mutation.proposeServiceChange': organisationUsers,
  'Mutation.proposeNewKeyPerson': organisationUsers,
  'Mutation.proposeKeyPersonChange': organisationUsers,
  'Mutation.withdrawProposal': { ...ownOrganisation, admin: 'FORBIDDEN' },
  'Mutation.acceptProposal': adminsOnly,
  'Mutation.rejectProposal': adminsOnly,
};

describe('access matrix (generated from the schema)', () => {
  let t: TestApp;
  const as: Partial<Record<Principal, As>> = { anonymous: {} };
  const ids: Record<string, string> = {};
  const versions: Record<string, number> = {};

  let geocoder: Server;

  beforeAll(async () => {
    // geocodeAddress asks a geocoder: a local stub that finds nothing (never the real Locatieserver).
    geocoder = createServer((_req, res) => void res.writeHead(200, { 'content-type': 'application/json' }).end('{"response":{"numFound":0,"docs":[]}}'));
    await new Promise<void>((resolve) => geocoder.listen(0, '127.0.0.1', resolve));
    process.env.GEOCODER_URL = `http://127.0.0.1:${(geocoder.address() as { port: number }).port}/free`;
    t = await startTestApp({ env: { GEOCODER_URL: process.env.GEOCODER_URL } });
    await createTestUsers(t.db);
    as.admin = { cookie: await t.login('admin@test.local', TEST_PASSWORD) };
    as.municipality = { cookie: await t.login('gemeente@test.local', TEST_PASSWORD) };
    as.organisation = { cookie: await t.login('swa@test.local', TEST_PASSWORD) };
    as.wrongOrganisation = { cookie: await t.login('riagg@test.local', TEST_PASSWORD) };
    ids.swa = (await t.db.dataSource.query(`SELECT id FROM organisation WHERE slug = 'swa'`))[0].id;
    const createKey = `mutation($input: CreateApiKeyInput!) { createApiKey(input: $input) { key apiKey { id } } }`;
    const readMap = dataOf(await t.gql(createKey, { input: { organisationId: ids.swa, name: 'matrix read', scopes: ['READ_MAP'] } }, as.organisation)).createApiKey;
    const referrals = dataOf(await t.gql(createKey, { input: { organisationId: ids.swa, name: 'matrix referrals', scopes: ['REFERRALS'] } }, as.organisation)).createApiKey;
    const writeOwn = dataOf(await t.gql(createKey, { input: { organisationId: ids.swa, name: 'matrix write', scopes: ['WRITE_OWN_ORGANISATION'] } }, as.organisation)).createApiKey;
    as.keyWriteOwn = { bearer: writeOwn.key };
    as.keyReadMap = { bearer: readMap.key };
    as.keyReferralsOnly = { bearer: referrals.key };
    ids.swaKey = readMap.apiKey.id;
    const [person] = await t.db.dataSource.query(
      `INSERT INTO key_person (name, organisation_id) VALUES ('Matrix Sleutelpersoon', $1) RETURNING id`,
      [ids.swa],
    );
    ids.keyPerson = person.id;
  });
  afterAll(async () => {
    await t.close();
    geocoder.close();
  });

  /** Arguments for operations with required arguments; a new one must be added here. */
  let uniqueUser = 0;
  const requiredVariables: Record<string, () => Record<string, unknown>> = {
    'Query.area': () => ({ slug: 'kruiskamp' }),
    'Query.interventionType': () => ({ code: 'schakelen-tussen-teamleden' }),
    'Query.targetGroup': () => ({ code: 'kwetsbare-ouderen-sociaal-isolement' }),
    'Query.organisation': () => ({ slug: 'swa' }),
    'Query.location': () => ({ slug: 'nijenstede' }),
    'Query.geocodeAddress': () => ({ postcode: '3811 LM', houseNumber: 1 }),
    'Query.service': () => ({ slug: 'eetclub' }),
    'Query.network': () => ({ slug: 'buurtnetwerk-55plus' }),
    'Query.keyPerson': () => ({ id: ids.keyPerson }),
    'Query.apiKeys': () => ({ organisationId: ids.swa }),
    'Mutation.createApiKey': () => ({ input: { organisationId: ids.swa, name: 'matrix', scopes: ['READ_MAP'] } }),
    // Revoke a fresh key each time, so every caller is tested against a live key.
    'Mutation.revokeApiKey': () => ({ id: ids.swaKey }),
    // Curation mutations act on SWA (or a fresh record), reading the current version each time.
    'Mutation.createOrganisation': () => ({ input: { name: `Matrix ${++uniqueUser}`, sector: 'OTHER' } }),
    'Mutation.updateOrganisation': () => ({ id: ids.swa, version: versions.swa, input: { subsector: `matrix ${++uniqueUser}` } }),
    'Mutation.archiveOrganisation': () => ({ id: ids.archivable, version: versions.archivable }),
    'Mutation.restoreOrganisation': () => ({ id: ids.archivable, version: versions.archivable }),
    // a fresh pair per caller (see prepare), both at version 1
    'Mutation.mergeOrganisations': () => ({ input: { sourceId: ids.mergeSource, targetId: ids.mergeTarget, sourceVersion: 1, targetVersion: 1 } }),
    'Query.organisationMergePreview': () => ({ sourceId: ids.mergeSource, targetId: ids.mergeTarget }),
    'Query.changeHistory': () => ({ entityType: 'ORGANISATION', entityId: ids.swa }),
    'Mutation.markVerified': () => ({ entityType: 'ORGANISATION', id: ids.swa }),
    'Mutation.markRecordsVerified': () => ({ records: [{ entityType: 'ORGANISATION', id: ids.swa }] }),
    'Query.similarRecords': () => ({ kind: 'ORGANISATION', name: 'Welzijn Amersfoort' }),
    'Mutation.createUser': () => ({ input: { email: `matrix${++uniqueUser}@test.local`, displayName: 'M', password: 'long enough password', role: 'ADMIN' } }),
    'Mutation.inviteUser': () => ({ input: { email: `matrix${++uniqueUser}@test.local`, displayName: 'M', role: 'ADMIN' } }),
    // account changes: a fresh account per caller at version 1 (see prepare).
    'Query.user': () => ({ id: ids.erasableUser }),
    'Mutation.updateUser': () => ({ input: { id: ids.erasableUser, version: 1, displayName: 'Matrix hernoemd' } }),
    'Mutation.setUserStatus': () => ({ id: ids.erasableUser, version: 1, status: 'DISABLED' }),
    'Mutation.resetUserPassword': () => ({ id: ids.erasableUser }),
    // locations, services, key persons: SWA's, a fresh record per caller (see prepare).
    'Mutation.createLocation': () => ({ input: { name: `Matrix locatie ${++uniqueUser}`, organisationId: ids.swa } }),
    'Mutation.updateLocation': () => ({ id: ids.location, version: 1, input: { kind: 'matrix' } }),
    'Mutation.archiveLocation': () => ({ id: ids.location, version: 1 }),
    'Mutation.restoreLocation': () => ({ id: ids.location, version: 1 }),
    'Mutation.createService': () => ({ input: { name: `Matrix dienst ${++uniqueUser}`, organisationId: ids.swa } }),
    'Mutation.updateService': () => ({ id: ids.service, version: 1, input: { frequency: 'wekelijks' } }),
    'Mutation.archiveService': () => ({ id: ids.service, version: 1 }),
    'Mutation.restoreService': () => ({ id: ids.service, version: 1 }),
    'Mutation.createKeyPerson': () => ({ input: { name: 'Matrix Curatiepersoon', organisationId: ids.swa } }),
    'Mutation.updateKeyPerson': () => ({ id: ids.curatedKeyPerson, version: 1, input: { notes: 'matrix' } }),
    'Mutation.archiveKeyPerson': () => ({ id: ids.curatedKeyPerson, version: 1 }),
    'Mutation.restoreKeyPerson': () => ({ id: ids.curatedKeyPerson, version: 1 }),
    // data-subject rights: a fresh key person and a fresh account to erase per caller (see prepare).
    'Mutation.eraseKeyPerson': () => ({ id: ids.erasableKeyPerson, reason: 'AVG-verzoek 2024-01' }),
    'Query.keyPersonDataExport': () => ({ id: ids.keyPerson }),
    'Mutation.eraseUser': () => ({ id: ids.erasableUser, reason: 'AVG-verzoek 2024-01' }),
    'Query.userDataExport': () => ({ id: ids.erasableUser }),
    // catalogue, key figures, networks: a fresh record per caller at version 1 (see prepare).
    'Mutation.createArea': () => ({ input: { name: `Matrix buurt ${++uniqueUser}`, level: 'NEIGHBOURHOOD', parent: 'randenbroek-schuilenburg' } }),
    'Mutation.updateArea': () => ({ id: ids.area, version: 1, input: { description: 'matrix' } }),
    'Mutation.archiveArea': () => ({ id: ids.area, version: 1 }),
    'Mutation.restoreArea': () => ({ id: ids.area, version: 1 }),
    'Mutation.createIndicator': () => ({ input: { code: `matrix_${++uniqueUser}`, nameNl: 'Matrix', nameEn: 'Matrix', unit: 'COUNT' } }),
    'Mutation.updateIndicator': () => ({ id: ids.indicator, version: 1, input: { description: 'matrix' } }),
    'Mutation.archiveIndicator': () => ({ id: ids.indicator, version: 1 }),
    'Mutation.restoreIndicator': () => ({ id: ids.indicator, version: 1 }),
    'Mutation.createKeyFigure': () => ({ input: { area: 'schuilenburg', indicator: 'population', year: 2001, value: 10, source: `Matrix ${++uniqueUser}` } }),
    'Mutation.updateKeyFigure': () => ({ id: ids.keyFigure, version: 1, input: { value: 2 } }),
    'Mutation.deleteKeyFigure': () => ({ id: ids.keyFigure, version: 1 }),
    'Mutation.upsertKeyFigures': () => ({ input: [{ area: 'schuilenburg', indicator: 'population', year: 2002, value: ++uniqueUser, source: 'Matrix upsert' }] }),
    'Mutation.createInterventionType': () => ({ input: { nameNl: `Matrix interventie ${++uniqueUser}` } }),
    'Mutation.updateInterventionType': () => ({ id: ids.interventionType, version: 1, input: { description: 'matrix' } }),
    'Mutation.archiveInterventionType': () => ({ id: ids.interventionType, version: 1 }),
    'Mutation.restoreInterventionType': () => ({ id: ids.interventionType, version: 1 }),
    'Mutation.createTargetGroup': () => ({ input: { nameNl: `Matrix doelgroep ${++uniqueUser}` } }),
    'Mutation.createSearchSynonym': () => ({ input: { terms: [`matrixzoekterm${++uniqueUser}`, `matrixsynoniem${uniqueUser}`] } }),
    'Mutation.updateSearchSynonym': () => ({ id: ids.searchSynonym, version: 1, input: { terms: [`matrixzoekterm${++uniqueUser}`, `matrixsynoniem${uniqueUser}`] } }),
    'Mutation.deleteSearchSynonym': () => ({ id: ids.searchSynonym, version: 1 }),
    'Mutation.updateTargetGroup': () => ({ id: ids.targetGroup, version: 1, input: { description: 'matrix' } }),
    'Mutation.archiveTargetGroup': () => ({ id: ids.targetGroup, version: 1 }),
    'Mutation.restoreTargetGroup': () => ({ id: ids.targetGroup, version: 1 }),
    'Mutation.createNetwork': () => ({ input: { name: `Matrix netwerk ${++uniqueUser}`, kind: 'OTHER', coordinatorOrganisationId: ids.swa } }),
    'Mutation.updateNetwork': () => ({ id: ids.network, version: 1, input: { purpose: 'matrix' } }),
    'Mutation.archiveNetwork': () => ({ id: ids.network, version: 1 }),
    'Mutation.restoreNetwork': () => ({ id: ids.network, version: 1 }),
    'Mutation.addNetworkMember': () => ({ networkId: ids.network, input: { organisationName: 'Matrix lid' } }),
    'Mutation.updateNetworkMember': () => ({ id: ids.networkMember, version: 1, input: { role: 'matrix' } }),
    'Mutation.removeNetworkMember': () => ({ id: ids.networkMember, version: 1 }),
    // referrals: a fresh referral from Beweging 3.0 to SWA per caller, in the status the operation needs (see prepare).
    'Query.referral': () => ({ id: ids.referral }),
    'Query.networkAgenda': () => ({ networkId: ids.referralNetwork }),
    'Query.accessLog': () => ({ dossierNumber: '1999-00001' }),
    'Mutation.createReferral': () => ({ input: { receivingOrganisationId: ids.referringOrganisation, summary: 'matrix' } }),
    'Mutation.acceptReferral': () => ({ id: ids.referral, version: 1 }),
    'Mutation.declineReferral': () => ({ id: ids.referral, version: 1, input: { reason: 'matrix' } }),
    'Mutation.changeReferralStatus': () => ({ id: ids.referral, version: 1, input: { to: 'ACTION_AGREED' } }),
    'Mutation.recordConsent': () => ({ id: ids.referral, version: 1, input: { given: true, scope: 'RECEIVER' } }),
    'Mutation.addReferralAction': () => ({ id: ids.referral, version: 1, input: { description: 'matrix', assignedOrganisationId: ids.swa } }),
    'Mutation.completeReferralAction': () => ({ id: ids.referralAction, version: 1, input: { result: 'matrix' } }),
    'Mutation.addReferralNote': () => ({ id: ids.referral, version: 1, input: { text: 'matrix' } }),
    'Mutation.closeReferral': () => ({ id: ids.referral, version: 1, input: { outcome: 'matrix', problemOwnerOrganisationId: ids.swa } }),
    'Mutation.handOverReferral': () => ({ id: ids.referral, version: 1, input: { organisationId: ids.referringOrganisation } }),
    'Mutation.consultOnReferral': () => ({ id: ids.referral, version: 1, input: { organisationId: ids.shellPartner } }),
    'Mutation.setReferralIdentifyingDetails': () => ({ id: ids.referral, version: 1, input: { identifyingDetails: 'matrix' } }),
    // neighbourhood view
    'Query.neighbourhoodView': () => ({ area: 'kruiskamp' }),
    'Query.compareAreas': () => ({ areas: ['kruiskamp', 'randenbroek'] }),
    'Query.rankAreas': () => ({ municipality: 'amersfoort', by: 'INDICATOR', indicator: 'pct_age_65_plus' }),
    // partner integration: SWA's webhooks, a fresh one per caller at version 1 (see prepare).
    'Query.webhooks': () => ({ organisationId: ids.swa }),
    'Query.webhookDeliveries': () => ({ webhookId: ids.webhook }),
    'Mutation.createWebhook': () => ({ input: { organisationId: ids.swa, url: 'https://partner.example.org/schakel', events: ['CREATED'], description: 'matrix' } }),
    'Mutation.updateWebhook': () => ({ id: ids.webhook, version: 1, input: { description: 'matrix' } }),
    'Mutation.rotateWebhookSecret': () => ({ id: ids.webhook, version: 1 }),
    'Mutation.deleteWebhook': () => ({ id: ids.webhook, version: 1 }),
    'Mutation.setNotificationEmailMode': () => ({ emailMode: 'DIGEST' }),
    // proposals: about a fresh record at version 1 (see prepare), SWA at its version
    'Query.proposal': () => ({ id: ids.proposal }),
    'Mutation.proposeNewOrganisation': () => ({ input: { name: `Matrix voorstel ${++uniqueUser}`, sector: 'OTHER' }, motivation: 'matrix' }),
    'Mutation.proposeOrganisationChange': () => ({ id: ids.swa, version: versions.swa, input: { subsector: 'matrix' }, motivation: 'matrix' }),
    'Mutation.proposeNewLocation': () => ({ input: { name: `Matrix voorstel ${++uniqueUser}` }, motivation: 'matrix' }),
    'Mutation.proposeLocationChange': () => ({ id: ids.location, version: 1, input: { kind: 'matrix' }, motivation: 'matrix' }),
    'Mutation.proposeNewService': () => ({ input: { name: `Matrix voorstel ${++uniqueUser}` }, motivation: 'matrix' }),
    'Mutation.proposeServiceChange': () => ({ id: ids.service, version: 1, input: { frequency: 'wekelijks' }, motivation: 'matrix' }),
    'Mutation.proposeNewKeyPerson': () => ({ input: { name: 'Matrix Voorstelpersoon' }, motivation: 'matrix' }),
    'Mutation.proposeKeyPersonChange': () => ({ id: ids.curatedKeyPerson, version: 1, input: { notes: 'matrix' }, motivation: 'matrix' }),
    'Mutation.withdrawProposal': () => ({ id: ids.proposal, version: 1 }),
    'Mutation.acceptProposal': () => ({ id: ids.proposal, version: 1 }),
    'Mutation.rejectProposal': () => ({ id: ids.proposal, version: 1, reason: 'matrix' }),
  };

  /** Fresh state for operations that change what they act on. */
  async function prepare(name: string): Promise<void> {
    const version = async (id: string) => Number((await t.db.dataSource.query(`SELECT version FROM organisation WHERE id = $1`, [id]))[0].version);
    versions.swa = await version(ids.swa);
    if (name === 'Mutation.mergeOrganisations' || name === 'Query.organisationMergePreview') {
      const fresh = async (label: string) =>
        (await t.db.dataSource.query(`INSERT INTO organisation (slug, name, sector) VALUES ('matrix-' || gen_random_uuid(), 'Matrix ${label} ' || gen_random_uuid(), 'OTHER') RETURNING id`))[0].id as string;
      ids.mergeSource = await fresh('bron');
      ids.mergeTarget = await fresh('doel');
    }
    if (name === 'Mutation.archiveOrganisation' || name === 'Mutation.restoreOrganisation') {
      const [row] = await t.db.dataSource.query(
        `INSERT INTO organisation (slug, name, sector, archived_at) VALUES ('matrix-' || gen_random_uuid(), 'Matrix ' || gen_random_uuid(), 'OTHER', $1) RETURNING id`,
        [name === 'Mutation.restoreOrganisation' ? new Date() : null],
      );
      ids.archivable = row.id;
      versions.archivable = 1;
    }
    // locations, services, key persons: a fresh SWA record (archived for restore) at version 1.
    const owned = /^Mutation\.(update|archive|restore|propose)(Location|Service|KeyPerson)(Change)?$/.exec(name);
    if (owned) {
      const archivedAt = owned[1] === 'restore' ? new Date() : null;
      const insert: Record<string, string> = {
        Location: `INSERT INTO location (slug, name, organisation_id, archived_at) VALUES ('matrix-' || gen_random_uuid(), 'Matrix locatie ' || gen_random_uuid(), $1, $2) RETURNING id`,
        Service: `INSERT INTO service (slug, name, organisation_id, archived_at) VALUES ('matrix-' || gen_random_uuid(), 'Matrix dienst ' || gen_random_uuid(), $1, $2) RETURNING id`,
        KeyPerson: `INSERT INTO key_person (name, organisation_id, archived_at) VALUES ('Matrix Curatiepersoon', $1, $2) RETURNING id`,
      };
      const key: Record<string, string> = { Location: 'location', Service: 'service', KeyPerson: 'curatedKeyPerson' };
      const [row] = await t.db.dataSource.query(insert[owned[2]], [ids.swa, archivedAt]);
      ids[key[owned[2]]] = row.id;
    }
    // A fresh pending proposal by SWA to change a fresh location (version 1), so accepting it succeeds.
    if (['Query.proposal', 'Mutation.withdrawProposal', 'Mutation.acceptProposal', 'Mutation.rejectProposal'].includes(name)) {
      const [location] = await t.db.dataSource.query(`INSERT INTO location (slug, name) VALUES ('matrix-' || gen_random_uuid(), 'Matrix voorstellocatie ' || gen_random_uuid()) RETURNING id`);
      const [proposal] = await t.db.dataSource.query(
        `INSERT INTO proposal (kind, target_id, target_version, payload, motivation, proposer_organisation_id) VALUES ('LOCATION', $1, 1, '{"kind": "matrix"}', 'matrix', $2) RETURNING id`,
        [location.id, ids.swa],
      );
      ids.proposal = proposal.id;
    }
    if (name === 'Mutation.eraseKeyPerson') {
      ids.erasableKeyPerson = (await t.db.dataSource.query(`INSERT INTO key_person (name, organisation_id) VALUES ('Matrix Wispersoon', $1) RETURNING id`, [ids.swa]))[0].id;
    }
    if (['Mutation.eraseUser', 'Query.userDataExport', 'Query.user', 'Mutation.updateUser', 'Mutation.setUserStatus', 'Mutation.resetUserPassword'].includes(name)) {
      ids.erasableUser = (
        await t.db.dataSource.query(
          `INSERT INTO app_user (email, display_name, password_hash, role) VALUES ('matrix-' || gen_random_uuid() || '@test.local', 'Matrix Wisaccount', 'x', 'ADMIN') RETURNING id`,
        )
      )[0].id;
    }
    // catalogue, key figures, networks: a fresh record (archived for restore) at version 1; networks and members are SWA's.
    const curated = /^Mutation\.(update|archive|restore|delete|add|remove)(Area|Indicator|KeyFigure|InterventionType|TargetGroup|Network|NetworkMember|SearchSynonym)$/.exec(name);
    if (curated) {
      const archivedAt = curated[1] === 'restore' ? new Date() : null;
      const insert = async (sql: string, params: unknown[]) => (await t.db.dataSource.query(sql, params))[0].id as string;
      const network = () =>
        insert(`INSERT INTO network (slug, name, kind, coordinator_organisation_id, archived_at) VALUES ('matrix-' || gen_random_uuid(), 'Matrix netwerk', 'OTHER', $1, $2) RETURNING id`, [ids.swa, archivedAt]);
      switch (curated[2]) {
        case 'Area':
          ids.area = await insert(
            `INSERT INTO area (slug, name, level, parent_id, archived_at) SELECT 'matrix-' || gen_random_uuid(), 'Matrix buurt', 'NEIGHBOURHOOD', id, $1 FROM area WHERE slug = 'randenbroek-schuilenburg' RETURNING id`,
            [archivedAt],
          );
          break;
        case 'Indicator':
          ids.indicator = await insert(`INSERT INTO indicator (code, name_nl, name_en, unit, archived_at) VALUES ('matrix-' || gen_random_uuid(), 'Matrix', 'Matrix', 'COUNT', $1) RETURNING id`, [archivedAt]);
          break;
        case 'KeyFigure':
          ids.keyFigure = await insert(
            `INSERT INTO key_figure (area_id, indicator_id, indicator_unit, year, value, source)
             SELECT a.id, i.id, i.unit, 2001, 1, 'matrix-' || gen_random_uuid() FROM area a, indicator i WHERE a.slug = 'schuilenburg' AND i.code = 'population' RETURNING id`,
            [],
          );
          break;
        case 'InterventionType':
          ids.interventionType = await insert(`INSERT INTO intervention_type (code, name_nl, archived_at) VALUES ('matrix-' || gen_random_uuid(), 'Matrix', $1) RETURNING id`, [archivedAt]);
          break;
        case 'TargetGroup':
          ids.targetGroup = await insert(`INSERT INTO target_group (code, name_nl, archived_at) VALUES ('matrix-' || gen_random_uuid(), 'Matrix', $1) RETURNING id`, [archivedAt]);
          break;
        case 'SearchSynonym':
          ids.searchSynonym = await insert(`WITH g AS (INSERT INTO search_synonym DEFAULT VALUES RETURNING id)
             INSERT INTO search_synonym_term (synonym_id, position, term, term_key)
             SELECT g.id, p, t, t FROM g, (VALUES (0, 'matrixa-' || gen_random_uuid()), (1, 'matrixb-' || gen_random_uuid())) AS v(p, t) RETURNING synonym_id AS id`, []);
          break;
        case 'Network':
          ids.network = await network();
          break;
        case 'NetworkMember':
          ids.network = await network();
          ids.networkMember = await insert(`INSERT INTO network_member (network_id, organisation_name) VALUES ($1, 'Matrix lid') RETURNING id`, [ids.network]);
          break;
      }
    }
    // referrals: a fresh referral from Beweging 3.0 to SWA (with an open action), in the status the operation needs; a network with SWA alone.
    const referralStatus: Record<string, string> = {
      'Query.referral': 'EXPLORING',
      'Mutation.acceptReferral': 'SIGNALLED',
      'Mutation.declineReferral': 'SIGNALLED',
      'Mutation.changeReferralStatus': 'EXPLORING',
      'Mutation.recordConsent': 'EXPLORING',
      'Mutation.addReferralAction': 'EXPLORING',
      'Mutation.completeReferralAction': 'IN_PROGRESS',
      'Mutation.addReferralNote': 'EXPLORING',
      'Mutation.closeReferral': 'IN_PROGRESS',
      'Mutation.handOverReferral': 'EXPLORING',
      'Mutation.consultOnReferral': 'EXPLORING',
      'Mutation.setReferralIdentifyingDetails': 'EXPLORING',
    };
    ids.referringOrganisation ??= (await t.db.dataSource.query(`SELECT id FROM organisation WHERE slug = 'beweging-3-0'`))[0].id;
    if (name in referralStatus) {
      // Consultations need a network with a shell partner (Kwintes) around SWA, a core member.
      if (name === 'Mutation.consultOnReferral' && !ids.consultNetwork) {
        const [network] = await t.db.dataSource.query(`INSERT INTO network (slug, name, kind) VALUES ('matrix-' || gen_random_uuid(), 'Matrix schil', 'OTHER') RETURNING id`);
        ids.shellPartner = (await t.db.dataSource.query(`SELECT id FROM organisation WHERE slug = 'kwintes'`))[0].id;
        await t.db.dataSource.query(`INSERT INTO network_member (network_id, organisation_id, tier) VALUES ($1, $2, 'CORE'), ($1, $3, 'SHELL')`, [network.id, ids.swa, ids.shellPartner]);
        ids.consultNetwork = network.id;
      }
      const status = referralStatus[name];
      const [referral] = await t.db.dataSource.query(
        `INSERT INTO referral (dossier_number, referring_organisation_id, receiving_organisation_id, holder_organisation_id, network_id, status) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
        [`1999-${String(++uniqueUser).padStart(5, '0')}`, ids.referringOrganisation, ids.swa, status === 'SIGNALLED' ? null : ids.swa, name === 'Mutation.consultOnReferral' ? ids.consultNetwork : null, status],
      );
      ids.referral = referral.id;
      // Changing the identifying details: the person consented to the receiver (SWA) reading them.
      if (name === 'Mutation.setReferralIdentifyingDetails') await t.db.dataSource.query(`INSERT INTO referral_consent (referral_id, scope, given_at) VALUES ($1, 'RECEIVER', now())`, [referral.id]);
      const [action] = await t.db.dataSource.query(
        `INSERT INTO referral_action (referral_id, description, assigned_organisation_id, due_on) VALUES ($1, 'Matrix', $2, current_date) RETURNING id`,
        [referral.id, ids.swa],
      );
      ids.referralAction = action.id;
    }
    if (name === 'Query.networkAgenda' && !ids.referralNetwork) {
      const [network] = await t.db.dataSource.query(`INSERT INTO network (slug, name, kind) VALUES ('matrix-' || gen_random_uuid(), 'Matrix overleg', 'OTHER') RETURNING id`);
      await t.db.dataSource.query(`INSERT INTO network_member (network_id, organisation_id) VALUES ($1, $2)`, [network.id, ids.swa]);
      ids.referralNetwork = network.id;
    }
  }

  // partner integration: a fresh SWA webhook at version 1; earlier matrix webhooks go, so the per-organisation limit never bites.
  async function prepareWebhook(name: string): Promise<void> {
    if (!/^(Query\.webhookDeliveries|Mutation\.(createWebhook|updateWebhook|rotateWebhookSecret|deleteWebhook))$/.test(name)) return;
    await t.db.dataSource.query(`DELETE FROM webhook WHERE description = 'matrix'`);
    const [webhook] = await t.db.dataSource.query(
      `INSERT INTO webhook (organisation_id, url, events, description, secret_ciphertext, secret_hint)
       VALUES ($1, 'https://partner.example.org/schakel', '{CREATED}', 'matrix', 'plain:whsec_matrix', 'whsec_matr…') RETURNING id`,
      [ids.swa],
    );
    ids.webhook = webhook.id;
  }

  function operationFor(kind: 'query' | 'mutation', field: GraphQLField<unknown, unknown>, variables: Record<string, unknown>): string {
    const required = field.args.filter((arg) => isNonNullType(arg.type) || arg.name in variables);
    const declared = required.map((arg) => `$${arg.name}: ${arg.type.toString()}`).join(', ');
    const passed = required.map((arg) => `${arg.name}: $${arg.name}`).join(', ');
    // Scalars (a JSON export) take no selection; every other result is asked for its __typename.
    const selection = isLeafType(getNamedType(field.type)) ? '' : ' { __typename }';
    return `${kind}${declared ? `(${declared})` : ''} { ${field.name}${passed ? `(${passed})` : ''}${selection} }`;
  }

  const schema = getSchema(features);
  const operations: Array<[string, 'query' | 'mutation', GraphQLField<unknown, unknown>]> = [];
  for (const [kind, type] of [['query', schema.getQueryType()], ['mutation', schema.getMutationType()]] as const) {
    for (const field of Object.values(type?.getFields() ?? {})) operations.push([`${type!.name}.${field.name}`, kind, field]);
  }

  it('has a decided rule for every operation in the schema', () => {
    const undecided = operations.map(([name]) => name).filter((name) => !EXPECTED[name]);
    expect(undecided).toEqual([]);
    const stale = Object.keys(EXPECTED).filter((name) => !operations.some(([op]) => op === name));
    expect(stale).toEqual([]);
  });

  it.each(operations.map(([name, kind, field]) => [name, kind, field] as const))('%s', async (name, kind, field) => {
    const expected = EXPECTED[name];
    if (!expected) throw new Error(`No rule decided for ${name}`);
    const results: Record<string, string> = {};
    for (const principal of PRINCIPALS) {
      await prepare(name);
      await prepareWebhook(name);
      if (name === 'Mutation.revokeApiKey') {
        const { apiKey } = dataOf(
          await t.gql(`mutation($input: CreateApiKeyInput!) { createApiKey(input: $input) { apiKey { id } } }`, { input: { organisationId: ids.swa, name: 'to revoke', scopes: ['READ_MAP'] } }, as.organisation),
        ).createApiKey;
        ids.swaKey = apiKey.id;
      }
      const variables = requiredVariables[name]?.() ?? {};
      const missing = field.args.filter((arg) => isNonNullType(arg.type) && !(arg.name in variables));
      if (missing.length > 0) throw new Error(`Add required arguments for ${name} to requiredVariables`);
      const res = await t.gql(operationFor(kind, field, variables), variables, as[principal]);
      const codes = (res.body.errors ?? []).map((e) => e.extensions?.code);
      const denied = codes.find((code) => code === 'UNAUTHENTICATED' || code === 'FORBIDDEN');
      results[principal] = denied ?? (codes.length === 0 ? 'ok' : `error ${codes.join(',')}`);
    }
    expect(results).toEqual(expected);
  });

  /** Every path from the root to a key person: root fields, and edges such as Area.keyPersons. */
  function pathsToKeyPersons(): string[] {
    const queryType = schema.getQueryType()!;
    const target = (type: GraphQLNamedType) => type.name === 'KeyPerson' || type.name === 'KeyPersonConnection';
    const queries: string[] = [];
    // Breadth-first from the root over fields without required arguments, to each type holding a key person edge.
    const routes = new Map<string, string[]>([[queryType.name, []]]);
    const queue: GraphQLObjectType[] = [queryType];
    while (queue.length > 0) {
      const type = queue.shift()!;
      for (const field of Object.values(type.getFields())) {
        if (field.args.some((arg) => isNonNullType(arg.type))) continue;
        const named = getNamedType(field.type);
        // Single-record root lookups need an id or slug; lists reach every type just as well.
        if (type === queryType && !named.name.endsWith('Connection') && !field.type.toString().includes('[')) continue;
        const route = [...routes.get(type.name)!, field.name];
        if (target(named)) {
          const selection = named.name === 'KeyPersonConnection' ? '{ edges { node { name email phone } } }' : '{ name email phone }';
          queries.push(route.reduceRight((inner, step, i) => (i === route.length - 1 ? `${step} ${selection}` : `${step} { ${inner} }`), ''));
        } else if (isObjectType(named) && !routes.has(named.name)) {
          routes.set(named.name, route);
          queue.push(named);
        }
      }
    }
    return queries.map((q) => `{ ${q} }`);
  }

  it('guards every nested path to key persons, not only the root queries', async () => {
    // Only the matrix key person stays current (the key person mutations above created others).
    await t.db.dataSource.query(`UPDATE key_person SET archived_at = now() WHERE id <> $1 AND archived_at IS NULL`, [ids.keyPerson]);
    // Put the key person where every edge can reach it.
    await t.db.dataSource.query(`INSERT INTO key_person_area (key_person_id, area_id) SELECT $1, id FROM area`, [ids.keyPerson]);
    await t.db.dataSource.query(`UPDATE network_member SET key_person_id = $1 WHERE id = (SELECT id FROM network_member ORDER BY id LIMIT 1)`, [ids.keyPerson]);
    const paths = pathsToKeyPersons();
    // The root list, and the edges from Area, Organisation and NetworkMember (keyPerson(id) is in the matrix above).
    expect(paths.length).toBeGreaterThanOrEqual(4);
    expect(paths.some((p) => p.includes('members { keyPerson {'))).toBe(true);
    for (const query of paths) {
      for (const principal of ['anonymous', 'keyReadMap'] as Principal[]) {
        const res = await t.gql(query, undefined, as[principal]);
        expect(JSON.stringify(res.body.data ?? null)).not.toContain('Matrix Sleutelpersoon');
        const codes = (res.body.errors ?? []).map((e) => e.extensions?.code);
        expect(codes.length).toBeGreaterThan(0);
        for (const code of codes) expect(code).toBe(principal === 'anonymous' ? 'UNAUTHENTICATED' : 'FORBIDDEN');
      }
    }
    const seen = await t.gql(`{ organisation(slug: "swa") { keyPersons { name } } }`, undefined, as.municipality);
    expect(dataOf(seen).organisation.keyPersons).toEqual([{ name: 'Matrix Sleutelpersoon' }]);
  });
});
