import { GraphQLJSONObject } from 'graphql-scalars';
import { Field, Float, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { ReferralEventType } from './referral-event.entity';
import { ConsentScope, LifeDomain, type Referral, ReferralStatus } from './referral.entity';
import type { ReferralParty } from './referral.transitions';

registerEnumType(ReferralStatus, {
  name: 'ReferralStatus',
  description: "A referral's stage: the book's five steps (§3.7) plus the side exits.",
  valuesConfig: {
    SIGNALLED: { description: 'Step 1, signaalbespreking: signalled, waiting for the receiver.' },
    EXPLORING: { description: 'Step 2, verdieping: accepted; situation, history and support system being explored.' },
    ACTION_AGREED: { description: 'Step 3, actiefase: actions (werkafspraken) agreed.' },
    IN_PROGRESS: { description: 'Step 4, voortgang: actions carried out and reported back at the meetings.' },
    ON_HOLD: { description: '"In portefeuille": no contact yet or not wanted now; retry later.' },
    CLOSED: { description: 'Step 5, afsluiting: closed with an outcome and a problem owner.' },
    DECLINED: { description: 'The receiver cannot take it (with a reason).' },
    WITHDRAWN: { description: 'The referrer withdrew it.' },
  },
});
registerEnumType(ConsentScope, {
  name: 'ConsentScope',
  description: "Whom the person's consent lets read the identifying details (the referring organisation always reads them).",
  valuesConfig: {
    RECEIVER: { description: 'The organisation that receives or holds the case.' },
    NETWORK: { description: "The core members of the referral's network." },
    ORGANISATION: { description: 'One named organisation.' },
  },
});
registerEnumType(LifeDomain, { name: 'LifeDomain', description: 'Life domains (leefgebieden) a case touches.' });
registerEnumType(ReferralEventType, { name: 'ReferralEventType' });

/**
 * A referral as one viewer may see it, in two layers: the anonymous case (`contentVisible`)
 * and the identifying details (`identityVisible`). Viewers who may read neither never get the
 * node (FORBIDDEN, or left out of lists).
 */
@ObjectType('Referral', {
  description:
    'A referral (verwijzing / casus) in two layers (§4.5). The anonymous case — dossier number, area, target groups, life domains, what is asked, status, actions — ' +
    "is read by the referring and receiving organisations, the holder, the core members of the network it is brought into, shell partners consulted on it and organisations with consent. " +
    'The identifying details are read only by the referring organisation and the organisations the person consented to.',
})
export class ReferralNode {
  @Field(() => ID)
  id: string;

  @Field(() => String, { description: 'Year and number, e.g. 2026-00042.' })
  dossierNumber: string;

  @Field(() => ReferralStatus)
  status: ReferralStatus;

  @Field(() => Int, { description: 'Incremented on every change; changes must send the version they read.' })
  version: number;

  @Field(() => Boolean, { description: 'Whether you may read the anonymous case (true on every referral you are given).' })
  contentVisible: boolean;

  @Field(() => Boolean, { description: 'Whether you may read the identifying details (the referring organisation, and organisations with standing consent).' })
  identityVisible: boolean;

  /** The record, only when the viewer may read the case (never exposed as such). */
  content: Referral | null;

  /** The viewer's parts in this referral (REFERRER, RECEIVER, INVOLVED). */
  parties: ReferralParty[];
}

@ObjectType('ConsentRecord', { description: 'One consent: whom it names, who recorded it when, and its withdrawal.' })
export class ConsentRecordNode {
  @Field(() => ID)
  id: string;

  @Field(() => ConsentScope)
  scope: ConsentScope;

  @Field(() => Date)
  givenAt: Date;

  @Field(() => Date, { nullable: true, description: 'From this moment on the consent gives nobody access.' })
  withdrawnAt: Date | null;

  organisationId: string | null;
  recordedByUserId: string | null;
  recordedByApiKeyId: string | null;
  recordedForOrganisationId: string | null;
  withdrawnByUserId: string | null;
  withdrawnByApiKeyId: string | null;
}

@ObjectType('Consent', { description: "The person's consent to lift the anonymity of the case (§4.5), now and in its history." })
export class ConsentNode {
  @Field(() => Boolean, { description: 'Whether a consent stands now.' })
  given: boolean;

  @Field(() => ConsentScope, { nullable: true, description: 'The widest standing scope (NETWORK, RECEIVER, ORGANISATION), null when none stands.' })
  scope: ConsentScope | null;

  @Field(() => Date, { nullable: true, description: 'When consent was last given or withdrawn.' })
  recordedAt: Date | null;

  @Field(() => [ConsentRecordNode], { description: 'Every consent, standing and withdrawn, oldest first.' })
  records: ConsentRecordNode[];

  /** Not exposed directly: who last gave or withdrew it. */
  recordedById: string | null;
  recordedByApiKeyId: string | null;
}

@ObjectType('ReferralConsultation', { description: 'A shell partner consulted on the case by a core partner (§4.4 B).' })
export class ReferralConsultationNode {
  @Field(() => ID)
  id: string;

  @Field(() => Date)
  consultedAt: Date;

  @Field(() => String, { nullable: true })
  question: string | null;

  organisationId: string;
  consultedByOrganisationId: string;
}

@ObjectType('ReferralEvent', { description: 'One entry of the append-only history of a referral.' })
export class ReferralEventNode {
  @Field(() => ID)
  id: string;

  @Field(() => String)
  dossierNumber: string;

  @Field(() => Int, { description: '1, 2, 3, … within the referral.' })
  sequence: number;

  @Field(() => ReferralEventType)
  type: ReferralEventType;

  @Field(() => ReferralStatus, { nullable: true })
  fromStatus: ReferralStatus | null;

  @Field(() => ReferralStatus, { nullable: true })
  toStatus: ReferralStatus | null;

  @Field(() => String, { nullable: true, description: 'Note, decline reason, action description or result, outcome.' })
  note: string | null;

  @Field(() => GraphQLJSONObject)
  data: Record<string, unknown>;

  @Field(() => Date, { description: 'When it was recorded.' })
  occurredAt: Date;

  @Field(() => String, { nullable: true, description: 'The day it really happened, when it was entered afterwards (YYYY-MM-DD); null: on the day it was recorded.' })
  happenedOn: string | null;

  @Field(() => Boolean, { description: 'Entered afterwards (a past case, or a step recorded later than it happened).' })
  enteredAfterwards: boolean;

  organisationId: string | null;
  actorUserId: string | null;
  actorApiKeyId: string | null;
}

@ObjectType('ReferralAction', { description: 'Werkafspraak: who does what by when.' })
export class ReferralActionNode {
  @Field(() => ID)
  id: string;

  @Field(() => Int, { description: 'The version completeReferralAction must send.' })
  version: number;

  @Field(() => String)
  dossierNumber: string;

  @Field(() => String)
  description: string;

  @Field(() => String, { description: 'YYYY-MM-DD.' })
  dueOn: string;

  @Field(() => Date, { nullable: true })
  completedAt: Date | null;

  @Field(() => String, { nullable: true })
  result: string | null;

  @Field(() => Boolean, { description: 'Open, past its due date, on an open referral.' })
  overdue: boolean;

  @Field(() => Date)
  createdAt: Date;

  assignedOrganisationId: string;
}

@ObjectType('NetworkAgenda', {
  description:
    "A network meeting's agenda (book §4.4): open cases, actions due by the next meeting, what changed since the last one, overdue actions, closed cases to look at again. " +
    'Core members see every case of the network; shell partners only the cases they were consulted on.',
})
export class NetworkAgendaNode {
  networkId: string;

  @Field(() => Int, { description: "The network's meeting interval (or the default action period)." })
  meetingIntervalWeeks: number;

  @Field(() => String, { description: 'Today plus the meeting interval (YYYY-MM-DD).' })
  nextMeetingOn: string;

  @Field(() => String, { description: 'Start of "since the last meeting": today minus the interval, or the date asked for.' })
  lastMeetingOn: string;

  @Field(() => [ReferralNode], { description: 'Open referrals of the network, oldest first.' })
  openCases: ReferralNode[];

  @Field(() => [ReferralNode], { description: 'Referrals of the network that ended (closed, declined, withdrawn) since the last meeting.' })
  endedSinceLastMeeting: ReferralNode[];

  @Field(() => [ReferralActionNode], { description: 'Open actions due from today up to the next meeting.' })
  actionsDue: ReferralActionNode[];

  @Field(() => [ReferralActionNode], { description: 'Open actions past their due date.' })
  overdueActions: ReferralActionNode[];

  @Field(() => [ReferralEventNode], { description: 'Events since the last meeting, oldest first (cases you may read).' })
  changesSinceLastMeeting: ReferralEventNode[];

  @Field(() => [ReferralNode], { description: 'Closed cases to stay alert on whose look-again date falls from the last meeting up to the next (§3.7 step 5), earliest first.' })
  toLookAgain: ReferralNode[];
}

// Aggregates ----------------------------------------------------------------------------------

export const SUPPRESSION_THRESHOLD = 5;

@ObjectType('SuppressedCount', { description: `A count; below ${SUPPRESSION_THRESHOLD} (or derivable from other cells) it is suppressed: null with suppressed true.` })
export class SuppressedCount {
  @Field(() => Int, { nullable: true })
  count: number | null;

  @Field(() => Boolean)
  suppressed: boolean;
}

@ObjectType('ReferralStatusCount')
export class ReferralStatusCount extends SuppressedCount {
  @Field(() => ReferralStatus)
  status: ReferralStatus;
}

@ObjectType('ReferralAreaCount', { description: 'Referrals by the area recorded on them; area null: no area recorded.' })
export class ReferralAreaCount extends SuppressedCount {
  areaId: string | null;
}

@ObjectType('ReferralTargetGroupCount', { description: 'A referral can concern several target groups, so these counts overlap.' })
export class ReferralTargetGroupCount extends SuppressedCount {
  targetGroupId: string;
}

@ObjectType('ReferralMonthCount')
export class ReferralMonthCount extends SuppressedCount {
  @Field(() => String, { description: 'YYYY-MM (Europe/Amsterdam), the month referrals were opened.' })
  month: string;
}

@ObjectType('SuppressedNumber', { description: `A figure computed from fewer than ${SUPPRESSION_THRESHOLD} referrals is suppressed: null with suppressed true.` })
export class SuppressedNumber {
  @Field(() => Float, { nullable: true })
  value: number | null;

  @Field(() => Boolean)
  suppressed: boolean;
}

@ObjectType('ReferralStatistics', {
  description:
    `Referral flow in aggregate, for municipality users (their areas and below) and admins; no case content. Purged referrals still count. ` +
    `Every count below ${SUPPRESSION_THRESHOLD} is suppressed, and in each breakdown that adds up to the total (status, area, month) ` +
    'a second cell is suppressed when one alone would be, so no suppressed cell follows from the total by subtraction.',
})
export class ReferralStatisticsNode {
  areaIds: string[] | null;

  @Field(() => Int, { description: 'Counts below this are suppressed.' })
  threshold: number;

  @Field(() => SuppressedCount, { description: 'All referrals in scope, open and ended, including purged ones.' })
  total: SuppressedCount;

  @Field(() => [ReferralStatusCount])
  byStatus: ReferralStatusCount[];

  @Field(() => [ReferralAreaCount])
  byArea: ReferralAreaCount[];

  @Field(() => [ReferralTargetGroupCount])
  byTargetGroup: ReferralTargetGroupCount[];

  @Field(() => [ReferralMonthCount], { description: 'Referrals opened per month, from the first month with a referral to this month.' })
  byMonth: ReferralMonthCount[];

  @Field(() => SuppressedNumber, { description: 'Median calendar days from opening to closing, over CLOSED referrals.' })
  medianDaysToClose: SuppressedNumber;

  @Field(() => SuppressedCount, { description: 'Open actions past their due date on open referrals.' })
  overdueActions: SuppressedCount;
}

// Access log and retention --------------------------------------------------------------------

@ObjectType('AccessLogEntry', { description: 'One row of the access log (NEN 7513): who read or changed which dossier, when, on whose behalf, from where.' })
export class AccessLogEntryNode {
  @Field(() => ID)
  id: string;

  @Field(() => Date)
  occurredAt: Date;

  @Field(() => String, { description: 'READ, READ_DENIED (a refused attempt), CREATE, UPDATE, PURGE or EXPORT (of personal data: a person\'s data or the access log).' })
  eventType: string;

  @Field(() => String, { nullable: true })
  dossierNumber: string | null;

  @Field(() => ID, { nullable: true })
  userId: string | null;

  @Field(() => ID, { nullable: true })
  apiKeyId: string | null;

  @Field(() => String, { nullable: true, description: 'ADMIN, MUNICIPALITY, ORGANISATION, API_KEY or SYSTEM.' })
  role: string | null;

  @Field(() => String, { nullable: true })
  ipAddress: string | null;

  @Field(() => String, { nullable: true })
  userAgent: string | null;

  @Field(() => String, { nullable: true, description: 'The GraphQL field or script that caused the access.' })
  operation: string | null;

  @Field(() => GraphQLJSONObject)
  details: Record<string, unknown>;

  organisationId: string | null;
}

@ObjectType('PurgeReferralsResult')
export class PurgeReferralsResult {
  @Field(() => Int)
  purged: number;

  @Field(() => [String], { description: 'Dossier numbers of the purged referrals (each left a deletion record).' })
  dossierNumbers: string[];

  @Field(() => Date, { description: 'Referrals that ended before this moment were purged.' })
  endedBefore: Date;
}
