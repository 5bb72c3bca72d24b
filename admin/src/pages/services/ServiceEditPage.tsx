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
import { ArchiveServiceDocument, EditServiceDocument, RestoreServiceDocument } from './documents';
import { ServiceForm } from './ServiceForm';

/** /diensten/nieuw: add a service (admins; an organisation's users for their own organisation). */
export function NewServicePage() {
  const { t } = useTranslation();
  const { viewer } = useViewer();
  const navigate = useNavigate();
  usePageTitle(t('serviceForm.newTitle'));
  if (!permissions.curateRecords(viewer)) return <Forbidden />;
  return (
    <>
      <Paragraph>
        <AppLink to="/diensten">{t('serviceForm.backToList')}</AppLink>
      </Paragraph>
      <Heading1>{t('serviceForm.newTitle')}</Heading1>
      <ServiceForm service={null} notice={null} onNotice={() => undefined} onReload={async () => undefined} onCreated={(id) => navigate(`/diensten/${id}`, { state: { notice: 'created' } })} />
    </>
  );
}

/** /diensten/:id: edit, archive or restore one service (admins; the providing organisation's own users). */
export function ServiceEditPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const { viewer } = useViewer();
  const location = useLocation();
  const { data, loading, error, refetch } = useQuery(EditServiceDocument, { variables: { id }, fetchPolicy: 'cache-and-network' });
  const [notice, setNotice] = useState<RecordNotice>((location.state as { notice?: RecordNotice } | null)?.notice ?? null);
  const [archive] = useMutation(ArchiveServiceDocument);
  const [restore] = useMutation(RestoreServiceDocument);
  const service = data?.service;
  const allowed = permissions.editOwnedRecord(viewer, service?.organisation?.id);
  // An organisation's user on a service another organisation provides (one it partners in): propose a change instead.
  const proposing = Boolean(service) && !allowed && permissions.proposeChanges(viewer);
  const navigate = useNavigate();
  usePageTitle(
    service
      ? allowed
        ? t('serviceForm.title', { name: service.name })
        : proposing
          ? t('proposal.proposeChangeTitle', { name: service.name })
          : t('forbidden.title')
      : data
        ? t('serviceForm.notFound')
        : t('serviceForm.titleGeneric'),
  );

  async function reload() {
    await refetch();
    setNotice('reloaded');
  }

  if (proposing && service) {
    return (
      <>
        <Paragraph>
          <AppLink to="/diensten">{t('serviceForm.backToList')}</AppLink>
        </Paragraph>
        <Heading1>{t('proposal.proposeChangeTitle', { name: service.name })}</Heading1>
        <Paragraph>{t('proposal.proposeServiceChangeIntro', { organisation: service.organisation?.name ?? t('common.notRecorded') })}</Paragraph>
        <ServiceForm
          key={`${service.id}:${service.version}`}
          service={service}
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
      found={Boolean(service)}
      allowed={allowed}
      loadingLabel={t('serviceForm.loading')}
      what={t('serviceForm.titleGeneric')}
      notFound={t('serviceForm.notFound')}
      backTo="/diensten"
      backLabel={t('serviceForm.backToList')}
      onRetry={() => void refetch()}
    >
      {service && (
        <RecordEditLayout
          record={service}
          historyType="SERVICE"
          listPath="/diensten"
          texts={{ backToList: t('serviceForm.backToList'), title: t('serviceForm.title', { name: service.name }), what: t('serviceForm.what') }}
          archive={() => archive({ variables: { id: service.id, version: service.version } })}
          restore={() => restore({ variables: { id: service.id, version: service.version } })}
          onNotice={setNotice}
          onReload={reload}
          form={<ServiceForm key={`${service.id}:${service.version}`} service={service} notice={notice} onNotice={setNotice} onReload={reload} />}
        />
      )}
    </RecordPageState>
  );
}
