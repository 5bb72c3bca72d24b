import { NotificationKind } from './notification.entity';

/**
 * Who is told what, and what an e-mail says: pure rules (no database). The trigger on
 * referral_event (db migration 1765600000000-notifications) is the SQL twin of
 * `notificationKindOf` and `notifiedOrganisations`; notification.test.ts runs events through
 * both and checks that they agree. `actionNoticeSql` is the twin of `actionNoticeOf`.
 */

export interface EventFacts {
  type: string;
  fromStatus: string | null;
  toStatus: string | null;
}

/** Events that give the referral's (new) receiving organisation a referral: a new one, and one handed over to it. */
export const RECEIVED_EVENTS: readonly string[] = ['CREATED', 'HANDED_OVER'];

/**
 * REFERRAL_RECEIVED for a new referral or one handed over (the receiving organisation is the new
 * holder then), STATUS_CHANGED for an event that moves the status, nothing for the rest (notes,
 * consent, actions, consultations).
 */
export function notificationKindOf(event: EventFacts): NotificationKind.REFERRAL_RECEIVED | NotificationKind.STATUS_CHANGED | null {
  if (RECEIVED_EVENTS.includes(event.type)) return NotificationKind.REFERRAL_RECEIVED;
  if (event.toStatus !== null && event.toStatus !== event.fromStatus) return NotificationKind.STATUS_CHANGED;
  return null;
}

export interface ReferralParties {
  referringOrganisationId: string;
  receivingOrganisationId: string | null;
}

/**
 * The organisations whose users are told: the receiver of a new referral; the referrer and the
 * receiver of a status change. Never the organisation that made the change (it knows).
 */
export function notifiedOrganisations(kind: NotificationKind, parties: ReferralParties, actingOrganisationId: string | null): string[] {
  const candidates =
    kind === NotificationKind.REFERRAL_RECEIVED ? [parties.receivingOrganisationId] : kind === NotificationKind.STATUS_CHANGED ? [parties.referringOrganisationId, parties.receivingOrganisationId] : [];
  return [...new Set(candidates.filter((id): id is string => id !== null && id !== actingOrganisationId))];
}

/**
 * An open action's notice on `today` (both YYYY-MM-DD, Europe/Amsterdam): OVERDUE once its due
 * date has passed, DUE from `dueSoonDays` days before it, nothing earlier.
 */
export function actionNoticeOf(dueOn: string, today: string, dueSoonDays: number): NotificationKind.ACTION_DUE | NotificationKind.ACTION_OVERDUE | null {
  if (dueOn < today) return NotificationKind.ACTION_OVERDUE;
  const soon = new Date(`${today}T00:00:00Z`);
  soon.setUTCDate(soon.getUTCDate() + dueSoonDays);
  return dueOn <= soon.toISOString().slice(0, 10) ? NotificationKind.ACTION_DUE : null;
}

/** SQL twin of `actionNoticeOf` for the action `a` (a `due_on` date column); `$today` a date parameter, `$days` an integer one. */
export function actionNoticeSql(a: string, today: string, days: string): string {
  return `CASE WHEN ${a}.due_on < ${today}::date THEN '${NotificationKind.ACTION_OVERDUE}'
               WHEN ${a}.due_on <= ${today}::date + ${days}::int THEN '${NotificationKind.ACTION_DUE}' END`;
}

/**
 * A closed case's look-again notice (step 5, §3.7) is due on its day, and for
 * `LOOK_AGAIN_CATCH_UP_DAYS` after it, so a worker that did not run that day still tells; a date
 * longer past (a past case entered afterwards) gives none. Dates YYYY-MM-DD, Europe/Amsterdam.
 */
export const LOOK_AGAIN_CATCH_UP_DAYS = 7;

export function lookAgainDue(lookAgainOn: string, today: string): boolean {
  const earliest = new Date(`${today}T00:00:00Z`);
  earliest.setUTCDate(earliest.getUTCDate() - LOOK_AGAIN_CATCH_UP_DAYS);
  return lookAgainOn <= today && lookAgainOn >= earliest.toISOString().slice(0, 10);
}

/** SQL twin of `lookAgainDue` for the referral `r` (a `look_again_on` date column) and the date expression `today`. */
export function lookAgainDueSql(r: string, today: string): string {
  return `(${r}.look_again_on <= ${today}::date AND ${r}.look_again_on >= ${today}::date - ${LOOK_AGAIN_CATCH_UP_DAYS})`;
}

/**
 * A record that went stale (STALE_AFTER_MONTHS without a verification, curation's
 * `recordsGoneStaleSql`) is announced from that moment and for `STALE_NOTICE_CATCH_UP_DAYS`
 * after it, so a worker that did not run that day still tells; a record stale for longer
 * (already so when this was installed, or when a user joined) is on the work list and gives no
 * notice. Once per user and moment: the unique index UQ_notification_stale_record.
 */
export const STALE_NOTICE_CATCH_UP_DAYS = 7;

export function staleNoticeDue(staleSince: Date, now: Date): boolean {
  return staleSince.getTime() <= now.getTime() && staleSince.getTime() > now.getTime() - STALE_NOTICE_CATCH_UP_DAYS * 86_400_000;
}

/** SQL twin of `staleNoticeDue` for a `stale_since` timestamp expression. */
export function staleNoticeDueSql(staleSince: string): string {
  return `(${staleSince} <= now() AND ${staleSince} > now() - make_interval(days => ${STALE_NOTICE_CATCH_UP_DAYS}))`;
}

const DUTCH: Record<NotificationKind, [string, string]> = {
  [NotificationKind.REFERRAL_RECEIVED]: ['nieuwe verwijzing', 'nieuwe verwijzingen'],
  [NotificationKind.STATUS_CHANGED]: ['verwijzing met een nieuwe status', 'verwijzingen met een nieuwe status'],
  [NotificationKind.ACTION_DUE]: ['actie die binnenkort moet zijn gedaan', 'acties die binnenkort moeten zijn gedaan'],
  [NotificationKind.ACTION_OVERDUE]: ['actie over de afgesproken datum', 'acties over de afgesproken datum'],
  [NotificationKind.LOOK_AGAIN]: ['afgesloten casus om opnieuw naar te kijken', 'afgesloten casussen om opnieuw naar te kijken'],
  [NotificationKind.STALE_RECORD]: ['gegeven van de kaart om te controleren', 'gegevens van de kaart om te controleren'],
  [NotificationKind.PROPOSAL_SUBMITTED]: ['nieuw voorstel om te beoordelen', 'nieuwe voorstellen om te beoordelen'],
  [NotificationKind.PROPOSAL_ACCEPTED]: ['voorstel aangenomen', 'voorstellen aangenomen'],
  [NotificationKind.PROPOSAL_REJECTED]: ['voorstel afgewezen', 'voorstellen afgewezen'],
};
const ENGLISH: Record<NotificationKind, [string, string]> = {
  [NotificationKind.REFERRAL_RECEIVED]: ['new referral', 'new referrals'],
  [NotificationKind.STATUS_CHANGED]: ['referral with a new status', 'referrals with a new status'],
  [NotificationKind.ACTION_DUE]: ['action due soon', 'actions due soon'],
  [NotificationKind.ACTION_OVERDUE]: ['overdue action', 'overdue actions'],
  [NotificationKind.LOOK_AGAIN]: ['closed case to look at again', 'closed cases to look at again'],
  [NotificationKind.STALE_RECORD]: ['record of the map to verify', 'records of the map to verify'],
  [NotificationKind.PROPOSAL_SUBMITTED]: ['new proposal to review', 'new proposals to review'],
  [NotificationKind.PROPOSAL_ACCEPTED]: ['proposal accepted', 'proposals accepted'],
  [NotificationKind.PROPOSAL_REJECTED]: ['proposal rejected', 'proposals rejected'],
};
const ORDER = [NotificationKind.REFERRAL_RECEIVED, NotificationKind.STATUS_CHANGED, NotificationKind.ACTION_OVERDUE, NotificationKind.ACTION_DUE, NotificationKind.LOOK_AGAIN, NotificationKind.STALE_RECORD, NotificationKind.PROPOSAL_SUBMITTED, NotificationKind.PROPOSAL_ACCEPTED, NotificationKind.PROPOSAL_REJECTED];

export interface EmailMessage {
  subject: string;
  text: string;
}

/**
 * The e-mail for some notifications of one user: counts per kind and a link to the list, in
 * Dutch and in English. It is made from the kinds alone — no dossier number, name, summary or
 * note can reach it (rule 5 of docs/architecture.md: case content never reaches e-mails); the
 * reader opens Schakel, where reads are checked and logged.
 */
export function emailMessage(kinds: readonly NotificationKind[], options: { appUrl: string | null; digest: boolean }): EmailMessage {
  const counts = new Map<NotificationKind, number>();
  for (const kind of kinds) counts.set(kind, (counts.get(kind) ?? 0) + 1);
  const lines = (words: Record<NotificationKind, [string, string]>) =>
    ORDER.filter((kind) => counts.has(kind)).map((kind) => `- ${counts.get(kind)} ${words[kind][counts.get(kind) === 1 ? 0 : 1]}`);
  const total = kinds.length;
  const link = options.appUrl ? `${options.appUrl.replace(/\/+$/, '')}/meldingen` : null;
  const subject = options.digest
    ? `Schakel: overzicht van vandaag, ${total} ${total === 1 ? 'ongelezen melding' : 'ongelezen meldingen'}`
    : `Schakel: ${total} ${total === 1 ? 'nieuwe melding' : 'nieuwe meldingen'}`;
  const text = [
    options.digest ? 'Goedemorgen,' : 'Hallo,',
    '',
    options.digest ? 'Dit staat ongelezen voor u klaar in Schakel:' : 'Er is nieuws voor uw organisatie in Schakel:',
    ...lines(DUTCH),
    '',
    link ? `Bekijk de meldingen: ${link}` : 'Log in op Schakel om de meldingen te bekijken.',
    'Om privacyredenen staat in deze e-mail niets over de casus zelf.',
    '',
    '---',
    options.digest ? 'Waiting unread for you in Schakel:' : 'There is news for your organisation in Schakel:',
    ...lines(ENGLISH),
    '',
    link ? `See the notifications: ${link}` : 'Sign in to Schakel to see the notifications.',
    'For privacy reasons this e-mail says nothing about the case itself.',
    '',
    'U kunt kiezen voor direct, een dagelijks overzicht of geen e-mail op de pagina Meldingen. / Choose immediate, a daily digest or no e-mail on the Notifications page.',
  ].join('\n');
  return { subject, text };
}
