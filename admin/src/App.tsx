import { lazy } from 'react';
import { Navigate, Route, Routes } from 'react-router-dom';
import { homePath, permissions } from './auth/permissions';
import { RequireUser } from './auth/RequireUser';
import { useViewer } from './auth/viewer';
import { Layout } from './components/Layout';

/**
 * Every page is loaded on first use, so the first download (the frame: header, menu, who is
 * signed in) stays under its budget (scripts/check-first-load.mjs): the neighbourhood view,
 * with its map and charts, comes with the neighbourhood view.
 */
const LoginPage = lazy(() => import('./pages/LoginPage').then((m) => ({ default: m.LoginPage })));
const NotFoundPage = lazy(() => import('./pages/NotFoundPage').then((m) => ({ default: m.NotFoundPage })));
const DashboardIndexPage = lazy(() => import('./pages/dashboard/DashboardPage').then((m) => ({ default: m.DashboardIndexPage })));
const DashboardPage = lazy(() => import('./pages/dashboard/DashboardPage').then((m) => ({ default: m.DashboardPage })));
const OrganisationEditPage = lazy(() => import('./pages/organisations/OrganisationEditPage').then((m) => ({ default: m.OrganisationEditPage })));
const NewOrganisationPage = lazy(() => import('./pages/organisations/NewOrganisationPage').then((m) => ({ default: m.NewOrganisationPage })));
const OrganisationsPage = lazy(() => import('./pages/organisations/OrganisationsPage').then((m) => ({ default: m.OrganisationsPage })));
const ServicesPage = lazy(() => import('./pages/services/ServicesPage').then((m) => ({ default: m.ServicesPage })));
const ServiceEditPage = lazy(() => import('./pages/services/ServiceEditPage').then((m) => ({ default: m.ServiceEditPage })));
const NewServicePage = lazy(() => import('./pages/services/ServiceEditPage').then((m) => ({ default: m.NewServicePage })));
const LocationsPage = lazy(() => import('./pages/locations/LocationsPage').then((m) => ({ default: m.LocationsPage })));
const LocationEditPage = lazy(() => import('./pages/locations/LocationEditPage').then((m) => ({ default: m.LocationEditPage })));
const NewLocationPage = lazy(() => import('./pages/locations/LocationEditPage').then((m) => ({ default: m.NewLocationPage })));
const NotificationsPage = lazy(() => import('./pages/notifications/NotificationsPage').then((m) => ({ default: m.NotificationsPage })));
const InterventionTypesPage = lazy(() => import('./pages/taxonomies/TaxonomyPages').then((m) => ({ default: m.InterventionTypesPage })));
const InterventionTypeEditPage = lazy(() => import('./pages/taxonomies/TaxonomyPages').then((m) => ({ default: m.InterventionTypeEditPage })));
const NewInterventionTypePage = lazy(() => import('./pages/taxonomies/TaxonomyPages').then((m) => ({ default: m.NewInterventionTypePage })));
const TargetGroupsPage = lazy(() => import('./pages/taxonomies/TaxonomyPages').then((m) => ({ default: m.TargetGroupsPage })));
const TargetGroupEditPage = lazy(() => import('./pages/taxonomies/TaxonomyPages').then((m) => ({ default: m.TargetGroupEditPage })));
const NewTargetGroupPage = lazy(() => import('./pages/taxonomies/TaxonomyPages').then((m) => ({ default: m.NewTargetGroupPage })));
const KeyPersonsPage = lazy(() => import('./pages/key-persons/KeyPersonPages').then((m) => ({ default: m.KeyPersonsPage })));
const KeyPersonEditPage = lazy(() => import('./pages/key-persons/KeyPersonPages').then((m) => ({ default: m.KeyPersonEditPage })));
const NewKeyPersonPage = lazy(() => import('./pages/key-persons/KeyPersonPages').then((m) => ({ default: m.NewKeyPersonPage })));
const IndicatorRoutes = lazy(() => import('./pages/taxonomies/IndicatorPages').then((m) => ({ default: m.IndicatorRoutes })));
const SynonymRoutes = lazy(() => import('./pages/synonyms/SynonymPages').then((m) => ({ default: m.SynonymRoutes })));
const AreaRoutes = lazy(() => import('./pages/areas/AreaPages').then((m) => ({ default: m.AreaRoutes })));
const NetworkRoutes = lazy(() => import('./pages/networks/NetworkPages').then((m) => ({ default: m.NetworkRoutes })));
const ProposalRoutes = lazy(() => import('./pages/proposals/ProposalPages').then((m) => ({ default: m.ProposalRoutes })));
const UserRoutes = lazy(() => import('./pages/users/UserPages').then((m) => ({ default: m.UserRoutes })));
const AccessLogPage = lazy(() => import('./pages/access-log/AccessLogPage').then((m) => ({ default: m.AccessLogPage })));
const ComparePage = lazy(() => import('./pages/compare/ComparePage').then((m) => ({ default: m.ComparePage })));
const ChangeHistoryPage = lazy(() => import('./pages/curation/ChangeHistoryPage').then((m) => ({ default: m.ChangeHistoryPage })));
const ImportExportPage = lazy(() => import('./pages/curation/ImportExportPage').then((m) => ({ default: m.ImportExportPage })));
const StaleRecordsPage = lazy(() => import('./pages/curation/StaleRecordsPage').then((m) => ({ default: m.StaleRecordsPage })));
const ApiKeysPage = lazy(() => import('./pages/integrations/ApiKeysPage').then((m) => ({ default: m.ApiKeysPage })));
const WebhooksPage = lazy(() => import('./pages/integrations/WebhooksPage').then((m) => ({ default: m.WebhooksPage })));
const NetworkAgendaPage = lazy(() => import('./pages/referrals/NetworkAgendaPage').then((m) => ({ default: m.NetworkAgendaPage })));
const NewReferralPage = lazy(() => import('./pages/referrals/NewReferralPage').then((m) => ({ default: m.NewReferralPage })));
const ReferralDetailPage = lazy(() => import('./pages/referrals/ReferralDetailPage').then((m) => ({ default: m.ReferralDetailPage })));
const ReferralsPage = lazy(() => import('./pages/referrals/ReferralsPage').then((m) => ({ default: m.ReferralsPage })));

/**
 * Client-side routes (Dutch paths). The API serves index.html for every path it does not
 * handle itself, so each of these can be opened directly or reloaded.
 */
export function App() {
  return (
    <Routes>
      <Route element={<Layout />}>
        <Route path="/inloggen" element={<LoginPage />} />
        <Route
          index
          element={
            <RequireUser>
              <Home />
            </RequireUser>
          }
        />
        <Route
          path="/wijken"
          element={
            <RequireUser>
              <DashboardIndexPage />
            </RequireUser>
          }
        />
        <Route
          path="/wijken/:slug"
          element={
            <RequireUser>
              <DashboardPage />
            </RequireUser>
          }
        />
        <Route
          path="/organisaties"
          element={
            <RequireUser allow={permissions.curateAllOrganisations}>
              <OrganisationsPage />
            </RequireUser>
          }
        />
        <Route
          path="/organisaties/nieuw"
          element={
            <RequireUser allow={(viewer) => permissions.curateAllOrganisations(viewer) || permissions.proposeChanges(viewer)}>
              <NewOrganisationPage />
            </RequireUser>
          }
        />
        <Route
          path="/organisaties/:id"
          element={
            <RequireUser>
              <OrganisationEditPage />
            </RequireUser>
          }
        />
        <Route
          path="/diensten"
          element={
            <RequireUser allow={permissions.curateRecords}>
              <ServicesPage />
            </RequireUser>
          }
        />
        <Route
          path="/diensten/nieuw"
          element={
            <RequireUser allow={permissions.curateRecords}>
              <NewServicePage />
            </RequireUser>
          }
        />
        <Route
          path="/diensten/:id"
          element={
            <RequireUser allow={permissions.curateRecords}>
              <ServiceEditPage />
            </RequireUser>
          }
        />
        <Route
          path="/locaties"
          element={
            <RequireUser allow={permissions.curateRecords}>
              <LocationsPage />
            </RequireUser>
          }
        />
        <Route
          path="/locaties/nieuw"
          element={
            <RequireUser allow={permissions.curateRecords}>
              <NewLocationPage />
            </RequireUser>
          }
        />
        <Route
          path="/locaties/:id"
          element={
            <RequireUser allow={permissions.curateRecords}>
              <LocationEditPage />
            </RequireUser>
          }
        />
        <Route
          path="/meldingen"
          element={
            <RequireUser>
              <NotificationsPage />
            </RequireUser>
          }
        />
        <Route
          path="/interventies"
          element={
            <RequireUser allow={permissions.curateTaxonomies}>
              <InterventionTypesPage />
            </RequireUser>
          }
        />
        <Route
          path="/interventies/nieuw"
          element={
            <RequireUser allow={permissions.curateTaxonomies}>
              <NewInterventionTypePage />
            </RequireUser>
          }
        />
        <Route
          path="/interventies/:id"
          element={
            <RequireUser allow={permissions.curateTaxonomies}>
              <InterventionTypeEditPage />
            </RequireUser>
          }
        />
        <Route
          path="/doelgroepen"
          element={
            <RequireUser allow={permissions.curateTaxonomies}>
              <TargetGroupsPage />
            </RequireUser>
          }
        />
        <Route
          path="/doelgroepen/nieuw"
          element={
            <RequireUser allow={permissions.curateTaxonomies}>
              <NewTargetGroupPage />
            </RequireUser>
          }
        />
        <Route
          path="/doelgroepen/:id"
          element={
            <RequireUser allow={permissions.curateTaxonomies}>
              <TargetGroupEditPage />
            </RequireUser>
          }
        />
        <Route
          path="/sleutelpersonen"
          element={
            <RequireUser allow={permissions.curateRecords}>
              <KeyPersonsPage />
            </RequireUser>
          }
        />
        <Route
          path="/sleutelpersonen/nieuw"
          element={
            <RequireUser allow={permissions.curateRecords}>
              <NewKeyPersonPage />
            </RequireUser>
          }
        />
        <Route
          path="/sleutelpersonen/:id"
          element={
            <RequireUser allow={permissions.curateRecords}>
              <KeyPersonEditPage />
            </RequireUser>
          }
        />
        <Route
          path="/netwerken/*"
          element={
            <RequireUser allow={permissions.curateRecords}>
              <NetworkRoutes />
            </RequireUser>
          }
        />
        <Route
          path="/indicatoren/*"
          element={
            <RequireUser allow={permissions.curateTaxonomies}>
              <IndicatorRoutes />
            </RequireUser>
          }
        />
        <Route
          path="/synoniemen/*"
          element={
            <RequireUser allow={permissions.curateTaxonomies}>
              <SynonymRoutes />
            </RequireUser>
          }
        />
        <Route
          path="/gebieden/*"
          element={
            <RequireUser allow={permissions.curateTaxonomies}>
              <AreaRoutes />
            </RequireUser>
          }
        />
        <Route
          path="/voorstellen/*"
          element={
            <RequireUser allow={permissions.readProposals}>
              <ProposalRoutes />
            </RequireUser>
          }
        />
        <Route
          path="/gebruikers/*"
          element={
            <RequireUser allow={permissions.manageUsers}>
              <UserRoutes />
            </RequireUser>
          }
        />
        <Route
          path="/verwijzingen"
          element={
            <RequireUser allow={permissions.workWithReferrals}>
              <ReferralsPage />
            </RequireUser>
          }
        />
        <Route
          path="/verwijzingen/nieuw"
          element={
            <RequireUser allow={permissions.workWithReferrals}>
              <NewReferralPage />
            </RequireUser>
          }
        />
        <Route
          path="/verwijzingen/:dossier"
          element={
            <RequireUser allow={permissions.workWithReferrals}>
              <ReferralDetailPage />
            </RequireUser>
          }
        />
        <Route
          path="/netwerkoverleg"
          element={
            <RequireUser allow={permissions.workWithReferrals}>
              <NetworkAgendaPage />
            </RequireUser>
          }
        />
        <Route
          path="/api-sleutels"
          element={
            <RequireUser allow={permissions.manageIntegrations}>
              <ApiKeysPage />
            </RequireUser>
          }
        />
        <Route
          path="/webhooks"
          element={
            <RequireUser allow={permissions.manageIntegrations}>
              <WebhooksPage />
            </RequireUser>
          }
        />
        <Route
          path="/vergelijken"
          element={
            <RequireUser allow={permissions.compareAreas}>
              <ComparePage />
            </RequireUser>
          }
        />
        <Route
          path="/controleren"
          element={
            <RequireUser allow={permissions.verifyRecords}>
              <StaleRecordsPage />
            </RequireUser>
          }
        />
        <Route
          path="/geschiedenis/:type/:id"
          element={
            <RequireUser allow={permissions.readHistory}>
              <ChangeHistoryPage />
            </RequireUser>
          }
        />
        <Route
          path="/importeren"
          element={
            <RequireUser allow={permissions.importData}>
              <ImportExportPage />
            </RequireUser>
          }
        />
        <Route
          path="/toegangslog"
          element={
            <RequireUser allow={permissions.readAccessLog}>
              <AccessLogPage />
            </RequireUser>
          }
        />
        <Route path="*" element={<NotFoundPage />} />
      </Route>
    </Routes>
  );
}

/** The start page per role (see homePath). */
function Home() {
  const { viewer } = useViewer();
  return <Navigate to={homePath(viewer)} replace />;
}
