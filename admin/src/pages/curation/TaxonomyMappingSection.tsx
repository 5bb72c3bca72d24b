import { Alert, Button, ButtonGroup, Fieldset, FieldsetLegend, Paragraph } from '@utrecht/component-library-react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ComboboxField } from '../../components/Combobox';
import { RadioGroup } from '../../components/choices';
import { TextField } from '../../components/fields';
import { useInterventionTypePicker, useTargetGroupPicker } from '../../lib/pickers';

/**
 * The curator's taxonomy mapping (admins): which term of another publication's taxonomy stands
 * for which of our target groups or intervention types, so the HSDS import links the services
 * that carry it (api/src/modules/hsds/hsds.taxonomy-mapping.ts). Read with
 * `GET /hsds/taxonomy_mappings` and saved as a whole with `PUT` — checked first (`dryRun=true`),
 * then written; every bad row is refused by the API, which names the first one's field.
 */

/** One row as the API keeps it. */
interface MappingRow {
  taxonomy: string;
  term: string;
  targetGroup?: string;
  interventionType?: string;
  note?: string;
}

type Kind = 'targetGroup' | 'interventionType';

interface Row {
  key: number;
  taxonomy: string;
  term: string;
  kind: Kind;
  code: string;
  note: string;
}

type State =
  | { kind: 'loading' }
  | { kind: 'failed' }
  | { kind: 'ready' };

type Outcome = { kind: 'checked' | 'saved'; count: number } | { kind: 'refused'; message: string; row: number | null; field: string | null } | { kind: 'failed' } | null;

let nextKey = 1;

function toRow(mapping: MappingRow): Row {
  return {
    key: nextKey++,
    taxonomy: mapping.taxonomy,
    term: mapping.term,
    kind: mapping.interventionType ? 'interventionType' : 'targetGroup',
    code: mapping.interventionType ?? mapping.targetGroup ?? '',
    note: mapping.note ?? '',
  };
}

function toMapping(row: Row): MappingRow {
  return { taxonomy: row.taxonomy, term: row.term, [row.kind]: row.code || undefined, ...(row.note.trim() ? { note: row.note } : {}) };
}

/** `mappings.3.term` → row 3, field `term` (`targetGroup` for either kind of target). */
function placeOf(field: string | undefined): { row: number | null; field: string | null } {
  const match = /^mappings\.(\d+)(?:\.(\w+))?$/.exec(field ?? '');
  if (!match) return { row: null, field: null };
  const name = match[2] === 'interventionType' ? 'targetGroup' : (match[2] ?? null);
  return { row: Number(match[1]), field: name };
}

export function TaxonomyMappingSection() {
  const { t } = useTranslation();
  const [state, setState] = useState<State>({ kind: 'loading' });
  const [rows, setRows] = useState<Row[]>([]);
  const [outcome, setOutcome] = useState<Outcome>(null);
  const [busy, setBusy] = useState(false);
  const targetGroups = useTargetGroupPicker();
  const interventionTypes = useInterventionTypePicker();

  useEffect(() => {
    let cancelled = false;
    void (async () => {
      const response = await fetch('/hsds/taxonomy_mappings', { credentials: 'same-origin' }).catch(() => null);
      if (cancelled) return;
      if (!response?.ok) {
        setState({ kind: 'failed' });
        return;
      }
      setRows(((await response.json()) as MappingRow[]).map(toRow));
      setState({ kind: 'ready' });
    })();
    return () => {
      cancelled = true;
    };
  }, []);

  function change(key: number, patch: Partial<Row>) {
    setRows((list) => list.map((row) => (row.key === key ? { ...row, ...patch } : row)));
    setOutcome(null);
  }

  async function save(dryRun: boolean) {
    setBusy(true);
    const response = await fetch(`/hsds/taxonomy_mappings?dryRun=${dryRun}`, {
      method: 'PUT',
      credentials: 'same-origin',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(rows.map(toMapping)),
    }).catch(() => null);
    setBusy(false);
    if (!response) return setOutcome({ kind: 'failed' });
    const body = (await response.json().catch(() => null)) as { mappings?: number; error?: { field?: string; message?: string } } | null;
    if (response.ok && typeof body?.mappings === 'number') return setOutcome({ kind: dryRun ? 'checked' : 'saved', count: body.mappings });
    if (response.status === 400 && body?.error) return setOutcome({ kind: 'refused', message: body.error.message ?? '', ...placeOf(body.error.field) });
    setOutcome({ kind: 'failed' });
  }

  if (state.kind === 'loading') return <Paragraph>{t('state.loading')}</Paragraph>;
  if (state.kind === 'failed') return <Alert type="error">{t('imports.mappings.loadFailed')}</Alert>;

  const errorAt = (index: number, field: string) => (outcome?.kind === 'refused' && outcome.row === index && outcome.field === field ? outcome.message : null);

  return (
    <form
      aria-label={t('imports.mappings.formLabel')}
      onSubmit={(event) => {
        event.preventDefault();
        void save(false);
      }}
    >
      {rows.length === 0 && <Paragraph>{t('imports.mappings.none')}</Paragraph>}
      {rows.map((row, index) => {
        const id = `mapping-${row.key}`;
        const picker = row.kind === 'targetGroup' ? targetGroups : interventionTypes;
        return (
          <Fieldset key={row.key} className="app-detail-row">
            <FieldsetLegend>{t('imports.mappings.row', { number: index + 1 })}</FieldsetLegend>
            <TextField id={`${id}-taxonomy`} label={t('imports.mappings.taxonomy')} description={t('imports.mappings.taxonomyHint')} required value={row.taxonomy} error={errorAt(index, 'taxonomy')} onChange={(taxonomy) => change(row.key, { taxonomy })} />
            <TextField id={`${id}-term`} label={t('imports.mappings.term')} description={t('imports.mappings.termHint')} required value={row.term} error={errorAt(index, 'term')} onChange={(term) => change(row.key, { term })} />
            <RadioGroup
              id={`${id}-kind`}
              legend={t('imports.mappings.kind')}
              options={[
                { value: 'targetGroup', label: t('imports.mappings.targetGroup') },
                { value: 'interventionType', label: t('imports.mappings.interventionType') },
              ]}
              value={row.kind}
              onChange={(kind) => change(row.key, { kind: kind as Kind, code: '' })}
            />
            <ComboboxField
              id={`${id}-code`}
              label={row.kind === 'targetGroup' ? t('imports.mappings.targetGroup') : t('imports.mappings.interventionType')}
              required
              options={picker.options}
              loading={picker.loading}
              value={row.code}
              error={errorAt(index, 'targetGroup')}
              onChange={(code) => change(row.key, { code })}
            />
            <TextField id={`${id}-note`} label={t('imports.mappings.note')} value={row.note} error={errorAt(index, 'note')} onChange={(note) => change(row.key, { note })} />
            <Button appearance="subtle-button" onClick={() => (setRows((list) => list.filter((r) => r.key !== row.key)), setOutcome(null))}>
              {t('imports.mappings.remove', { number: index + 1 })}
            </Button>
          </Fieldset>
        );
      })}
      <ButtonGroup>
        <Button appearance="secondary-action-button" onClick={() => (setRows((list) => [...list, toRow({ taxonomy: '', term: '' })]), setOutcome(null))}>
          {t('imports.mappings.add')}
        </Button>
        <Button appearance="secondary-action-button" disabled={busy} onClick={() => void save(true)}>
          {t('imports.mappings.check')}
        </Button>
        <Button appearance="primary-action-button" type="submit" disabled={busy}>
          {t('imports.mappings.save')}
        </Button>
      </ButtonGroup>
      <div id="taxonomy-mapping-outcome" role="status" aria-live="polite">
        {outcome?.kind === 'checked' && <Alert type="ok">{t('imports.mappings.checked', { count: outcome.count })}</Alert>}
        {outcome?.kind === 'saved' && <Alert type="ok">{t('imports.mappings.saved', { count: outcome.count })}</Alert>}
        {outcome?.kind === 'refused' && (
          <Alert type="error">{outcome.row !== null ? t('imports.mappings.refusedRow', { number: outcome.row + 1, message: outcome.message }) : outcome.message}</Alert>
        )}
        {outcome?.kind === 'failed' && <Alert type="error">{t('imports.mappings.failed')}</Alert>}
      </div>
    </form>
  );
}
