import { Button, Paragraph } from '@utrecht/component-library-react';
import { useTranslation } from 'react-i18next';
import type { FieldRule } from '../lib/errors';
import type { ChangeProblem } from '../lib/problems';
import { type DetailRow, rowError, rowFieldLinks } from './detailRows';
import { SelectField, TextField } from './fields';

/** What a schedule row holds; the fields the form does not show (dates, notes) are kept as read. */
export const SCHEDULE_KEYS = ['byday', 'opensAt', 'closesAt', 'description', 'validFrom', 'validTo', 'notes'] as const;
const WEEKDAYS = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'] as const;
const WORKDAYS = 'MO,TU,WE,TH,FR';

export const emptySchedule = (): DetailRow => Object.fromEntries(SCHEDULE_KEYS.map((key) => [key, key === 'byday' ? 'MO' : '']));

interface Props {
  /** Prefix of the element ids (`svc`, `loc`). */
  prefix: string;
  rows: DetailRow[];
  onChange(rows: DetailRow[]): void;
  problem: ChangeProblem | null;
  word(message: string, rule: FieldRule | null | undefined, field: string): string;
}

/** The labels the problem summary uses for each row field. */
export function useScheduleFieldLinks(prefix: string, count: number) {
  const { t } = useTranslation();
  return rowFieldLinks(prefix, 'schedules', count, SCHEDULE_KEYS, (key, i) => t('openingHours.fieldOf', { n: i + 1, field: t(`openingHours.field.${key as 'byday'}`) }));
}

/**
 * Opening hours (HSDS schedule) of a service or a location: one row per weekday (or the work
 * week) with the opening and closing time, added and removed by the curator; the API's
 * problems show under each row field.
 */
export function OpeningHoursFields({ prefix, rows, onChange, problem, word }: Props) {
  const { t } = useTranslation();
  const set = (i: number, key: string, value: string) => onChange(rows.map((row, j) => (j === i ? { ...row, [key]: value } : row)));
  const id = (i: number, key: string) => `${prefix}-schedules-${i}-${key}`;
  const error = (i: number, key: string) => rowError(problem, `schedules.${i}.${key}`, word);
  const dayOptions = (current: string) => {
    const options = [
      { value: WORKDAYS, label: t('openingHours.workdays') },
      ...WEEKDAYS.map((day) => ({ value: day, label: t(`weekday.${day}`) })),
      { value: '', label: t('openingHours.noDay') },
    ];
    // A list an import brought (`SA,SU`, `1MO`) stays choosable as it is.
    return options.some((option) => option.value === current) ? options : [{ value: current, label: current }, ...options];
  };
  return (
    <div className="app-detail-rows">
      {rows.length === 0 && <Paragraph className="app-muted">{t('openingHours.none')}</Paragraph>}
      {rows.map((row, i) => (
        <fieldset key={i} className="app-detail-row" aria-label={t('openingHours.row', { n: i + 1 })}>
          <SelectField id={id(i, 'byday')} label={t('openingHours.field.byday')} value={row.byday} onChange={(value) => set(i, 'byday', value)} options={dayOptions(row.byday)} error={error(i, 'byday')} />
          <TextField id={id(i, 'opensAt')} type="time" label={t('openingHours.field.opensAt')} value={row.opensAt} onChange={(value) => set(i, 'opensAt', value)} error={error(i, 'opensAt')} />
          <TextField id={id(i, 'closesAt')} type="time" label={t('openingHours.field.closesAt')} value={row.closesAt} onChange={(value) => set(i, 'closesAt', value)} error={error(i, 'closesAt')} />
          <TextField id={id(i, 'description')} label={t('openingHours.field.description')} value={row.description} onChange={(value) => set(i, 'description', value)} error={error(i, 'description')} />
          {['validFrom', 'validTo', 'notes'].map((key) => {
            const message = error(i, key);
            return message ? (
              <Paragraph key={key} id={id(i, key)} tabIndex={-1} className="app-error-text">
                {t(`openingHours.field.${key as 'validFrom'}`)}: {message}
              </Paragraph>
            ) : null;
          })}
          <Button type="button" appearance="subtle-button" onClick={() => onChange(rows.filter((_, j) => j !== i))}>
            {t('openingHours.remove', { n: i + 1 })}
          </Button>
        </fieldset>
      ))}
      <Button type="button" appearance="secondary-action-button" onClick={() => onChange([...rows, emptySchedule()])}>
        {t('openingHours.add')}
      </Button>
    </div>
  );
}
