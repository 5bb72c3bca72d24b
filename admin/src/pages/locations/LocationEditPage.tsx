import { Heading1, Paragraph } from '@utrecht/component-library-react';
import { useMutation, useQuery } from '@apollo/client/react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate, useParams } from 'react-router-dom';
import { permissions } from '../../auth/permissions';
import { Forbidden } from '../../auth/RequireUser';
import { useViewer } from '../../auth/viewer';
import { AppLink } from '../../components/AppLink';
import { usePageTitle } from '../../components/PageTitle';
import { RecordEditLayout, RecordPageState, type RecordNotice } from '../../components/RecordForm';
import { ArchiveLocationDocument, EditLocationDocument, RestoreLocationDocument } from './documents';
import { LocationForm } from './LocationForm';

/** /locaties/nieuw: add a location (admins; an organisation's users for their own organisation). */
export function NewLocationPage() {
  const { t } = useTranslation();
  const { viewer } = useViewer();
  const navigate = useNavigate();
  usePageTitle(t('locationForm.newTitle'));
  if (!permissions.curateRecords(viewer)) return <Forbidden />;
  return (
    <>
      <Paragraph>
        <AppLink to="/locaties">{t('locationForm.backToList')}</AppLink>
      </Paragraph>
      <Heading1>{t('locationForm.newTitle')}</Heading1>
      <LocationForm location={null} notice={null} onNotice={() => undefined} onReload={async () => undefined} onCreated={(id) => navigate(`/locaties/${id}`, { state: { notice: 'created' } })} />
    </>
  );
}

/** /locaties/:id: edit, archive or restore one location (admins; the operating organisation's own users). */
export function LocationEditPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const { viewer } = useViewer();
  const location = useLocation();
  const { data, loading, error, refetch } = useQuery(EditLocationDocument, { variables: { id }, fetchPolicy: 'cache-and-network' });
  const [notice, setNotice] = useState<RecordNotice>((location.state as { notice?: RecordNotice } | null)?.notice ?? null);
  const [archive] = useMutation(ArchiveLocationDocument);
  const [restore] = useMutation(RestoreLocationDocument);
  const place = data?.location;
  const allowed = permissions.editOwnedRecord(viewer, place?.organisation?.id);
  // An organisation's user on a location it does not operate: propose a change instead.
  const proposing = Boolean(place) && !allowed && permissions.proposeChanges(viewer);
  const navigate = useNavigate();
  usePageTitle(place ? (allowed ? t('locationForm.title', { name: place.name }) : proposing ? t('proposal.proposeChangeTitle', { name: place.name }) : t('forbidden.title')) : data ? t('locationForm.notFound') : t('locationForm.titleGeneric'));

  async function reload() {
    await refetch();
    setNotice('reloaded');
  }

  if (proposing && place) {
    return (
      <>
        <Paragraph>
          <AppLink to="/locaties?alle=1">{t('locationForm.backToList')}</AppLink>
        </Paragraph>
        <Heading1>{t('proposal.proposeChangeTitle', { name: place.name })}</Heading1>
        <Paragraph>{t('proposal.proposeChangeIntro', { organisation: place.organisation?.name ?? t('common.notRecorded') })}</Paragraph>
        <LocationForm
          key={`${place.id}:${place.version}`}
          location={place}
          notice={notice}
          onNotice={setNotice}
          onReload={reload}
          onProposed={(proposalId) => navigate(`/voorstellen/${proposalId}`, { state: { notice: 'proposed' } })}
        />
      </>
    );
  }

  return (
    <RecordPageState
      loading={loading && !data}
      error={error && !data ? error : null}
      found={Boolean(place)}
      allowed={allowed}
      loadingLabel={t('locationForm.loading')}
      what={t('locationForm.titleGeneric')}
      notFound={t('locationForm.notFound')}
      backTo="/locaties"
      backLabel={t('locationForm.backToList')}
      onRetry={() => void refetch()}
    >
      {place && (
        <RecordEditLayout
          record={place}
          historyType="LOCATION"
          listPath="/locaties"
          texts={{ backToList: t('locationForm.backToList'), title: t('locationForm.title', { name: place.name }), what: t('locationForm.what') }}
          archive={() => archive({ variables: { id: place.id, version: place.version } })}
          restore={() => restore({ variables: { id: place.id, version: place.version } })}
          onNotice={setNotice}
          onReload={reload}
          form={<LocationForm key={`${place.id}:${place.version}`} location={place} notice={notice} onNotice={setNotice} onReload={reload} />}
        />
      )}
    </RecordPageState>
  );
}
