// Probe (round 4, item 2): for a Microsoft/Google account the IMAP session signs in as the
// profile's mailbox (its authUser), not the IMAP form's user. saveAccount forgets the read position
// (UIDVALIDITY + last UID) when the IMAP form's host or user changes, since "a new server or user
// is another mailbox". Probed: the profile's mailbox changed through profiles:update (the sign-in
// is forgotten there) — the position read in the old mailbox must not carry over to the new one,
// or every bounce in the new mailbox with a UID at or below the old last UID is skipped whenever
// the two INBOXes share a UIDVALIDITY.
import { afterEach, describe, expect, it } from 'vitest';
import { getScanState, setScanState } from '../../../electron/db/repos/imap-accounts-repo';
import { createTestApp } from '../../helpers/app-harness';
import { setUpOffice } from '../../helpers/office';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

describe('probe: the IMAP read position when the signed-in mailbox changes', () => {
  // Was a defect (medium), fixed in profile-service.ts: the profiles:update handler forgot the OAuth sign-in when authUser changed
  // but leaves imap_scan_state as it was, and saveAccount only clears it for a change of the IMAP
  // form's host/user, which no longer names the mailbox read for an OAuth account.
  it('is forgotten when the profile\'s mailbox changes', async () => {
    const app = createTestApp(cleanups);
    const { profile, a, b } = await setUpOffice(app);
    const signers = [{ userId: a.id, pin: '4826' }, { userId: b.id, pin: '7391' }];
    const base = { name: 'm365', host: 'smtp.office365.com', port: 587, security: 'starttls' as const, fromAddress: 'office@sakura.example', fromName: '事務局', perMinute: null, perHour: null, maxConnections: 1 };
    await app.call('profiles:update', { actorId: a.id, id: profile.id, signers, profile: { ...base, authMethod: 'oauth2', oauthProvider: 'microsoft', authUser: 'office@sakura.example' } } as never);
    const s = app.core.context.services();
    await s.bounces.saveAccount(profile.id, {
      host: 'outlook.office365.com', port: 993, security: 'tls', authUser: 'imap-form@sakura.example',
      readOnly: true, bounceFolder: null, sentFolder: 'Sent', sentCopy: 'off', scanDays: 7,
    }, 'op');
    setScanState(s.db, profile.id, 'INBOX', { uidValidity: '14', lastUid: 5000, scannedAt: 1 });
    await app.call('profiles:update', { actorId: a.id, id: profile.id, signers, profile: { ...base, authMethod: 'oauth2', oauthProvider: 'microsoft', authUser: 'other@sakura.example' } } as never);
    expect(s.db.prepare('SELECT auth_user FROM smtp_profiles WHERE id = ?').pluck().get(profile.id)).toBe('other@sakura.example');
    expect(getScanState(s.db, profile.id, 'INBOX')).toBeUndefined();
  });
});
