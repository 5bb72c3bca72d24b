import { Button, Paragraph } from '@utrecht/component-library-react';
import { useTranslation } from 'react-i18next';
import type { FieldRule } from '../lib/errors';
import type { ChangeProblem } from '../lib/problems';
import { type DetailRow, rowError, rowFieldLinks } from './detailRows';
import { SelectField, TextField } from './fields';

/** What a phone row holds; extension and languages are kept as read. */
export const PHONE_KEYS = ['number', 'type', 'description', 'extension', 'languages'] as const;
/** Sent as lists. */
export const PHONE_LISTS = ['languages'] as const;
const TYPES = ['voice', 'cell', 'text', 'fax', 'video', 'textphone'] as const;

export const emptyPhone = (): DetailRow => Object.fromEntries(PHONE_KEYS.map((key) => [key, key === 'type' ? 'voice' : '']));

interface Props {
  prefix: string;
  rows: DetailRow[];
  onChange(rows: DetailRow[]): void;
  problem: ChangeProblem | null;
  word(message: string, rule: FieldRule | null | undefined, field: string): string;
}

export function usePhoneFieldLinks(prefix: string, count: number) {
  const { t } = useTranslation();
  return rowFieldLinks(prefix, 'phones', count, PHONE_KEYS, (key, i) => t('phones.fieldOf', { n: i + 1, field: t(`phones.field.${key as 'number'}`) }));
}

/** Phone numbers (HSDS phone) of a service or a location: number, kind and a note per row. */
export function PhoneFields({ prefix, rows, onChange, problem, word }: Props) {
  const { t } = useTranslation();
  const set = (i: number, key: string, value: string) => onChange(rows.map((row, j) => (j === i ? { ...row, [key]: value } : row)));
  const id = (i: number, key: string) => `${prefix}-phones-${i}-${key}`;
  const error = (i: number, key: string) => rowError(problem, `phones.${i}.${key}`, word);
  const typeOptions = (current: string) => {
    const options = [{ value: '', label: t('phones.noType') }, ...TYPES.map((type) => ({ value: type, label: t(`phones.type.${type}`) }))];
    return options.some((option) => option.value === current) ? options : [{ value: current, label: current }, ...options];
  };
  return (
    <div className="app-detail-rows">
      {rows.length === 0 && <Paragraph className="app-muted">{t('phones.none')}</Paragraph>}
      {rows.map((row, i) => (
        <fieldset key={i} className="app-detail-row" aria-label={t('phones.row', { n: i + 1 })}>
          <TextField id={id(i, 'number')} type="tel" label={t('phones.field.number')} value={row.number} onChange={(value) => set(i, 'number', value)} error={error(i, 'number')} />
          <SelectField id={id(i, 'type')} label={t('phones.field.type')} value={row.type} onChange={(value) => set(i, 'type', value)} options={typeOptions(row.type)} error={error(i, 'type')} />
          <TextField id={id(i, 'description')} label={t('phones.field.description')} value={row.description} onChange={(value) => set(i, 'description', value)} error={error(i, 'description')} />
          <Button type="button" appearance="subtle-button" onClick={() => onChange(rows.filter((_, j) => j !== i))}>
            {t('phones.remove', { n: i + 1 })}
          </Button>
        </fieldset>
      ))}
      <Button type="button" appearance="secondary-action-button" onClick={() => onChange([...rows, emptyPhone()])}>
        {t('phones.add')}
      </Button>
    </div>
  );
}
