// Sender identity, approvers, free-mail recipients and outside addresses in an internal list.
import { describe, expect, it } from 'vitest';
import { runChecks } from '../../../shared/guards';
import { cleanInput, codes, recipients } from './build-input';

describe('sender', () => {
  it("blocks a From that is not the organisation's address", () => {
    const r = runChecks(cleanInput({ profile: { fromAddress: 'teacher.private@gmail.com' } }));
    const i = r.items.find((x) => x.code === 'sender-not-organisation')!;
    expect(i.severity).toBe('blocking');
    expect(i.params).toMatchObject({ from: 'teacher.private@gmail.com', expected: 'info@tayori-town.jp' });
  });

  it('accepts the configured address whatever its case', () => {
    expect(codes(runChecks(cleanInput({ profile: { fromAddress: 'Info@Tayori-Town.jp' } })))).toEqual([]);
  });

  it('checks the domain when only organisation domains are set', () => {
    const policy = { organisationDomains: ['pref.saga.lg.jp'] };
    expect(codes(runChecks(cleanInput({ policy, profile: { fromAddress: 'kyoiku@pref.saga.lg.jp' } })))).toEqual([]);
    expect(codes(runChecks(cleanInput({ policy, profile: { fromAddress: 'me@yahoo.co.jp' } })))).toEqual(['sender-not-organisation']);
  });

  it('blocks a personal From even when nothing is configured, and warns that nothing is', () => {
    expect(codes(runChecks(cleanInput({ policy: {}, profile: { fromAddress: 'me@docomo.ne.jp' } })))).toEqual(['sender-personal-address']);
    expect(codes(runChecks(cleanInput({ policy: {}, profile: { fromAddress: 'info@club.example' } })))).toEqual(['organisation-address-unset']);
  });

  it('blocks a campaign without a profile', () => {
    expect(codes(runChecks(cleanInput({ profile: null })))).toEqual(['no-sender-profile']);
  });
});

describe('approvers', () => {
  it('blocks when nobody but the requester could approve', () => {
    expect(codes(runChecks(cleanInput({ approversAvailable: 0 })))).toEqual(['no-approver']);
    expect(codes(runChecks(cleanInput({ approversAvailable: 2 })))).toEqual([]);
  });
});

describe('recipient policy', () => {
  it('warns about free-mail and carrier domains when members are organisations', () => {
    const input = cleanInput({
      recipients: recipients(['office@npo-hikari.or.jp', 'taro@docomo.ne.jp', 'x@ab.biglobe.ne.jp', 'y@gmail.com']),
      policy: { organisationAddress: 'info@tayori-town.jp', recipientsAreOrganisations: true },
      previous: {},
    });
    const i = runChecks(input).items.find((x) => x.code === 'free-mail-recipients')!;
    expect(i.members).toEqual([2, 3, 4]);
    expect(i.params.domains).toBe('ab.biglobe.ne.jp, docomo.ne.jp, gmail.com');
    // Without that policy only the carrier members' own warning remains (the phones may refuse PC mail).
    expect(codes(runChecks({ ...input, policy: { organisationAddress: 'info@tayori-town.jp' } }))).toEqual(['carrier-recipients']);
  });

  it('warns about outside addresses in a list of mostly internal ones', () => {
    const r = runChecks(
      cleanInput({
        recipients: recipients(['a@mhlw.go.jp', 'b@mhlw.go.jp', 'c@sub.mhlw.go.jp', 'd@example.com']),
        policy: { organisationAddress: 'info@mhlw.go.jp', organisationDomains: ['mhlw.go.jp'] },
        profile: { fromAddress: 'info@mhlw.go.jp' },
        previous: {},
      }),
    );
    const i = r.items.find((x) => x.code === 'external-among-internal')!;
    expect(i.members).toEqual([4]);
  });
});
