import { Paragraph } from '@utrecht/component-library-react';
import { useTranslation } from 'react-i18next';
import type { ChangeProblem } from '../lib/problems';
import { editPath } from '../lib/paths';
import { AppLink } from './AppLink';

type DuplicateKind = 'ORGANISATION' | 'SERVICE' | 'LOCATION';

/**
 * Under a name (or address) field: the record the API refused this one as an exact duplicate of
 * (CONFLICT, `rule: 'duplicate'`, `params: { kind, id, name }`), as a link to its form, so the
 * curator can go and update that one instead. Nothing when the last save was not refused so.
 */
export function DuplicateOf({ problem, field, id }: { problem: ChangeProblem | null | undefined; field: string; id: string }) {
  const { t } = useTranslation();
  const rule = problem?.kind === 'fields' ? problem.rules[field] : undefined;
  const params = rule?.rule === 'duplicate' ? rule.params : null;
  const kind = typeof params?.kind === 'string' ? (params.kind as DuplicateKind) : null;
  const recordId = typeof params?.id === 'string' ? params.id : null;
  const name = typeof params?.name === 'string' ? params.name : null;
  if (!kind || !recordId || !name) return null;
  const to = editPath(kind, recordId);
  return (
    <Paragraph id={id} className="app-duplicate-of">
      {t(`duplicateOf.${kind}`)} {to ? <AppLink to={to}>{name}</AppLink> : name}
    </Paragraph>
  );
}
