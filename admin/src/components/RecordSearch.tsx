import { Button, Checkbox, FormField, FormLabel } from '@utrecht/component-library-react';
import { useState, type FormEvent } from 'react';
import { useSearchParams } from 'react-router-dom';
import { TextField } from './fields';

export interface RecordSearch {
  search: string | null;
  includeArchived: boolean;
}

/** The search of a record list in the address (`?zoek=…&gearchiveerd=ja`), so a list can be linked to and reloaded. */
export function useRecordSearch({ keep = [] }: { keep?: readonly string[] } = {}): [RecordSearch, (next: RecordSearch) => void] {
  const [params, setParams] = useSearchParams();
  const current = { search: params.get('zoek')?.trim() || null, includeArchived: params.get('gearchiveerd') === 'ja' };
  return [
    current,
    (next) => {
      const query = new URLSearchParams();
      // Parameters of the page's own (`keep`, e.g. the locations page's `alle`) stay as they are.
      for (const name of keep) for (const value of params.getAll(name)) query.append(name, value);
      if (next.search?.trim()) query.set('zoek', next.search.trim());
      if (next.includeArchived) query.set('gearchiveerd', 'ja');
      setParams(query);
    },
  ];
}

/** Search by name, optionally with the archived records (to restore one). */
export function RecordSearchForm({
  idPrefix,
  label,
  searchLabel,
  searchHint,
  archivedLabel,
  buttonLabel,
  value,
  onApply,
}: {
  idPrefix: string;
  label: string;
  searchLabel: string;
  searchHint?: string;
  archivedLabel: string;
  buttonLabel: string;
  value: RecordSearch;
  onApply(next: RecordSearch): void;
}) {
  const [text, setText] = useState(value.search ?? '');
  const [archived, setArchived] = useState(value.includeArchived);
  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    onApply({ search: text, includeArchived: archived });
  }
  return (
    <form className="app-toolbar" role="search" aria-label={label} onSubmit={submit}>
      <TextField id={`${idPrefix}-search`} name="zoek" type="search" label={searchLabel} description={searchHint} value={text} onChange={setText} />
      <FormField type="checkbox" className="app-toolbar__checkbox">
        <div className="utrecht-form-field__input">
          <Checkbox id={`${idPrefix}-archived`} checked={archived} onChange={(event) => setArchived(event.currentTarget.checked)} />
        </div>
        <div className="utrecht-form-field__label utrecht-form-field__label--checkbox">
          <FormLabel htmlFor={`${idPrefix}-archived`} type="checkbox" checked={archived}>
            {archivedLabel}
          </FormLabel>
        </div>
      </FormField>
      <Button appearance="primary-action-button" type="submit">
        {buttonLabel}
      </Button>
    </form>
  );
}
