import { Heading1, Heading2, Paragraph, TableBody, TableCell, TableHeaderCell, TableRow } from '@utrecht/component-library-react';
import { useQuery } from '@apollo/client/react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router-dom';
import { permissions } from '../../auth/permissions';
import { useViewer } from '../../auth/viewer';
import { AppLink } from '../../components/AppLink';
import { ConnectionPager, useCursorPages } from '../../components/Pager';
import { usePageTitle } from '../../components/PageTitle';
import { ScrollTable } from '../../components/ScrollTable';
import { ListStates } from '../../components/States';
import { graphql } from '../../gql';
import type { CuratedEntityType } from '../../gql/graphql';
import { currentLanguage } from '../../i18n';
import { formatDateTime } from '../../lib/format';
import '../../insights.css';

const PAGE_SIZE = 20;

const CURATED_TYPES: readonly CuratedEntityType[] = [
  'AREA',
  'INDICATOR',
  'INTERVENTION_TYPE',
  'KEY_FIGURE',
  'KEY_PERSON',
  'LOCATION',
  'NETWORK',
  'NETWORK_MEMBER',
  'ORGANISATION',
  'SERVICE',
  'TARGET_GROUP',
];

function typeFromPath(segment: string): CuratedEntityType | null {
  const type = segment.toUpperCase().replace(/-/g, '_');
  return (CURATED_TYPES as readonly string[]).includes(type) ? (type as CuratedEntityType) : null;
}

export const ChangeHistoryDocument = graphql(`
  query ChangeHistory($entityType: CuratedEntityType!, $entityId: ID!, $first: Int!, $after: String) {
    changeHistory(entityType: $entityType, entityId: $entityId, first: $first, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          id
          occurredAt
          action
          actorName
          via
          changes
          organisation {
            id
            name
          }
        }
      }
    }
  }
`);

/** The record's name, for the heading (the kinds people curate from this app). */
export const HistoryRecordDocument = graphql(`
  query HistoryRecord($id: ID!, $organisation: Boolean!, $service: Boolean!, $location: Boolean!, $keyPerson: Boolean!, $area: Boolean!, $network: Boolean!, $targetGroup: Boolean!, $interventionType: Boolean!) {
    organisation(id: $id) @include(if: $organisation) {
      id
      name
    }
    service(id: $id) @include(if: $service) {
      id
      name
    }
    location(id: $id) @include(if: $location) {
      id
      name
    }
    keyPerson(id: $id) @include(if: $keyPerson) {
      id
      name
    }
    area(id: $id) @include(if: $area) {
      id
      name
    }
    network(id: $id) @include(if: $network) {
      id
      name
    }
    targetGroup(id: $id) @include(if: $targetGroup) {
      id
      nameNl
    }
    interventionType(id: $id) @include(if: $interventionType) {
      id
      nameNl
    }
  }
`);

/** /geschiedenis/:type/:id: every change of one record — who, when, through which channel, each field before and after. */
export function ChangeHistoryPage() {
  const { type = '', id = '' } = useParams();
  const { t } = useTranslation();
  const { viewer } = useViewer();
  const entityType = typeFromPath(type);
  const validId = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id);
  const record = useQuery(HistoryRecordDocument, {
    variables: {
      id,
      organisation: entityType === 'ORGANISATION',
      service: entityType === 'SERVICE',
      location: entityType === 'LOCATION',
      keyPerson: entityType === 'KEY_PERSON',
      area: entityType === 'AREA',
      network: entityType === 'NETWORK',
      targetGroup: entityType === 'TARGET_GROUP',
      interventionType: entityType === 'INTERVENTION_TYPE',
    },
    skip: !entityType || !validId,
  });
  const name =
    record.data?.organisation?.name ??
    record.data?.service?.name ??
    record.data?.location?.name ??
    record.data?.keyPerson?.name ??
    record.data?.area?.name ??
    record.data?.network?.name ??
    record.data?.targetGroup?.nameNl ??
    record.data?.interventionType?.nameNl ??
    null;
  const title = entityType && name ? t('history.title', { name }) : t('history.titleGeneric');
  usePageTitle(title);

  if (!entityType || !validId) {
    return (
      <>
        <Heading1>{t('history.titleGeneric')}</Heading1>
        <Paragraph>{t('history.badAddress')}</Paragraph>
      </>
    );
  }

  return (
    <>
      <Paragraph className="app-back-links">
        {entityType === 'ORGANISATION' && permissions.editOrganisation(viewer, id) && <AppLink to={`/organisaties/${id}`}>{t('history.backToOrganisation')}</AppLink>}
        {permissions.verifyRecords(viewer) && <AppLink to="/controleren">{t('history.backToStale')}</AppLink>}
      </Paragraph>
      <Heading1>{title}</Heading1>
      <Paragraph>{t('history.intro', { type: t(`curatedType.${entityType}`) })}</Paragraph>
      <ChangeList entityType={entityType} entityId={id} />
    </>
  );
}

/** A stored value in words: empty, yes/no, a list, or the value itself. */
function useValueText() {
  const { t } = useTranslation();
  const text = (value: unknown): string => {
    if (value === null || value === undefined || value === '') return t('history.empty');
    if (typeof value === 'boolean') return value ? t('history.yes') : t('history.no');
    if (Array.isArray(value)) return value.length === 0 ? t('history.emptyList') : value.map((v) => (typeof v === 'string' ? v : JSON.stringify(v))).join(', ');
    if (typeof value === 'object') return JSON.stringify(value);
    return String(value);
  };
  return text;
}

function ChangeList({ entityType, entityId }: { entityType: CuratedEntityType; entityId: string }) {
  const { t, i18n } = useTranslation();
  const language = currentLanguage(i18n.language);
  const valueText = useValueText();
  const pages = useCursorPages();
  const query = useQuery(ChangeHistoryDocument, {
    variables: { entityType, entityId, first: PAGE_SIZE, after: pages.after },
    fetchPolicy: 'cache-and-network',
  });
  const translate = t as unknown as (key: string) => string;
  /** Known fields in the user's language; anything else by its name in the API. */
  const fieldLabel = (field: string) => {
    if (i18n.exists(`historyField.${field}`)) return translate(`historyField.${field}`);
    if (entityType === 'ORGANISATION' && i18n.exists(`organisation.${field}`)) return translate(`organisation.${field}`);
    if (entityType === 'SERVICE' && i18n.exists(`serviceForm.field.${field}`)) return translate(`serviceForm.field.${field}`);
    if (entityType === 'LOCATION' && i18n.exists(`locationForm.field.${field}`)) return translate(`locationForm.field.${field}`);
    if (entityType === 'KEY_PERSON' && i18n.exists(`keyPersonForm.field.${field}`)) return translate(`keyPersonForm.field.${field}`);
    if (entityType === 'INDICATOR' && i18n.exists(`indicatorForm.field.${field}`)) return translate(`indicatorForm.field.${field}`);
    if (entityType === 'TARGET_GROUP' && i18n.exists(`targetGroupForm.field.${field}`)) return translate(`targetGroupForm.field.${field}`);
    if (entityType === 'INTERVENTION_TYPE' && i18n.exists(`interventionTypeForm.field.${field}`)) return translate(`interventionTypeForm.field.${field}`);
    return field;
  };

  return (
    <ListStates
      list={(query.data ?? query.previousData)?.changeHistory}
      query={query}
      loadingLabel={t('history.loading')}
      what={t('history.titleGeneric')}
      empty={t('history.emptyHistory')}
    >
      {(connection) => (
        <>
          <Paragraph>{t('history.count', { count: connection.totalCount })}</Paragraph>
          <ol className="app-history" aria-busy={query.loading || undefined}>
            {connection.edges.map(({ node }) => {
              const fields = Object.entries(node.changes as Record<string, { before?: unknown; after?: unknown } | undefined>);
              const when = formatDateTime(node.occurredAt, language);
              const headingId = `change-${node.id}`;
              return (
                <li key={node.id} className="app-history__entry">
                  <section aria-labelledby={headingId}>
                    <Heading2 id={headingId} className="app-history__heading">
                      {t('history.entryTitle', { when, action: t(`changeAction.${node.action}`) })}
                    </Heading2>
                    <Paragraph>
                      {t('history.who', { actor: node.actorName ?? t('history.unknownActor') })}
                      {node.organisation && ` ${t('history.onBehalfOf', { organisation: node.organisation.name })}`}
                      {` ${t('history.via', { via: i18n.exists(`history.channel.${node.via}`) ? translate(`history.channel.${node.via}`) : node.via })}`}
                    </Paragraph>
                    {fields.length === 0 ? (
                      <Paragraph className="app-muted">{t('history.noFields')}</Paragraph>
                    ) : (
                      <ScrollTable caption={t('history.fieldsCaption', { when })} columns={[t('history.field'), t('history.before'), t('history.after')]}>
                        <TableBody>
                          {fields.map(([field, change]) => (
                            <TableRow key={field}>
                              <TableHeaderCell scope="row">{fieldLabel(field)}</TableHeaderCell>
                              <TableCell className="app-history__value">{valueText(change?.before)}</TableCell>
                              <TableCell className="app-history__value">{valueText(change?.after)}</TableCell>
                            </TableRow>
                          ))}
                        </TableBody>
                      </ScrollTable>
                    )}
                  </section>
                </li>
              );
            })}
          </ol>
          <ConnectionPager label={t('history.titleGeneric')} pages={pages} pageSize={PAGE_SIZE} connection={connection} busy={query.loading} />
        </>
      )}
    </ListStates>
  );
}
