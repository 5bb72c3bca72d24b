import { Heading3, OrderedList, OrderedListItem, Paragraph, UnorderedList, UnorderedListItem } from '@utrecht/component-library-react';
import { useTranslation } from 'react-i18next';
import { Empty } from '../../components/States';
import type { NeighbourhoodDashboardQuery } from '../../gql/graphql';
import { currentLanguage } from '../../i18n';

type Groups = NeighbourhoodDashboardQuery['neighbourhoodView']['gapGroups'];

/**
 * The gaps under their need statements, ranked by the API (need above the municipality first,
 * by how far above times the target groups uncovered): each statement once, in the user's
 * language, with the target groups (or basic functions) not covered listed under it.
 */
export function GapGroups({ groups }: { groups: Groups }) {
  const { t, i18n } = useTranslation();
  const language = currentLanguage(i18n.language);
  if (groups.length === 0) return <Empty>{t('dashboard.gaps.empty')}</Empty>;
  return (
    <OrderedList className="app-gap-groups">
      {groups.map((group) => (
        <OrderedListItem key={group.rank} className="app-gap-group">
          <Heading3 className={group.need.status === 'ABOVE_MUNICIPALITY' ? 'app-gap-group__statement app-gap-group__statement--need' : 'app-gap-group__statement'}>
            {language === 'en' ? group.statement : group.statementNl}
          </Heading3>
          <Paragraph className="app-muted">{t('dashboard.gaps.targetGroups', { count: group.targetGroupCount })}</Paragraph>
          <UnorderedList>
            {group.gaps.map((gap) => (
              <UnorderedListItem key={gap.rank}>{language === 'en' ? gap.line : gap.lineNl}</UnorderedListItem>
            ))}
          </UnorderedList>
        </OrderedListItem>
      ))}
    </OrderedList>
  );
}
