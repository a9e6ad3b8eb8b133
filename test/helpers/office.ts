// The office many integration tests start from, set up through the dispatch as the first-run
// screen does: the organisation 桜町内会 (office@sakura.example), one mail account on 127.0.0.1
// and two users, 相川 (PIN 4826) and 別所 (PIN 7391).
import type { ArgsOf } from '../../shared/contract';
import type { TestApp } from './app-harness';

type AccountInput = ArgsOf<'profiles:create'>['profile'];

export const OFFICE_USERS = { a: { name: '相川', pin: '4826' }, b: { name: '別所', pin: '7391' } } as const;

/** `account` overrides the mail account's fields (its SMTP port, limits…); `organisationName` the organisation's. */
export async function setUpOffice({ call }: Pick<TestApp, 'call'>, account: Partial<AccountInput> = {}, organisationName = '桜町内会') {
  await call('settings:update', { actorId: null, organisationName, organisationAddress: 'office@sakura.example' });
  const profile = await call('profiles:create', {
    actorId: null,
    profile: { name: 'local', host: '127.0.0.1', port: 2525, security: 'none', authUser: null, fromAddress: 'office@sakura.example', fromName: '事務局', perMinute: null, perHour: null, maxConnections: 1, ...account },
  });
  const a = await call('users:create', { ...OFFICE_USERS.a });
  const b = await call('users:create', { ...OFFICE_USERS.b });
  return { profile, a, b };
}
