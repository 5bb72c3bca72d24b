import { NotificationKind } from './notification.entity';
import { actionNoticeOf, emailMessage, notificationKindOf, notifiedOrganisations } from './notification.rules';

describe('notification rules', () => {
  it('names the kind of an event: new referral, status move, or nothing', () => {
    expect(notificationKindOf({ type: 'CREATED', fromStatus: null, toStatus: 'SIGNALLED' })).toBe(NotificationKind.REFERRAL_RECEIVED);
    expect(notificationKindOf({ type: 'ACCEPTED', fromStatus: 'SIGNALLED', toStatus: 'EXPLORING' })).toBe(NotificationKind.STATUS_CHANGED);
    expect(notificationKindOf({ type: 'CLOSED', fromStatus: 'IN_PROGRESS', toStatus: 'CLOSED' })).toBe(NotificationKind.STATUS_CHANGED);
    expect(notificationKindOf({ type: 'HANDED_OVER', fromStatus: null, toStatus: null })).toBe(NotificationKind.REFERRAL_RECEIVED);
    expect(notificationKindOf({ type: 'NOTE_ADDED', fromStatus: null, toStatus: null })).toBeNull();
    expect(notificationKindOf({ type: 'CONSULTED', fromStatus: null, toStatus: null })).toBeNull();
    expect(notificationKindOf({ type: 'UPDATED', fromStatus: 'EXPLORING', toStatus: 'EXPLORING' })).toBeNull();
  });

  it('tells the parties but never the organisation that acted', () => {
    const parties = { referringOrganisationId: 'a', receivingOrganisationId: 'b' };
    expect(notifiedOrganisations(NotificationKind.REFERRAL_RECEIVED, parties, 'a')).toEqual(['b']);
    expect(notifiedOrganisations(NotificationKind.REFERRAL_RECEIVED, parties, 'b')).toEqual([]);
    expect(notifiedOrganisations(NotificationKind.STATUS_CHANGED, parties, 'b')).toEqual(['a']);
    expect(notifiedOrganisations(NotificationKind.STATUS_CHANGED, parties, null)).toEqual(['a', 'b']);
    expect(notifiedOrganisations(NotificationKind.STATUS_CHANGED, { referringOrganisationId: 'a', receivingOrganisationId: 'a' }, null)).toEqual(['a']);
    expect(notifiedOrganisations(NotificationKind.REFERRAL_RECEIVED, { referringOrganisationId: 'a', receivingOrganisationId: null }, 'a')).toEqual([]);
  });

  it('says an action is due from N days before its date and overdue after it', () => {
    expect(actionNoticeOf('2026-03-10', '2026-03-07', 2)).toBeNull();
    expect(actionNoticeOf('2026-03-09', '2026-03-07', 2)).toBe(NotificationKind.ACTION_DUE);
    expect(actionNoticeOf('2026-03-07', '2026-03-07', 0)).toBe(NotificationKind.ACTION_DUE);
    expect(actionNoticeOf('2026-03-06', '2026-03-07', 2)).toBe(NotificationKind.ACTION_OVERDUE);
    // Across a month end.
    expect(actionNoticeOf('2026-04-01', '2026-03-31', 1)).toBe(NotificationKind.ACTION_DUE);
  });

  it('writes an e-mail of counts and a link, in Dutch and English', () => {
    const m = emailMessage([NotificationKind.REFERRAL_RECEIVED, NotificationKind.REFERRAL_RECEIVED, NotificationKind.ACTION_OVERDUE], { appUrl: 'https://s.example/', digest: false });
    expect(m.subject).toBe('Schakel: 3 nieuwe meldingen');
    expect(m.text).toContain('- 2 nieuwe verwijzingen');
    expect(m.text).toContain('- 1 actie over de afgesproken datum');
    expect(m.text).toContain('- 2 new referrals');
    expect(m.text).toContain('https://s.example/meldingen');
    expect(m.text.indexOf('verwijzingen')).toBeLessThan(m.text.indexOf('actie over'));
    const d = emailMessage([NotificationKind.STATUS_CHANGED], { appUrl: null, digest: true });
    expect(d.subject).toBe('Schakel: overzicht van vandaag, 1 ongelezen melding');
    expect(d.text).toContain('Log in op Schakel');
    expect(d.text).not.toContain('http');
  });
});
