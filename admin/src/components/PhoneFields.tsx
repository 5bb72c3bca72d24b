import { useTranslation } from 'react-i18next';
import { type DetailRow, DetailRows, type DetailRowsProps, rowFieldLinks, withCurrent } from './DetailRows';
import { SelectField, TextField } from './fields';

/** What a phone row holds; extension and languages are kept as read. */
export const PHONE_KEYS = ['number', 'type', 'description', 'extension', 'languages'] as const;
/** Sent as lists. */
export const PHONE_LISTS = ['languages'] as const;
const TYPES = ['voice', 'cell', 'text', 'fax', 'video', 'textphone'] as const;

const emptyPhone = (): DetailRow => Object.fromEntries(PHONE_KEYS.map((key) => [key, key === 'type' ? 'voice' : '']));

export function usePhoneFieldLinks(prefix: string, count: number) {
  const { t } = useTranslation();
  return rowFieldLinks(prefix, 'phones', count, PHONE_KEYS, (key, i) => t('phones.fieldOf', { n: i + 1, field: t(`phones.field.${key as 'number'}`) }));
}

/** Phone numbers (HSDS phone) of a service or a location: number, kind and a note per row. */
export function PhoneFields(props: DetailRowsProps) {
  const { t } = useTranslation();
  const types = [{ value: '', label: t('phones.noType') }, ...TYPES.map((type) => ({ value: type, label: t(`phones.type.${type}`) }))];
  const label = (key: string) => t(`phones.field.${key as 'number'}`);
  return (
    <DetailRows
      {...props}
      list="phones"
      empty={emptyPhone}
      texts={{ none: t('phones.none'), row: (n) => t('phones.row', { n }), add: t('phones.add'), remove: (n) => t('phones.remove', { n }) }}
      renderRow={(field) => (
        <>
          <TextField {...field('number')} type="tel" label={label('number')} />
          <SelectField {...field('type')} label={label('type')} options={withCurrent(types, field('type').value)} />
          <TextField {...field('description')} label={label('description')} />
        </>
      )}
    />
  );
}
