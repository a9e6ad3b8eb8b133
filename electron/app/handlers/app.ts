// Handlers of app, setup, settings, users and SMTP profiles.
import { assertPracticeTarget } from '../../../shared/practice';
import type { AppContext } from '../app-context';
import type { DomainHandlers } from '../handler-types';
import { readSetupStatus } from '../setup-status';
import { toProfileDto, toUserDto } from './mappers';

export function appHandlers(app: AppContext): DomainHandlers<'app' | 'setup' | 'settings' | 'users' | 'test-addresses' | 'profiles'> {
  const s = () => app.services();
  /**
   * Who makes a change that decides where mail goes or how long approvals hold: anyone while
   * setting up; after that two users with their PINs (one person redirecting the account's server
   * got members' test messages and the password).
   */
  const twoPersonActor = async (actorId: number | null, signers: readonly { userId: number; pin: string }[] | undefined) => {
    if (!s().users.isSetUp()) return app.actorName(actorId);
    const [a, b] = await s().users.confirmTwo(signers ?? []);
    return `${a.name} + ${b.name}`;
  };
  const userDto = (u: Parameters<typeof toUserDto>[0]) => toUserDto(u, s().clock);

  /** In practice mode a profile may only point at the practice outbox: refused before any I/O. */
  function guardPractice(target: { host: string; port: number }): void {
    const ws = s().practice;
    if (ws) assertPracticeTarget(target, ws.outbox);
  }

  return {
    'app:info': () => app.info(),
    'setup:status': () => readSetupStatus(s()),
    'settings:get': () => s().settings.get(),
    'settings:update': async ({ actorId, signers, ...patch }) => {
      // A longer validity revives and extends approvals already given: two people, as for approving.
      const longer = patch.approvalValidHours !== undefined && patch.approvalValidHours > s().settings.get().approvalValidHours;
      const actor = longer ? await twoPersonActor(actorId, signers) : app.actorName(actorId);
      return s().settings.update(patch, actor);
    },

    'users:list': () => s().users.listUsers().map((u) => userDto(u)),
    'users:create': async ({ name, pin, signers }) => {
      const u = await s().users.createUser(name, pin, signers);
      return { ...userDto(u), recoveryCode: u.recoveryCode };
    },
    'users:rename': async ({ userId, name, signers }) => userDto(await s().users.renameUser(userId, name, signers)),
    'users:set-pin': async ({ userId, pin, signers }) => userDto(await s().users.setPin(userId, pin, signers)),
    'users:remove': async ({ userId, signers }) => {
      await s().users.removeUser(userId, signers);
      return null;
    },
    'users:recover': async ({ userId, pin, recoveryCode, helper }) => ({
      recoveryCode: (await s().users.recover(userId, pin, recoveryCode, helper)).recoveryCode,
    }),
    'users:new-recovery-code': async ({ signers }) => ({ recoveryCode: await s().users.newRecoveryCode(signers) }),

    'test-addresses:list': () => s().testSend.listAddresses(),
    'test-addresses:add': ({ address, signers }) => s().testSend.addAddress(address, signers ?? []),
    'test-addresses:remove': ({ actorId, address }) => s().testSend.removeAddress(address, app.actorName(actorId)),

    'profiles:list': () => s().profiles.listProfiles().map(toProfileDto),
    'profiles:create': async ({ actorId, profile, signers }) => {
      guardPractice(profile);
      const practice = s().practice !== null;
      const created = await s().profiles.createProfile({ ...profile, practice }, await twoPersonActor(actorId, signers));
      s().testSend.registerSetUpAddress(created.fromAddress);
      return toProfileDto(created);
    },
    'profiles:update': async ({ actorId, id, profile, signers }) => {
      guardPractice(profile);
      const before = s().profiles.getProfile(id);
      const updated = await s().profiles.updateProfile(id, profile, await twoPersonActor(actorId, signers));
      // A sign-in is for one mailbox at one provider: another of either needs a new sign-in.
      if (before.authUser !== updated.authUser || before.oauthProvider !== updated.oauthProvider || updated.authMethod !== 'oauth2') await s().oauth.forget(id);
      // The organisation's sending address follows its account's From, so changing the address
      // (already confirmed by two people) does not leave every notice blocked as "not ours".
      s().settings.followSenderAddress(before.fromAddress, updated.fromAddress, app.actorName(actorId));
      s().testSend.registerSetUpAddress(updated.fromAddress);
      return toProfileDto(updated);
    },
    'profiles:delete': async ({ actorId, id, signers }) => {
      await s().profiles.deleteProfile(id, await twoPersonActor(actorId, signers));
      await s().oauth.forget(id);
      return null;
    },
    'profiles:test': async ({ id }) => {
      const p = s().profiles.getProfile(id);
      guardPractice(p);
      const r = await s().profiles.testConnection(id);
      return { host: p.host, port: p.port, security: p.security, authenticated: r.authenticated, steps: r.steps, offered: r.offered };
    },
  };
}
