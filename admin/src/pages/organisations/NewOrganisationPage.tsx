import { Heading1, Paragraph } from '@utrecht/component-library-react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { permissions } from '../../auth/permissions';
import { Forbidden } from '../../auth/RequireUser';
import { useViewer } from '../../auth/viewer';
import { AppLink } from '../../components/AppLink';
import { usePageTitle } from '../../components/PageTitle';
import { OrganisationForm } from './edit/OrganisationForm';

/**
 * /organisaties/nieuw: admins add an organisation to the map; an organisation's user proposes one
 * (a partner that is not on the map yet) to the curators, who accept or reject it.
 */
export function NewOrganisationPage() {
  const { t } = useTranslation();
  const { viewer } = useViewer();
  const navigate = useNavigate();
  const curator = permissions.curateAllOrganisations(viewer);
  const proposing = !curator && permissions.proposeChanges(viewer);
  const title = proposing ? t('organisationEdit.proposeNewTitle') : t('organisationEdit.newTitle');
  usePageTitle(title);
  if (!curator && !proposing) return <Forbidden />;
  return (
    <>
      <Paragraph>
        <AppLink to={curator ? '/organisaties' : '/voorstellen'}>{curator ? t('organisationEdit.backToList') : t('proposal.backToList')}</AppLink>
      </Paragraph>
      <Heading1>{title}</Heading1>
      {proposing && <Paragraph>{t('organisationEdit.proposeNewIntro')}</Paragraph>}
      <OrganisationForm
        organisation={null}
        notice={null}
        onNotice={() => undefined}
        onReload={async () => undefined}
        onCreated={(id) => navigate(`/organisaties/${id}`)}
        onProposed={proposing ? (proposalId) => navigate(`/voorstellen/${proposalId}`, { state: { notice: 'proposed' } }) : undefined}
      />
    </>
  );
}
