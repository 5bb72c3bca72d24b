import { ConsentScope, type Referral, ReferralStatus } from './referral.entity';
import { type CaseCircle, viewOf } from './referral.access';
import { OPEN_STATUSES, ReferralParty, transitionsFrom } from './referral.transitions';

/**
 * No case can end up where no party may move it (the "stuck" case: a member that
 * accepted without consent could not move it any more). Walks every open status × the shape of
 * the referral (to an organisation, to a network alone, both) × who holds it (nobody yet, the
 * receiver, a core member, an organisation it was handed over to outside the network) × the
 * consent (none, RECEIVER, NETWORK, one organisation, withdrawn) × every kind of organisation,
 * through the real read rule (`viewOf`) and transition table, and asserts that someone can
 * always move an open case — the holder itself once there is one, the receiving side before —
 * and that nobody outside the case ever can.
 */
const P = 'referrer';
const R = 'receiver';
const C = 'core-member';
const C2 = 'other-core-member';
const S = 'shell-partner';
const K = 'consulted-shell-partner';
const X = 'consented-outsider';
const H = 'handed-over-to';
const O = 'outsider';
const EVERYONE = [P, R, C, C2, S, K, X, H, O];

type Shape = 'organisation' | 'network' | 'both';
type Holder = 'none' | 'receiver' | 'core' | 'handedOver';
type Consent = 'none' | 'RECEIVER' | 'NETWORK' | 'ORGANISATION' | 'withdrawn';

function referral(status: ReferralStatus, shape: Shape, holder: Holder): Referral {
  const receiver = shape === 'network' ? null : R;
  const holderId = holder === 'none' ? null : holder === 'receiver' ? receiver : holder === 'core' ? C : H;
  return {
    id: 'r',
    dossierNumber: '2008-00001',
    status,
    referringOrganisationId: P,
    // Accepting a network case makes the accepting member its receiver; a handover moves both.
    receivingOrganisationId: holder === 'handedOver' ? H : holder === 'core' && shape === 'network' ? C : receiver,
    holderOrganisationId: holderId,
    networkId: shape === 'organisation' ? null : 'n',
  } as Referral;
}

function circle(consent: Consent): CaseCircle {
  const consents =
    consent === 'none' || consent === 'withdrawn'
      ? []
      : [{ scope: consent as ConsentScope, organisationId: consent === ConsentScope.ORGANISATION ? X : null }];
  return { core: [C, C2], shell: [S, K], consulted: [K], consents };
}

/** The organisations that have at least one move (status change) on the referral. */
function movers(r: Referral, c: CaseCircle): string[] {
  return EVERYONE.filter((org) => {
    const view = viewOf(r, org, c);
    return transitionsFrom(r.status).some((t) => view.parties.has(t.by));
  });
}

const combinations: Array<[ReferralStatus, Shape, Holder, Consent]> = [];
for (const status of OPEN_STATUSES) {
  for (const shape of ['organisation', 'network', 'both'] as Shape[]) {
    for (const holder of ['none', 'receiver', 'core', 'handedOver'] as Holder[]) {
      // Before acceptance nobody holds it; after, somebody does.
      if ((status === ReferralStatus.SIGNALLED) !== (holder === 'none')) continue;
      if (holder === 'receiver' && shape === 'network') continue;
      if (holder === 'core' && shape === 'organisation') continue;
      for (const consent of ['none', 'RECEIVER', 'NETWORK', 'ORGANISATION', 'withdrawn'] as Consent[]) {
        if (consent === 'NETWORK' && shape === 'organisation') continue;
        combinations.push([status, shape, holder, consent]);
      }
    }
  }
}

describe('someone can always move an open case', () => {
  it('walks every combination', () => {
    // 4 accepted open statuses (EXPLORING, ACTION_AGREED, IN_PROGRESS, ON_HOLD) × (organisation: 2 holders × 4 consents + network: 2 × 5 + both: 3 × 5) + SIGNALLED × (4 + 5 + 5)
    expect(combinations).toHaveLength(4 * (2 * 4 + 2 * 5 + 3 * 5) + (4 + 5 + 5));
  });

  it.each(combinations)('%s, to %s, held by %s, consent %s', (status, shape, holder, consent) => {
    const r = referral(status, shape, holder);
    const c = circle(consent);
    const who = movers(r, c);
    expect(who.length).toBeGreaterThan(0);
    // The referrer can always withdraw an open case.
    expect(who).toContain(P);
    if (r.holderOrganisationId) {
      // The organisation that took the case (or was handed it) can move it on, whatever the consent.
      const view = viewOf(r, r.holderOrganisationId, c);
      expect(view.access).not.toBe('NONE');
      expect(transitionsFrom(status).filter((t) => t.by !== ReferralParty.REFERRER).some((t) => view.parties.has(t.by))).toBe(true);
    } else {
      // Not yet taken: the receiving organisation, or for a network case alone every core member, can accept or decline.
      const receivingSide = shape === 'network' ? [C, C2] : [R];
      for (const org of receivingSide) expect(viewOf(r, org, c).parties.has(ReferralParty.RECEIVER)).toBe(true);
    }
    // Nobody outside the case moves it: not an outsider, not a shell partner (consulted or not), nor an organisation without consent.
    for (const org of consent === 'ORGANISATION' ? [O, S, K] : [O, S, K, X]) expect(who).not.toContain(org);
  });

  it('gives the consented outsider the case to work on, and the consulted shell partner reading only', () => {
    const r = referral(ReferralStatus.IN_PROGRESS, 'both', 'receiver');
    const c = circle('ORGANISATION');
    expect(viewOf(r, X, c)).toMatchObject({ access: 'IDENTITY' });
    expect(viewOf(r, X, c).parties.has(ReferralParty.INVOLVED)).toBe(true);
    expect(viewOf(r, K, c)).toMatchObject({ access: 'CONTENT' });
    expect([...viewOf(r, K, c).parties]).toEqual([]);
    expect(viewOf(r, S, c)).toMatchObject({ access: 'NONE' });
    expect(viewOf(r, O, c)).toMatchObject({ access: 'NONE' });
  });
});
