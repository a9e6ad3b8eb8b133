// Handlers of app, setup, settings, users and SMTP profiles.
import { assertPracticeTarget } from '../../../shared/practice';
import type { AppContext } from '../app-context';
import type { DomainHandlers } from '../handler-types';
import { toProfileDto, toUserDto } from './mappers';

/** Two users: every send needs a second person's PIN (promise 3). */
export const MIN_USERS = 2;

export function appHandlers(app: AppContext): DomainHandlers<'app' | 'setup' | 'settings' | 'users' | 'profiles'> {
  const s = () => app.services();

  /** In practice mode a profile may only point at the practice outbox: refused before any I/O. */
  function guardPractice(target: { host: string; port: number }): void {
    const ws = s().practice;
    if (ws) assertPracticeTarget(target, ws.outbox);
  }

  return {
    'app:info': () => app.info(),
    'setup:status': () => {
      const { settings, users, profiles } = s();
      const organisationName = settings.get().organisationName;
      const userCount = users.listUsers().length;
      const profileCount = profiles.listProfiles().length;
      return {
        organisationName,
        userCount,
        profileCount,
        minUsers: MIN_USERS,
        complete: organisationName !== null && userCount >= MIN_USERS && profileCount > 0,
      };
    },
    'settings:get': () => s().settings.get(),
    'settings:update': ({ actorId, ...patch }) => s().settings.update(patch, app.actorName(actorId)),

    'users:list': () => s().users.listUsers().map((u) => toUserDto(u, s().clock)),
    'users:create': async ({ name, pin }) => toUserDto(await s().users.createUser(name, pin), s().clock),
    'users:verify-pin': async ({ userId, pin }) => toUserDto(await s().users.verifyPin(userId, pin), s().clock),

    'profiles:list': () => s().profiles.listProfiles().map(toProfileDto),
    'profiles:create': async ({ actorId, profile }) => {
      guardPractice(profile);
      const practice = s().practice !== null;
      return toProfileDto(await s().profiles.createProfile({ ...profile, practice }, app.actorName(actorId)));
    },
    'profiles:update': async ({ actorId, id, profile }) => {
      guardPractice(profile);
      return toProfileDto(await s().profiles.updateProfile(id, profile, app.actorName(actorId)));
    },
    'profiles:delete': async ({ actorId, id }) => {
      await s().profiles.deleteProfile(id, app.actorName(actorId));
      return null;
    },
    'profiles:test': async ({ id }) => {
      const p = s().profiles.getProfile(id);
      guardPractice(p);
      await s().profiles.testConnection(id);
      return { host: p.host, port: p.port, security: p.security, authenticated: p.authUser !== null };
    },
  };
}
