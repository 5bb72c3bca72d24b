import { Navigate, Route, Routes } from 'react-router-dom';
import { RequireUser } from './auth/RequireUser';
import { can, useViewer } from './auth/viewer';
import { Layout } from './components/Layout';
import { DashboardIndexPage, DashboardPage } from './pages/dashboard/DashboardPage';
import { LoginPage } from './pages/LoginPage';
import { NotFoundPage } from './pages/NotFoundPage';
import { OrganisationEditPage } from './pages/organisations/OrganisationEditPage';
import { OrganisationsPage } from './pages/organisations/OrganisationsPage';
import { UsersPage } from './pages/UsersPage';

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
            <RequireUser allow={can.curateAllOrganisations}>
              <OrganisationsPage />
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
          path="/gebruikers"
          element={
            <RequireUser allow={can.manageUsers}>
              <UsersPage />
            </RequireUser>
          }
        />
        <Route path="*" element={<NotFoundPage />} />
      </Route>
    </Routes>
  );
}

/** The start page per role: a municipality user's own area, everyone else the area picker. */
function Home() {
  const { viewer } = useViewer();
  const ownArea = viewer?.role === 'MUNICIPALITY' ? viewer.areas[0] : undefined;
  return <Navigate to={ownArea ? `/wijken/${ownArea.slug}` : '/wijken'} replace />;
}
