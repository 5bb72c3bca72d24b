import { Heading3, Paragraph, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow } from '@utrecht/component-library-react';
import { useTranslation } from 'react-i18next';
import { ScrollTable } from '../../components/ScrollTable';
import { Empty } from '../../components/States';
import type { CheckStatus, NeighbourhoodDashboardQuery } from '../../gql/graphql';
import { currentLanguage } from '../../i18n';
import { formatNumber } from '../../lib/format';

type View = NeighbourhoodDashboardQuery['neighbourhoodView'];
type Coverage = View['networks'][number];

function StatusBadge({ status }: { status: CheckStatus }) {
  const { t } = useTranslation();
  return <span className={`app-badge app-check app-check--${status.toLowerCase()}`}>{t(`checkStatus.${status}`)}</span>;
}

/** One network covering the area: what it is, its team norm checks (switch teams) and its members. */
function NetworkBlock({ coverage, areaName }: { coverage: Coverage; areaName: string }) {
  const { t, i18n } = useTranslation();
  const language = currentLanguage(i18n.language);
  const network = coverage.network;
  const name = network?.name ?? t('dashboard.networks.unknownNetwork');
  const headingId = `network-${network?.id ?? name}`;
  // Core before shell, then by name: a stable order for reading and comparing.
  const memberName = (m: Coverage['members'][number]) => m.organisation?.name ?? m.organisationName ?? '';
  const members = [...coverage.members].sort(
    (a, b) => Number(a.tier === 'SHELL') - Number(b.tier === 'SHELL') || memberName(a).localeCompare(memberName(b), language) || a.id.localeCompare(b.id),
  );
  return (
    <section className="app-network" aria-labelledby={headingId}>
      <Heading3 id={headingId}>{name}</Heading3>
      <Paragraph className="app-small">
        {[
          network ? t(`networkKind.${network.kind}`) : null,
          t(`servingRelation.${coverage.relation}`, { area: areaName }),
          network?.coordinatorOrganisation ? t('dashboard.networks.coordinator', { name: network.coordinatorOrganisation.name }) : null,
          network?.meetingFrequency ? t('dashboard.networks.meets', { frequency: network.meetingFrequency }) : null,
        ]
          .filter(Boolean)
          .join(' · ')}
      </Paragraph>

      {coverage.normsApply && (
        <>
          <Paragraph>
            {t('dashboard.networks.normsOverall')} {coverage.overall ? <StatusBadge status={coverage.overall} /> : t('checkStatus.UNKNOWN')}
          </Paragraph>
          <ScrollTable caption={t('dashboard.networks.normsCaption', { network: name })}>
            <TableHeader>
              <TableRow>
                <TableHeaderCell scope="col">{t('dashboard.networks.norm')}</TableHeaderCell>
                <TableHeaderCell scope="col">{t('dashboard.networks.outcome')}</TableHeaderCell>
                <TableHeaderCell scope="col">{t('dashboard.networks.explanation')}</TableHeaderCell>
                <TableHeaderCell scope="col">{t('dashboard.networks.source')}</TableHeaderCell>
              </TableRow>
            </TableHeader>
            <TableBody>
              {coverage.normChecks.map((check) => (
                <TableRow key={check.norm}>
                  <TableHeaderCell scope="row">{language === 'en' ? check.normText : check.normTextNl}</TableHeaderCell>
                  <TableCell>
                    <StatusBadge status={check.status} />
                  </TableCell>
                  <TableCell>{language === 'en' ? check.explanation : check.explanationNl}</TableCell>
                  <TableCell className="app-small">{check.source}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </ScrollTable>
        </>
      )}

      {members.length === 0 ? (
        <Empty>{t('dashboard.networks.noMembers')}</Empty>
      ) : (
        <ScrollTable caption={t('dashboard.networks.membersCaption', { network: name, count: members.length })}>
          <TableHeader>
            <TableRow>
              <TableHeaderCell scope="col">{t('dashboard.networks.member')}</TableHeaderCell>
              <TableHeaderCell scope="col">{t('dashboard.networks.role')}</TableHeaderCell>
              <TableHeaderCell scope="col">{t('dashboard.networks.tier')}</TableHeaderCell>
              <TableHeaderCell scope="col">{t('dashboard.networks.contribution')}</TableHeaderCell>
              <TableHeaderCell scope="col" className="app-numeric">
                {t('dashboard.networks.fte')}
              </TableHeaderCell>
            </TableRow>
          </TableHeader>
          <TableBody>
            {members.map((member) => (
              <TableRow key={member.id}>
                <TableHeaderCell scope="row">{member.organisation?.name ?? member.organisationName ?? t('dashboard.networks.unknownMember')}</TableHeaderCell>
                <TableCell>{member.role ?? t('common.notRecorded')}</TableCell>
                <TableCell>{member.tier ? t(`memberTier.${member.tier}`) : t('common.notRecorded')}</TableCell>
                <TableCell>{member.contribution ? t(`memberContribution.${member.contribution}`) : t('common.notRecorded')}</TableCell>
                <TableCell className="app-numeric">{member.fte === null ? t('common.notRecorded') : formatNumber(member.fte, language)}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </ScrollTable>
      )}
    </section>
  );
}

/** Active networks covering the area, switch teams first, with the book's team norms checked. */
export function NetworksSection({ networks, areaName }: { networks: View['networks']; areaName: string }) {
  const { t } = useTranslation();
  if (networks.length === 0) return <Empty>{t('dashboard.networks.empty')}</Empty>;
  return (
    <>
      <Paragraph>{t('dashboard.networks.count', { area: areaName, count: networks.length })}</Paragraph>
      {networks.map((coverage, index) => (
        <NetworkBlock key={coverage.network?.id ?? index} coverage={coverage} areaName={areaName} />
      ))}
    </>
  );
}
