import { Alert, Heading1, Paragraph } from '@utrecht/component-library-react';
import { useQuery } from '@apollo/client/react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate, useParams } from 'react-router-dom';
import { AppLink } from '../../components/AppLink';
import { usePageTitle } from '../../components/PageTitle';
import { ErrorState, Loading } from '../../components/States';
import '../../partner-styles';
import { ActionsSection } from './detail/ActionsSection';
import { ConsentSection } from './detail/ConsentSection';
import { ConsultSection } from './detail/ConsultSection';
import { HandoverSection } from './detail/HandoverSection';
import { IdentitySection } from './detail/IdentitySection';
import { MovesSection } from './detail/MovesSection';
import { NotesSection } from './detail/NotesSection';
import type { SectionProps } from './detail/parts';
import { ReferralFacts } from './detail/ReferralFacts';
import { Timeline } from './detail/Timeline';
import { ReferralDetailDocument } from './referralDocuments';
import { StatusPill } from './ui';

/** /verwijzingen/:dossier: one referral with its parties, consent, next steps, actions, notes and history. */
export function ReferralDetailPage() {
  const { dossier = '' } = useParams();
  const { t } = useTranslation();
  const location = useLocation();
  const navigate = useNavigate();
  // "Created" once: the notice stays while the page is open, not after a reload or a visit later.
  const [created] = useState((location.state as { created?: boolean } | null)?.created === true);
  useEffect(() => {
    if (created) navigate(location.pathname, { replace: true, state: null });
  }, [created, navigate, location.pathname]);
  const { data, loading, error, refetch } = useQuery(ReferralDetailDocument, { variables: { dossierNumber: dossier }, fetchPolicy: 'cache-and-network' });
  const referral = data?.referral;
  usePageTitle(referral ? t('referralDetail.title', { dossier: referral.dossierNumber }) : data ? t('referralDetail.notFound') : t('referralDetail.titleGeneric'));

  const back = (
    <Paragraph>
      <AppLink to="/verwijzingen">{t('referralDetail.backToList')}</AppLink>
    </Paragraph>
  );
  if (loading && !data) return <Loading label={t('referralDetail.loading')} />;
  if (error && !data) {
    return (
      <>
        {back}
        <Heading1>{t('referralDetail.titleGeneric')}</Heading1>
        <ErrorState error={error} onRetry={() => void refetch()} what={t('referralDetail.what', { dossier })} />
      </>
    );
  }
  if (!referral) {
    return (
      <>
        {back}
        <Heading1>{t('referralDetail.notFound')}</Heading1>
        <Paragraph>{t('referralDetail.notFoundText', { dossier })}</Paragraph>
      </>
    );
  }

  const reload = async () => {
    await refetch();
  };

  return (
    <>
      {back}
      <Heading1>{t('referralDetail.title', { dossier: referral.dossierNumber })}</Heading1>
      <Paragraph>
        {t('referralDetail.statusNow')} <StatusPill status={referral.status} />
      </Paragraph>
      {created && (
        <Alert type="ok">
          <Paragraph>{t('referralDetail.created', { dossier: referral.dossierNumber })}</Paragraph>
        </Alert>
      )}
      {referral.contentVisible ? (
        <ReferralContent referral={referral} onReload={reload} />
      ) : (
        <>
          <Alert type="info">
            <Paragraph>{t('referralDetail.metadataOnly')}</Paragraph>
          </Alert>
          <MovesSection referral={referral} onReload={reload} />
        </>
      )}
    </>
  );
}

/** The anonymous case (and, with consent, who it is), each part in its own section. */
function ReferralContent({ referral, onReload }: SectionProps) {
  return (
    <>
      <ReferralFacts referral={referral} />
      <IdentitySection referral={referral} onReload={onReload} />
      <MovesSection referral={referral} onReload={onReload} />
      <HandoverSection referral={referral} onReload={onReload} />
      <ConsentSection referral={referral} onReload={onReload} />
      <ConsultSection referral={referral} onReload={onReload} />
      <ActionsSection referral={referral} onReload={onReload} />
      <NotesSection referral={referral} onReload={onReload} />
      <Timeline events={referral.events ?? []} />
    </>
  );
}
