import { Paragraph } from '@utrecht/component-library-react';
import { useTranslation } from 'react-i18next';
import { type DetailRow, DetailRows, type DetailRowsProps, rowFieldLinks, withCurrent } from './DetailRows';
import { SelectField, TextField } from './fields';

/** What a schedule row holds; the fields the form does not show (dates, notes) are kept as read. */
export const SCHEDULE_KEYS = ['byday', 'opensAt', 'closesAt', 'description', 'validFrom', 'validTo', 'notes'] as const;
const WEEKDAYS = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'] as const;
const WORKDAYS = 'MO,TU,WE,TH,FR';

const emptySchedule = (): DetailRow => Object.fromEntries(SCHEDULE_KEYS.map((key) => [key, key === 'byday' ? 'MO' : '']));

/** The labels the problem summary uses for each row field. */
export function useScheduleFieldLinks(prefix: string, count: number) {
  const { t } = useTranslation();
  return rowFieldLinks(prefix, 'schedules', count, SCHEDULE_KEYS, (key, i) => t('openingHours.fieldOf', { n: i + 1, field: t(`openingHours.field.${key as 'byday'}`) }));
}

/**
 * Opening hours (HSDS schedule) of a service or a location: one row per weekday (or the work
 * week) with the opening and closing time and a note, added and removed by the curator.
 */
export function OpeningHoursFields(props: DetailRowsProps) {
  const { t } = useTranslation();
  const days = [{ value: WORKDAYS, label: t('openingHours.workdays') }, ...WEEKDAYS.map((day) => ({ value: day, label: t(`weekday.${day}`) })), { value: '', label: t('openingHours.noDay') }];
  const label = (key: string) => t(`openingHours.field.${key as 'byday'}`);
  return (
    <DetailRows
      {...props}
      list="schedules"
      empty={emptySchedule}
      texts={{ none: t('openingHours.none'), row: (n) => t('openingHours.row', { n }), add: t('openingHours.add'), remove: (n) => t('openingHours.remove', { n }) }}
      renderRow={(field) => (
        <>
          <SelectField {...field('byday')} label={label('byday')} options={withCurrent(days, field('byday').value)} />
          <TextField {...field('opensAt')} type="time" label={label('opensAt')} />
          <TextField {...field('closesAt')} type="time" label={label('closesAt')} />
          <TextField {...field('description')} label={label('description')} />
          {/* Kept as read, not shown: only their problems (an imported date, say) are. */}
          {['validFrom', 'validTo', 'notes'].map((key) => {
            const { id, error } = field(key);
            return error ? (
              <Paragraph key={key} id={id} tabIndex={-1} className="app-error-text">
                {label(key)}: {error}
              </Paragraph>
            ) : null;
          })}
        </>
      )}
    />
  );
}
