import { Alert, Paragraph } from '@utrecht/component-library-react';
import { useQuery } from '@apollo/client/react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { graphql } from '../gql';
import type { SimilarRecordKind } from '../gql/graphql';
import { editPath } from '../lib/paths';
import { AppLink } from './AppLink';

export const SimilarRecordsDocument = graphql(`
  query SimilarRecords($kind: SimilarRecordKind!, $name: String!, $excludeId: ID, $organisation: ID) {
    similarRecords(kind: $kind, name: $name, excludeId: $excludeId, organisation: $organisation) {
      kind
      id
      name
      sameName
      organisation {
        id
        name
      }
    }
  }
`);

/** How long the name must rest before it is compared (typing does not send a request per key). */
const PAUSE_MS = 400;

/**
 * The duplicates warning under a name field: the current records of the same kind whose name is
 * close to the one typed (the API's pg_trgm similarity), each a link to its form, the same name
 * said as such — for a new record, or when a record is renamed. Shown, never blocking: the curator decides. Announced politely to screen readers.
 */
export function SimilarNames({
  kind,
  name,
  storedName,
  excludeId,
  organisation,
  id,
}: {
  kind: SimilarRecordKind;
  name: string;
  /** The name as stored (an edit form): unchanged, it is not compared again — only a new or renamed record is. */
  storedName?: string | null;
  excludeId?: string | null;
  organisation?: string | null;
  id: string;
}) {
  const { t } = useTranslation();
  const [settled, setSettled] = useState(name.trim());
  useEffect(() => {
    const timer = setTimeout(() => setSettled(name.trim()), PAUSE_MS);
    return () => clearTimeout(timer);
  }, [name]);
  const query = useQuery(SimilarRecordsDocument, {
    variables: { kind, name: settled, excludeId: excludeId ?? null, organisation: organisation || null },
    skip: settled.length < 3 || settled === storedName?.trim(),
    fetchPolicy: 'cache-first',
  });
  const found = settled.length < 3 || settled === storedName?.trim() ? [] : (query.data?.similarRecords ?? []);
  return (
    <div id={id} aria-live="polite" className="app-similar-names">
      {found.length > 0 && (
        <Alert type="warning">
          <Paragraph>{t(`similar.intro.${kind}`, { count: found.length })}</Paragraph>
          <ul>
            {found.map((record) => {
              const to = editPath(record.kind, record.id);
              const text = record.organisation && kind !== 'ORGANISATION' ? t('similar.ofOrganisation', { name: record.name, organisation: record.organisation.name }) : record.name;
              return (
                <li key={record.id}>
                  {to ? <AppLink to={to}>{text}</AppLink> : text}
                  {record.sameName && <strong> {t('similar.sameName')}</strong>}
                </li>
              );
            })}
          </ul>
          <Paragraph>{t('similar.hint')}</Paragraph>
        </Alert>
      )}
    </div>
  );
}
