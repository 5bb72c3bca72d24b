import { Heading2, Heading3, Paragraph } from '@utrecht/component-library-react';
import { useTranslation } from 'react-i18next';
import { referralRoles } from '../../../auth/permissions';
import { useViewer } from '../../../auth/viewer';
import { currentLanguage } from '../../../i18n';
import { formatDate, formatDateTime } from '../../../lib/format';
import { Fact, type Referral } from './parts';

/** Who referred to whom, about what, and where the referral stands: what the case is. */
export function ReferralFacts({ referral }: { referral: Referral }) {
  const { t, i18n } = useTranslation();
  const language = currentLanguage(i18n.language);
  const { viewer } = useViewer();
  const parties = referralRoles(viewer, referral).map((role) => t(`referralDetail.party.${role}`));
  const none = t('common.notRecorded');

  return (
    <section aria-labelledby="referral-facts" className="app-section">
      <Heading2 id="referral-facts">{t('referralDetail.facts')}</Heading2>
      <dl className="app-facts">
        <Fact term={t('referral.dossierNumber')}>{referral.dossierNumber}</Fact>
        <Fact term={t('referral.referrer')}>{referral.referringOrganisation?.name ?? none}</Fact>
        <Fact term={t('referral.receiver')}>{referral.receivingOrganisation?.name ?? t('referral.noReceiver')}</Fact>
        {referral.holderOrganisation && (
          <Fact term={t('referral.holder')}>
            {referral.holderName ? t('referral.holderWithPerson', { organisation: referral.holderOrganisation.name, person: referral.holderName }) : referral.holderOrganisation.name}
          </Fact>
        )}
        <Fact term={t('referral.network')}>{referral.network?.name ?? t('common.none')}</Fact>
        <Fact term={t('referralDetail.yourRole')}>{parties.length > 0 ? parties.join(', ') : t('referralDetail.party.MEMBER')}</Fact>
        <Fact term={t('referral.area')}>{referral.area?.name ?? none}</Fact>
        {referral.service && <Fact term={t('referral.service')}>{referral.service.name}</Fact>}
        <Fact term={t('referral.openedAt')}>{referral.openedAt ? formatDateTime(referral.openedAt, language) : none}</Fact>
        {referral.closedAt && <Fact term={t('referral.closedAt')}>{formatDateTime(referral.closedAt, language)}</Fact>}
        {referral.status === 'CLOSED' && <Fact term={t('referral.problemOwner')}>{referral.problemOwnerOrganisation?.name ?? none}</Fact>}
        {referral.outcome && (
          <Fact term={t('referral.outcome')}>
            <span className="app-summary-text">{referral.outcome}</span>
          </Fact>
        )}
        {referral.status === 'CLOSED' && referral.stayAlert !== null && (
          <Fact term={t('referral.stayAlert')}>
            {referral.stayAlert ? t('referral.yes') : t('referral.no')}
            {referral.lookAgainOn && <> · {t('networkAgenda.lookAgainOn', { date: formatDate(referral.lookAgainOn, language) })}</>}
          </Fact>
        )}
        {referral.lessonsLearned && (
          <Fact term={t('referral.lessonsLearned')}>
            <span className="app-summary-text">{referral.lessonsLearned}</span>
          </Fact>
        )}
        {referral.declineReason && (
          <Fact term={t('referral.declineReason')}>
            <span className="app-summary-text">{referral.declineReason}</span>
          </Fact>
        )}
        <Fact term={t('referral.lifeDomains')}>
          {referral.lifeDomains && referral.lifeDomains.length > 0 ? referral.lifeDomains.map((d) => t(`referrals.lifeDomain.${d}`)).join(', ') : none}
        </Fact>
        <Fact term={t('referral.targetGroups')}>
          {referral.targetGroups && referral.targetGroups.length > 0
            ? referral.targetGroups.map((g) => (language === 'en' && g.nameEn ? g.nameEn : g.nameNl)).join(', ')
            : none}
        </Fact>
      </dl>
      {referral.recordedAfterwards && <Paragraph className="app-small app-muted">{t('referral.recordedAfterwards')}</Paragraph>}
      <Heading3>{t('referral.summary')}</Heading3>
      <Paragraph className="app-summary-text">{referral.summary ?? t('referralDetail.noSummary')}</Paragraph>
      <Heading3>{t('referralDetail.identity.title')}</Heading3>
      {referral.identityVisible ? (
        <Paragraph className="app-summary-text">{referral.identifyingDetails ?? t('referralDetail.identity.none')}</Paragraph>
      ) : (
        <Paragraph className="app-muted">{t('referralDetail.identity.hidden')}</Paragraph>
      )}
    </section>
  );
}
