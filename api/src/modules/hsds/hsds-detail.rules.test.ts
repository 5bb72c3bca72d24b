import { calendarDate, readPhones, readSchedules, timeOfDay, weekdays } from './hsds-detail.rules';

const problemsOf = (read: { problems: Array<{ extensions: Record<string, unknown> }> }) => read.problems.map((p) => [p.extensions.field, p.extensions.rule]);

describe('the rules of opening hours and phone numbers', () => {
  it('reads times, dates and weekdays strictly', () => {
    expect(timeOfDay('09:00')).toBe('09:00:00');
    expect(timeOfDay('23:59:30')).toBe('23:59:30');
    expect([timeOfDay('9:00'), timeOfDay('24:00'), timeOfDay('12:60'), timeOfDay('noon')]).toEqual([null, null, null, null]);
    expect(calendarDate('2026-02-28')).toBe('2026-02-28');
    expect([calendarDate('2026-02-30'), calendarDate('2026-2-1')]).toEqual([null, null]);
    expect(weekdays('mo, tu,MO')).toBe('MO,TU');
    expect(weekdays('1MO,-1FR')).toBe('1MO,-1FR');
    expect([weekdays('MA'), weekdays('MO,XX'), weekdays(' , ')]).toEqual([null, null, null]);
  });

  it('stores a good schedule normalised, with the frequency its weekdays imply', () => {
    const read = readSchedules(
      [
        { byday: 'mo,tu', opensAt: '09:00', closesAt: '17:30', validFrom: '2026-01-01', validTo: '2026-12-31', description: ' Inloop ' },
        { byday: '1WE', opensAt: '10:00', closesAt: '12:00' },
        { description: 'Op afspraak' },
      ],
      'input.schedules',
    );
    expect(read.problems).toEqual([]);
    expect(read.rows).toEqual([
      { byday: 'MO,TU', freq: 'WEEKLY', opensAt: '09:00:00', closesAt: '17:30:00', validFrom: '2026-01-01', validTo: '2026-12-31', description: 'Inloop', notes: null },
      { byday: '1WE', freq: 'MONTHLY', opensAt: '10:00:00', closesAt: '12:00:00', validFrom: null, validTo: null, description: null, notes: null },
      { byday: null, freq: null, opensAt: null, closesAt: null, validFrom: null, validTo: null, description: 'Op afspraak', notes: null },
    ]);
  });

  it('names every bad field of every row at once', () => {
    const read = readSchedules(
      [
        { byday: 'MO', opensAt: '09:00', closesAt: '17:00' },
        { byday: 'MA', opensAt: '9 uur', closesAt: '25:00' },
        { byday: 'FR', opensAt: '17:00', closesAt: '09:00', validFrom: '2026-12-31', validTo: '2026-01-01' },
        { validTo: '2026-02-30', notes: 'x'.repeat(2001) },
        {},
      ],
      'input.schedules',
    );
    expect(problemsOf(read)).toEqual([
      ['input.schedules.1.byday', 'weekday'],
      ['input.schedules.1.opensAt', 'timeOfDay'],
      ['input.schedules.1.closesAt', 'timeOfDay'],
      ['input.schedules.2.closesAt', 'closesAfterOpens'],
      ['input.schedules.2.validTo', 'dateOrder'],
      ['input.schedules.3.validTo', 'isIso8601'],
      ['input.schedules.3.notes', 'maxLength'],
      ['input.schedules.4.byday', 'required'],
    ]);
    expect(read.problems[3].extensions.params).toEqual({ opensAt: '17:00:00', closesAt: '09:00:00' });
  });

  it('refuses equal opening and closing times', () => {
    expect(problemsOf(readSchedules([{ opensAt: '09:00', closesAt: '09:00:00' }], 's'))).toEqual([['s.0.closesAt', 'closesAfterOpens']]);
  });

  it('takes phone numbers by the phone rule organisations use', () => {
    const read = readPhones([{ number: ' 033 123 45 67 ', type: 'voice', languages: ['nl', ' nl', 'en'] }, { number: '+31 (0)33-1234567', extension: 12 }], 'input.phones');
    expect(read.problems).toEqual([]);
    expect(read.rows).toEqual([
      { number: '033 123 45 67', extension: null, type: 'voice', description: null, languages: ['nl', 'en'] },
      { number: '+31 (0)33-1234567', extension: 12, type: null, description: null, languages: [] },
    ]);
    expect(problemsOf(readPhones([{ number: 'bel me' }, { number: ' ' }, { number: '0331234567', extension: -1, type: 'x'.repeat(21) }], 'input.phones'))).toEqual([
      ['input.phones.0.number', 'phoneNumber'],
      ['input.phones.1.number', 'required'],
      ['input.phones.2.extension', 'min'],
      ['input.phones.2.type', 'maxLength'],
    ]);
    expect(problemsOf(readPhones([{ number: '0331234567', languages: Array.from({ length: 31 }, (_, i) => `taal ${i}`) }], 'p'))).toEqual([['p.0.languages', 'arrayMaxSize']]);
  });
});
