import { Heading1, Paragraph } from '@utrecht/component-library-react';
import { useMutation, useQuery } from '@apollo/client/react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router-dom';
import { permissions } from '../../auth/permissions';
import { Forbidden } from '../../auth/RequireUser';
import { useViewer } from '../../auth/viewer';
import { AppLink } from '../../components/AppLink';
import { usePageTitle } from '../../components/PageTitle';
import { ArchivePanel } from '../../components/RecordForm';
import { ErrorState, Loading } from '../../components/States';
import { historyPath } from '../../lib/paths';
import { ArchiveOrganisationDocument, EditOrganisationDocument, RestoreOrganisationDocument } from './edit/documents';
import { MergePanel } from './edit/MergePanel';
import { OrganisationForm, type Notice } from './edit/OrganisationForm';

/** /organisaties/:id: edit one organisation (admins; an organisation's own users for their own). */
export function OrganisationEditPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const { viewer } = useViewer();
  const allowed = permissions.editOrganisation(viewer, id);
  const { data, loading, error, refetch } = useQuery(EditOrganisationDocument, { variables: { id }, skip: !allowed });
  const [notice, setNotice] = useState<Notice>(null);
  const [archive] = useMutation(ArchiveOrganisationDocument);
  const [restore] = useMutation(RestoreOrganisationDocument);
  const organisation = data?.organisation;
  // The children's effects run first: this page sets the title for every state, "no access" included.
  usePageTitle(
    !allowed
      ? t('forbidden.title')
      : organisation
        ? t('organisationEdit.title', { name: organisation.name })
        : data
          ? t('organisationEdit.notFound')
          : t('organisationEdit.titleGeneric'),
  );

  if (!allowed) return <Forbidden />;
  if (loading && !data) return <Loading label={t('organisationEdit.loading')} />;
  if (error && !data) return <ErrorState error={error} onRetry={() => void refetch()} what={t('organisationEdit.titleGeneric')} />;
  if (!organisation) {
    return (
      <>
        <Heading1>{t('organisationEdit.notFound')}</Heading1>
        <Paragraph>
          <AppLink to="/organisaties">{t('organisationEdit.backToList')}</AppLink>
        </Paragraph>
      </>
    );
  }

  async function reload() {
    await refetch();
    setNotice('reloaded');
  }

  return (
    <>
      {permissions.curateAllOrganisations(viewer) && (
        <Paragraph>
          <AppLink to="/organisaties">{t('organisationEdit.backToList')}</AppLink>
        </Paragraph>
      )}
      <Heading1>{t('organisationEdit.title', { name: organisation.name })}</Heading1>
      <Paragraph>
        <AppLink to={historyPath('ORGANISATION', organisation.id)}>{t('history.openLink', { name: organisation.name })}</AppLink>
      </Paragraph>
      <OrganisationForm
        key={`${organisation.id}:${organisation.version}`}
        organisation={organisation}
        notice={notice}
        onNotice={setNotice}
        onReload={reload}
      />
      {permissions.archiveOrganisations(viewer) && (
        <ArchivePanel
          key={`archive:${organisation.version}`}
          archived={Boolean(organisation.archivedAt)}
          what={t('organisationEdit.what')}
          archive={() => archive({ variables: { id: organisation.id, version: organisation.version } })}
          restore={() => restore({ variables: { id: organisation.id, version: organisation.version } })}
          onDone={(done) => setNotice(done)}
          onReload={reload}
        />
      )}
      {permissions.mergeOrganisations(viewer) && !organisation.archivedAt && <MergePanel key={`merge:${organisation.version}`} organisation={organisation} />}
    </>
  );
}
